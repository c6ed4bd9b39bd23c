"""The admin follows the scoring rules: results are read-only there, weights lock once scoring has started, and
records saved in the admin bring the automatic results in line."""

import pytest

from awards.models import Outcome, Result
from awards.services.recompute import recompute_results
from awards.services.rulings import rule_on_result
from campaigns.models import AnnualRating, Criterion
from tests.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_rating_saved_in_the_admin_recomputes_the_result(client, superuser, campaign, collective_a, unit_a):
    recompute_results(campaign)
    client.force_login(superuser)
    response = client.post(reverse("admin:campaigns_annualrating_add"), {
        "year": 2023, "unit": unit_a.pk, "staff": "", "rating": "HTXSNV", "source": "QĐ 10/QĐ-SLĐTBXH",
    })
    assert response.status_code == 302
    r = Result.objects.get(nominee=collective_a, criterion__order=1)
    assert (r.computed, r.computed_reason) == (Outcome.MET, "Xếp loại năm 2023: Hoàn thành xuất sắc nhiệm vụ → Đạt")
    rating = AnnualRating.objects.get()
    response = client.post(reverse("admin:campaigns_annualrating_delete", args=[rating.pk]), {"post": "yes"})
    assert response.status_code == 302
    r.refresh_from_db()
    assert r.computed == Outcome.NO_DATA


def test_the_admin_refuses_a_weight_change_once_scoring_has_started(client, superuser, clerk, campaign, collective_a):
    recompute_results(campaign)
    r = Result.objects.select_related("nominee__dossier", "nominee__unit", "criterion").get(nominee=collective_a, criterion__order=2)
    rule_on_result(r, actor=clerk, outcome=Outcome.MET, reason="Tốt", expected_version=1)
    c = Criterion.objects.get(campaign=campaign, target="collective", order=6)
    client.force_login(superuser)
    data = {f: getattr(c, f) for f in ("target", "order", "short_name", "text", "evidence_kind", "indicator")}
    data.update(campaign=campaign.pk, weight="4", mandatory="on")
    response = client.post(reverse("admin:campaigns_criterion_change", args=[c.pk]), data)
    assert response.status_code == 200
    assert "Đã bắt đầu chấm điểm (đã có kết quả do Văn phòng quyết định): không thể đổi trọng số tiêu chí." in response.content.decode()
    c.refresh_from_db()
    assert c.weight == 1


def test_results_are_read_only_in_the_admin(client, superuser, campaign, collective_a):
    recompute_results(campaign)
    r = Result.objects.filter(nominee=collective_a).first()
    client.force_login(superuser)
    page = client.get(reverse("admin:awards_result_change", args=[r.pk])).content.decode()
    assert 'name="override"' not in page and f"/cchc-2023/cham-diem/doi-tuong/{collective_a.pk}/" in page
    assert client.get(reverse("admin:awards_result_add")).status_code == 403
