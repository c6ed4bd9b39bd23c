"""Backups that restore: a campaign with a signed decision and dossier files, backed up, restored into an empty
database and an empty file store, gives the same rows and the same files; a restore into a database that holds
data, or from a backup that does not match its manifest, is refused and changes nothing."""

import datetime as dt
import hashlib
import shutil

import pytest
from django.apps import apps
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from awards.models import Decision, DecisionState, DocumentVersion
from awards.services import dossiers
from awards.services.approval import approve_decision
from awards.services.decisions import draft_decision
from campaigns.ops.backup import _walk
from campaigns.roles import Role
from tests.conftest import _person
from tests.decisions.conftest import gk_world  # noqa: F401
from tests.factories import UnitFactory
from tests.portal.conftest import BEFORE_DEADLINE
from tests.portal.helpers import complete_dossier

pytestmark = pytest.mark.django_db(transaction=True)
DEC5 = dt.date(2023, 12, 5)
DATA_APPS = ("auth", "campaigns", "awards", "ops")


def rows():
    """Every row of every model of our apps (and accounts), history included, in primary-key order."""
    out = {}
    for app in DATA_APPS:
        for model in apps.get_app_config(app).get_models():
            if model._meta.label_lower in {"auth.permission", "auth.group"}:
                continue  # rebuilt by migrate itself
            out[model._meta.label_lower] = list(model._base_manager.order_by("pk").values())
    return out


def files():
    result = {}
    for name in _walk(default_storage):
        with default_storage.open(name, "rb") as handle:
            result[name] = hashlib.sha256(handle.read()).hexdigest()
    return result


@pytest.fixture
def signed_campaign(request, campaign, giay_khen, clerk, director, settings, tmp_path):
    """A third unit's dossier with its three files (letter, minutes, report), submitted and accepted; then the decisions area's world and an
    approved (signed) Giấy khen decision."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    unit = UnitFactory(code="BTXH", name="Phòng Bảo trợ xã hội")
    head = _person("head_c", "Đỗ Thị Lan", unit, Role.UNIT_HEAD, Role.STAFF, gender="female")
    dossier = complete_dossier(campaign, unit, head, giay_khen)
    dossiers.submit_dossier(dossier, actor=head, now=BEFORE_DEADLINE, notify=False)
    dossiers.accept_dossier(dossier, actor=clerk, notify=False)
    request.getfixturevalue("gk_world")
    decision = approve_decision(draft_decision(campaign, award_kind=giay_khen, actor=clerk), actor=director,
                                signed_on=DEC5)
    assert decision.state == DecisionState.APPROVED and DocumentVersion.objects.count() == 3
    return decision


def _round_trip(signed_campaign, tmp_path):
    before_rows, before_files = rows(), files()
    assert len(before_files) == 3 and before_rows["awards.decisionline"]

    folder = tmp_path / "backup"
    call_command("backup", str(folder), verbosity=0)
    manifest = (folder / "manifest.json").read_text(encoding="utf-8")
    assert all(name in manifest for name in before_files)

    # Into the database that holds the data: refused, nothing changes.
    with pytest.raises(CommandError, match="Cơ sở dữ liệu đích đã có dữ liệu .*chỉ khôi phục vào một cơ sở dữ liệu trống"):
        call_command("restore", str(folder), verbosity=0)
    assert rows() == before_rows

    # A backup whose file was changed after it was written: refused before anything is touched.
    tampered = tmp_path / "tampered"
    shutil.copytree(folder, tampered)
    victim = next(p for p in sorted((tampered / "files").rglob("*")) if p.is_file())
    victim.write_bytes(victim.read_bytes() + b"x")
    relative = victim.relative_to(tampered).as_posix()

    # An empty database and an empty file store.
    call_command("flush", interactive=False, verbosity=0)
    for name in list(before_files):
        default_storage.delete(name)
    assert Decision.objects.count() == 0 and files() == {}

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(tampered), verbosity=0)
    assert str(refused.value) == (
        f"Bản sao lưu không khớp bản kê (manifest.json), không khôi phục: "
        f"tệp {relative} không khớp tổng kiểm SHA-256 trong bản kê.")
    assert Decision.objects.count() == 0 and files() == {}

    call_command("restore", str(folder), verbosity=0)
    assert rows() == before_rows
    assert files() == before_files
    decision = Decision.objects.get(pk=signed_campaign.pk)
    assert (decision.state, decision.number_text) == (DecisionState.APPROVED, signed_campaign.number_text)


@pytest.mark.postgres
def test_backup_and_restore_round_trip_on_postgresql(signed_campaign, tmp_path):
    _round_trip(signed_campaign, tmp_path)
    # The sequences came back too: the next row gets a new id.
    assert UnitFactory().pk > max(u["id"] for u in rows()["campaigns.unit"][:-1])


@pytest.mark.skipif("sqlite" not in __import__("django.conf").conf.settings.DATABASES["default"]["ENGINE"],
                    reason="the SQLite variant")
def test_backup_and_restore_round_trip_on_sqlite(signed_campaign, tmp_path):
    _round_trip(signed_campaign, tmp_path)


def test_a_folder_that_is_not_a_backup_is_refused(tmp_path, db):
    with pytest.raises(CommandError, match="Không có tệp manifest.json trong .*: đây không phải một bản sao lưu."):
        call_command("restore", str(tmp_path), verbosity=0)


def test_a_backup_is_not_written_over_another(tmp_path, db):
    (tmp_path / "old.txt").write_text("x")
    with pytest.raises(CommandError, match="đã có tệp: hãy sao lưu vào một thư mục mới hoặc trống"):
        call_command("backup", str(tmp_path), verbosity=0)
    assert connection.vendor in {"sqlite", "postgresql"}
