"""Uploaded files: the checks every upload passes (type from the content, size, not empty) and the one way a
file is stored, as a new DocumentVersion under a generated name. Nothing is ever overwritten.

Every refusal is a ValidationError whose Vietnamese message says which check failed and what to do; a refused
file leaves everything already stored as it was (the checks run before anything is written)."""

import contextlib
import hashlib
import io
import os
import threading
import time
import unicodedata
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from awards.models import Document, DocumentVersion

ALLOWED_LABEL = "PDF, DOC, DOCX, XLS, XLSX, JPG hoặc PNG"
# An HTML `accept` attribute for file inputs: a hint for the browser only; the server decides from the content.
ACCEPT = ".pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png"

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_JPG_MAGIC = b"\xff\xd8\xff"
_EXE_MAGICS = (b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe")


@dataclass(frozen=True)
class FileKind:
    code: str  # "pdf", "docx", ...
    label: str
    content_type: str


KINDS = {
    "pdf": FileKind("pdf", "PDF", "application/pdf"),
    "doc": FileKind("doc", "Word (DOC)", "application/msword"),
    "docx": FileKind("docx", "Word (DOCX)", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xls": FileKind("xls", "Excel (XLS)", "application/vnd.ms-excel"),
    "xlsx": FileKind("xlsx", "Excel (XLSX)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "jpg": FileKind("jpg", "Ảnh JPG", "image/jpeg"),
    "png": FileKind("png", "Ảnh PNG", "image/png"),
}


def _name(uploaded):
    """The uploaded file's own name, composed (NFC): decomposed names (macOS) would not match the same name typed
    on Windows."""
    return unicodedata.normalize("NFC", os.path.basename(getattr(uploaded, "name", "") or "")) or "tệp"


def _megabytes(n, up=False):
    """Bytes as megabytes with at most two decimals, Vietnamese style ("20", "1,01"); `up` rounds upwards so
    a file just over the limit never reads as equal to it."""
    hundredths = -(-n * 100 // (1024 * 1024)) if up else n * 100 // (1024 * 1024)
    whole, frac = divmod(hundredths, 100)
    return f"{whole}" if frac == 0 else f"{whole},{frac:02d}".rstrip("0")


def _type_refusal(name, what):
    return ValidationError(
        f"Kiểm tra loại tệp: tệp «{name}» {what}. Chỉ nhận tệp {ALLOWED_LABEL}. "
        "Hãy mở văn bản, lưu (hoặc xuất) thành một trong các định dạng đó rồi tải lên lại.",
        code="file_type",
    )


def _read_all(uploaded):
    uploaded.seek(0)
    data = b"".join(uploaded.chunks())
    uploaded.seek(0)
    return data


def detect_kind(data, name="tệp"):
    """The file's kind, read from its bytes (the name plays no part), or a ValidationError saying why not."""
    head = data[:1024]
    if head.startswith(_EXE_MAGICS):
        raise _type_refusal(name, "là một chương trình chạy được, không phải văn bản (dù tên tệp có thể là .pdf hay .docx)")
    if head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"%PDF-"):
        return KINDS["pdf"]
    if head.startswith(_PNG_MAGIC):
        return KINDS["png"]
    if head.startswith(_JPG_MAGIC):
        return KINDS["jpg"]
    if head.startswith(_OLE_MAGIC):
        # Old Office files: the directory names the main stream, in UTF-16.
        if "WordDocument".encode("utf-16-le") in data:
            return KINDS["doc"]
        if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
            return KINDS["xls"]
        raise _type_refusal(name, "là tệp Office kiểu cũ nhưng không phải văn bản Word hay bảng tính Excel")
    if head.startswith(_ZIP_MAGIC):

        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            raise _type_refusal(name, "bị hỏng: không đọc được nội dung") from None
        if "[Content_Types].xml" in names:
            if any(n.startswith("word/") for n in names):
                return KINDS["docx"]
            if any(n.startswith("xl/") for n in names):
                return KINDS["xlsx"]
        raise _type_refusal(name, "là tệp nén (ZIP), không phải văn bản Word hay bảng tính Excel")
    raise _type_refusal(name, "không có định dạng được chấp nhận")


def check_upload(uploaded):
    """Run every check on an uploaded file; return its FileKind or raise ValidationError (Vietnamese)."""
    name = _name(uploaded)
    if uploaded is None:
        raise ValidationError("Kiểm tra tệp: chưa chọn tệp nào. Hãy bấm «Chọn tệp» rồi chọn văn bản cần tải lên.", code="file_missing")
    size = uploaded.size
    if not size:
        raise ValidationError(
            f"Kiểm tra tệp rỗng: tệp «{name}» không có nội dung (0 byte). "
            "Hãy kiểm tra lại đúng tệp văn bản đã lưu đầy đủ rồi tải lên lại.",
            code="file_empty",
        )
    limit = settings.UPLOAD_MAX_BYTES
    if size > limit:
        raise ValidationError(
            f"Kiểm tra dung lượng: tệp «{name}» nặng {_megabytes(size, up=True)} MB, vượt giới hạn {_megabytes(limit)} MB. "
            "Hãy giảm dung lượng (quét ở độ phân giải thấp hơn, nén PDF) hoặc tách thành nhiều tệp rồi tải lên lại.",
            code="file_too_large",
        )
    return detect_kind(_read_all(uploaded), name)


# --- files follow the transaction ----------------------------------------------------------------------------
# Django has hooks for a commit (on_commit) but none for a rollback. A file written to disk inside an atomic block
# that then fails would stay there with no DocumentVersion row. `atomic_with_files()` is an atomic block that
# remembers the files stored inside it and deletes them if the block fails (an exception inside it, or the commit
# itself failing). Blocks nest: a block that succeeds hands its files to the enclosing one, so a failure further
# out deletes them too. What no block can see (a crash, a killed process, an outer atomic of someone else's that
# rolls back) is swept by `manage.py purge_orphan_files`.

_frames = threading.local()


def _stack():
    if not hasattr(_frames, "stack"):
        _frames.stack = []
    return _frames.stack


def _remember(storage, name):
    stack = _stack()
    if stack:
        stack[-1].append((storage, name))


@contextlib.contextmanager
def atomic_with_files(using=None):
    written = []
    stack = _stack()
    stack.append(written)
    try:
        with transaction.atomic(using=using):
            yield
    except BaseException:
        stack.pop()
        for storage, name in written:
            with contextlib.suppress(OSError):
                storage.delete(name)
        raise
    stack.pop()
    if stack:
        stack[-1].extend(written)


def store_version(document, uploaded, *, actor):
    """Check the file, then keep it as the next version of `document` under a generated name.

    Earlier versions stay as they are. Raises ValidationError (and stores nothing) if a check fails. The file on
    disk follows the transaction: if the enclosing `atomic_with_files()` block fails, it is deleted."""
    kind = check_upload(uploaded)
    data = _read_all(uploaded)
    with atomic_with_files():
        Document.objects.select_for_update().filter(pk=document.pk).first()
        last = document.versions.aggregate(last=Max("number"))["last"] or 0
        version = DocumentVersion(
            document=document, number=last + 1, original_name=_name(uploaded)[:255],
            content_type=kind.content_type, size=len(data), sha256=hashlib.sha256(data).hexdigest(), uploaded_by=actor,
        )
        version.file.save(f"{kind.code}", uploaded, save=False)
        _remember(version.file.storage, version.file.name)
        version.save()
    return version


DOCUMENTS_DIR = "documents"


def orphan_files(*, min_age_seconds=3600, now=None):
    """Files under MEDIA_ROOT/documents that no DocumentVersion names, older than `min_age_seconds` (a younger
    file may belong to an upload whose transaction is still open). Relative names, sorted."""

    root = os.path.join(settings.MEDIA_ROOT, DOCUMENTS_DIR)
    now = time.time() if now is None else now
    on_disk = {}
    for folder, _, names in os.walk(root):
        for n in names:
            path = os.path.join(folder, n)
            on_disk[os.path.relpath(path, settings.MEDIA_ROOT).replace(os.sep, "/")] = path
    if not on_disk:
        return []
    known = set(DocumentVersion.objects.filter(file__in=list(on_disk)).values_list("file", flat=True))
    return sorted(name for name, path in on_disk.items()
                  if name not in known and now - os.path.getmtime(path) >= min_age_seconds)
