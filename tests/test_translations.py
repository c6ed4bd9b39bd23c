"""The project's Vietnamese catalogues (locale/vi/LC_MESSAGES): the compiled .mo files are committed, so a fresh
clone needs no gettext; this checks each .mo says what its .po says (recompile with
`msgfmt -o locale/vi/LC_MESSAGES/django.mo locale/vi/LC_MESSAGES/django.po`, or `manage.py compilemessages`)."""

import gettext
import re
from pathlib import Path

import pytest
from django.utils import translation

LOCALE = Path(__file__).resolve().parents[1] / "locale" / "vi" / "LC_MESSAGES"


def po_entries(path):
    text = path.read_text(encoding="utf-8")
    entries = []
    for block in text.split("\n\n"):
        ctx = re.search(r'^msgctxt "(.*)"$', block, re.M)
        mid = re.search(r'^msgid "(.*)"$', block, re.M)
        mstr = re.search(r'^msgstr(?:\[0\])? "(.*)"$', block, re.M)
        if mid and mid.group(1):
            unescape = lambda s: s.replace('\\"', '"')  # noqa: E731
            entries.append((ctx.group(1) if ctx else None, unescape(mid.group(1)), unescape(mstr.group(1))))
    return entries


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_committed_mo_says_what_the_po_says(domain):
    entries = po_entries(LOCALE / f"{domain}.po")
    with open(LOCALE / f"{domain}.mo", "rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    assert len(entries) > 10
    differing = [
        (mid, mstr) for ctx, mid, mstr in entries
        if (catalog.pgettext(ctx, mid) if ctx else catalog.gettext(mid)) != mstr
    ]
    assert differing == []


def test_the_project_catalogue_wins_over_djangos():
    with translation.override("vi"):
        assert (translation.gettext("History"), translation.gettext("Show counts")) == ("Lịch sử", "Hiện số lượng")
        assert translation.gettext("Password-based authentication") == "Đăng nhập bằng mật khẩu"
