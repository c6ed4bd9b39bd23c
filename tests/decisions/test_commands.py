"""Batch commands: render_decision and render_certificates take the number as printed ("01/QĐ-SLĐTBXH") or just
the number (a Quyết định), and refuse drafts and unknown numbers in Vietnamese."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from awards.services.approval import approve_decision
from awards.services.decisions import draft_decision
from tests.decisions.test_pdf import pages_of, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(gk_world, giay_khen, campaign, clerk, director):
    return approve_decision(draft_decision(campaign, award_kind=giay_khen, actor=clerk), actor=director,
                            signed_on=dt.date(2023, 12, 5))


def test_render_decision_by_number_text_or_number(approved, tmp_path):
    for number in ("01/QĐ-SLĐTBXH", "1"):
        out = tmp_path / f"qd-{number.replace('/', '-')}.pdf"
        call_command("render_decision", number, "--out", str(out))
        text = text_of(out.read_bytes())
        assert "Số: 01/QĐ-SLĐTBXH" in text and "Tổng cộng 8.100.000" in text


def test_render_certificates_writes_one_page_per_awardee(approved, tmp_path):
    out = tmp_path / "giay-khen.pdf"
    call_command("render_certificates", "1", "--out", str(out), "--year", "2023")
    assert len(pages_of(out.read_bytes())) == 10


def test_unknown_numbers_and_drafts_are_refused(gk_world, giay_khen, campaign, clerk, tmp_path):
    draft_decision(campaign, award_kind=giay_khen, actor=clerk)
    with pytest.raises(CommandError, match="Không có văn bản đã ký ban hành số 1"):
        call_command("render_decision", "1", "--out", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="Không có văn bản đã ký ban hành số 07/QĐ-SLĐTBXH"):
        call_command("render_certificates", "07/QĐ-SLĐTBXH", "--out", str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()
