"""A file written inside a transaction that rolls back does not stay on disk; the sweeper finds and deletes what
nothing else could (a rollback further out, a crash), and never a file that a version names."""

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction

import awards.services.dossiers as svc
from awards.models import DocumentVersion
from awards.services import dossiers, files
from tests.portal.conftest import BEFORE_DEADLINE, pdf_bytes

pytestmark = pytest.mark.django_db(transaction=True)


def stored(settings):
    root = os.path.join(settings.MEDIA_ROOT, "documents")
    found = set()
    for folder, _, names in os.walk(root):
        found |= {os.path.relpath(os.path.join(folder, n), settings.MEDIA_ROOT) for n in names}
    return found


def pdf(name="ke-hoach.pdf", text="Ke hoach"):
    return SimpleUploadedFile(name, pdf_bytes(text), content_type="application/pdf")


@pytest.fixture
def plan(campaign, unit_a):
    return dossiers.unit_plan_document(campaign, unit_a, create=True)


def test_a_file_stored_in_a_block_that_fails_later_is_deleted(plan, head_a, settings):
    before = stored(settings)
    with pytest.raises(RuntimeError):
        with files.atomic_with_files():
            version = files.store_version(plan, pdf(), actor=head_a)
            assert os.path.exists(version.file.path)  # written, then the block fails after
            raise RuntimeError("a later step fails")
    assert stored(settings) == before
    assert not DocumentVersion.objects.exists()


def test_a_failure_further_out_deletes_the_files_of_inner_blocks_that_succeeded(plan, head_a, settings):
    before = stored(settings)
    with pytest.raises(RuntimeError):
        with files.atomic_with_files():
            with files.atomic_with_files():
                files.store_version(plan, pdf("a.pdf", "A"), actor=head_a)
            files.store_version(plan, pdf("b.pdf", "B"), actor=head_a)
            raise RuntimeError
    assert stored(settings) == before and not DocumentVersion.objects.exists()


def test_an_inner_failure_caught_inside_keeps_the_files_of_what_committed(plan, head_a, settings):
    before = stored(settings)
    with files.atomic_with_files():
        kept = files.store_version(plan, pdf("a.pdf", "A"), actor=head_a)
        try:
            with files.atomic_with_files():
                files.store_version(plan, pdf("b.pdf", "B"), actor=head_a)
                raise RuntimeError
        except RuntimeError:
            pass
    assert {v.file.name for v in DocumentVersion.objects.all()} == {kept.file.name}
    assert stored(settings) - before == {kept.file.name}
    with kept.file.open("rb") as f:
        assert f.read() == pdf_bytes("A")


def test_a_unit_plan_upload_whose_recompute_fails_leaves_no_file(campaign, unit_a, head_a, settings, monkeypatch):
    # The upload service stores the file and then recomputes results; a failure there must take the file with it.

    def boom(*args, **kwargs):
        raise RuntimeError("recompute failed")

    monkeypatch.setattr(svc, "recompute_results", boom)
    before = stored(settings)
    with pytest.raises(RuntimeError):
        svc.upload_unit_plan(campaign, unit_a, pdf(), actor=head_a, now=BEFORE_DEADLINE)
    assert stored(settings) == before and not DocumentVersion.objects.exists()


def test_purge_orphan_files_lists_with_dry_run_and_deletes_only_unnamed_old_files(plan, head_a, settings, capsys):
    kept = files.store_version(plan, pdf(), actor=head_a)
    # An orphan as a rollback outside our blocks (or a crash) would leave it: a file with no row.
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            lost = files.store_version(plan, pdf("lost.pdf", "Lost"), actor=head_a)
            raise RuntimeError
    assert os.path.exists(lost.file.path)
    old = 1_000_000_000
    os.utime(lost.file.path, (old, old))
    os.utime(kept.file.path, (old, old))
    young = plan.versions.model(file=lost.file.name.rsplit("/", 1)[0] + "/young")
    with open(os.path.join(settings.MEDIA_ROOT, young.file.name), "wb") as f:
        f.write(b"uploading")

    call_command("purge_orphan_files", "--dry-run")
    out = capsys.readouterr().out
    assert out.splitlines() == [lost.file.name, "Tìm thấy 1 tệp mồ côi."]
    assert os.path.exists(lost.file.path)

    call_command("purge_orphan_files")
    assert capsys.readouterr().out.splitlines() == [
        lost.file.name, "Đã xóa 1 tệp mồ côi.", "Đã xóa 0 tệp Excel tải lên để nhập quá 24 giờ."]
    assert not os.path.exists(lost.file.path)
    assert os.path.exists(kept.file.path) and os.path.exists(os.path.join(settings.MEDIA_ROOT, young.file.name))
