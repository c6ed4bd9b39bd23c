"""The access matrix is built from the URL configuration: a new URL without a Case fails the suite."""

from django.test import override_settings

from tests.test_access_matrix import uncovered_urls


@override_settings(ROOT_URLCONF="tests.roles.urls_with_a_new_page")
def test_a_new_url_without_a_case_is_reported():
    assert uncovered_urls() == [
        "UNNAMED /khong-ten/ (give it a name and a Case)",
        "new_page  (/trang-moi/)",
    ]
