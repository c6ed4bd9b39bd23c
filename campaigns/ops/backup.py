"""Backups that restore: the database and every stored file, with a manifest of SHA-256 checksums.

A backup folder holds `manifest.json`, the database (`database.pgdump`, pg_dump's custom format, for PostgreSQL;
`database.sqlite3`, a consistent copy made by SQLite's backup API, for SQLite) and `files/` with every file of
the default storage (the file system or the object store) under its stored name.

`restore` checks the whole manifest first (every checksum, no file missing), refuses a database that already
holds data (people, units, campaigns, dossiers…; a freshly migrated or new empty database is fine) and a storage
that already holds other files under the same names, and only then restores: the database (pg_restore --clean,
or SQLite's backup API in the other direction) and then the files."""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.apps import apps
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
FILES_DIR = "files"
DB_FILES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
# Rows in these tables do not make a database "non-empty": `migrate` itself writes them.
INFRASTRUCTURE = {"contenttypes", "auth.permission", "auth.group", "sessions", "django_tasks_database", "axes"}


class BackupError(Exception):
    """Why a backup or a restore was refused, in Vietnamese."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _vendor():
    if connection.vendor not in DB_FILES:
        raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu loại {connection.vendor}.")
    return connection.vendor


def _pg_env():
    s = connection.settings_dict
    env = dict(os.environ)
    for key, value in (("PGHOST", s.get("HOST")), ("PGPORT", s.get("PORT")), ("PGUSER", s.get("USER")),
                       ("PGPASSWORD", s.get("PASSWORD")), ("PGDATABASE", s["NAME"])):
        if value:
            env[key] = str(value)
    return env


def _run(args, what):
    try:
        done = subprocess.run(args, env=_pg_env(), capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise BackupError(f"Không tìm thấy chương trình {args[0]}: hãy cài gói postgresql-client.") from None
    if done.returncode != 0:
        raise BackupError(f"{what} không thành công: {done.stderr.strip()[:2000]}")


def _walk(storage, folder=""):
    """Every file name of a storage (file system or S3), recursively."""
    try:
        dirs, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(dirs):
        yield from _walk(storage, f"{folder}/{sub}" if folder else sub)


# --- backup ----------------------------------------------------------------------------------------------------

def backup(target: Path, *, storage=None) -> dict:
    """Write a backup into `target` (a new or empty folder); return the manifest."""
    storage = storage or default_storage
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"Thư mục {target} đã có tệp: hãy sao lưu vào một thư mục mới hoặc trống.")
    target.mkdir(parents=True, exist_ok=True)
    vendor = _vendor()
    db_file = target / DB_FILES[vendor]
    if vendor == "postgresql":
        # One transaction snapshot: the dump is consistent even while people keep working.
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(db_file)], "pg_dump")
    else:
        connection.ensure_connection()
        destination = sqlite3.connect(db_file)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
    files = []
    for name in _walk(storage):
        path = target / FILES_DIR / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with storage.open(name, "rb") as source, open(path, "wb") as out:
            shutil.copyfileobj(source, out)
        files.append({"name": name, "size": path.stat().st_size, "sha256": sha256_of(path)})
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "database": {"engine": vendor, "file": db_file.name, "size": db_file.stat().st_size, "sha256": sha256_of(db_file)},
        "files": files,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


# --- restore ---------------------------------------------------------------------------------------------------

def read_manifest(source: Path) -> dict:
    """The manifest, after checking that every file it names is there with the same size and checksum."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(f"Không có tệp {MANIFEST} trong {source}: đây không phải một bản sao lưu.") from None
    except ValueError:
        raise BackupError(f"Tệp {MANIFEST} bị hỏng (không đọc được).") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Bản sao lưu có định dạng {manifest.get('format')!r}, phiên bản này đọc định dạng {FORMAT}.")
    problems = []
    entries = [(manifest["database"]["file"], manifest["database"])] + [
        (f"{FILES_DIR}/{f['name']}", f) for f in manifest["files"]]
    for relative, entry in entries:
        path = source / relative
        if not path.is_file():
            problems.append(f"thiếu tệp {relative}")
        elif path.stat().st_size != entry["size"] or sha256_of(path) != entry["sha256"]:
            problems.append(f"tệp {relative} không khớp tổng kiểm SHA-256 trong bản kê")
    if problems:
        shown = "; ".join(problems[:20]) + (f"; và {len(problems) - 20} lỗi khác" if len(problems) > 20 else "")
        raise BackupError(f"Bản sao lưu không khớp bản kê ({MANIFEST}), không khôi phục: {shown}.")
    return manifest


def data_rows() -> dict:
    """Rows per model outside the infrastructure tables (empty: the database holds no data of anyone's)."""
    tables = set(connection.introspection.table_names())
    counts = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in INFRASTRUCTURE or label in INFRASTRUCTURE or not model._meta.managed:
            continue
        if model._meta.db_table not in tables:
            continue
        n = model._base_manager.count()
        if n:
            counts[model._meta.verbose_name_plural] = n
    return counts


def restore(source: Path, *, storage=None) -> dict:
    storage = storage or default_storage
    source = Path(source)
    manifest = read_manifest(source)
    vendor = _vendor()
    if manifest["database"]["engine"] != vendor:
        raise BackupError(
            f"Bản sao lưu là của cơ sở dữ liệu {manifest['database']['engine']}, "
            f"còn cơ sở dữ liệu đích là {vendor}: không khôi phục chéo được.")
    rows = data_rows()
    if rows:
        shown = ", ".join(f"{n} {name}" for name, n in sorted(rows.items())[:6])
        raise BackupError(
            f"Cơ sở dữ liệu đích đã có dữ liệu ({shown}…): chỉ khôi phục vào một cơ sở dữ liệu trống, để không ghi "
            "đè lên dữ liệu đang dùng. Hãy tạo một cơ sở dữ liệu mới (hoặc trống) rồi chạy lại.")
    clashes = [f["name"] for f in manifest["files"]
               if storage.exists(f["name"]) and _storage_sha256(storage, f["name"]) != f["sha256"]]
    if clashes:
        raise BackupError(
            f"Nơi lưu tệp đã có {len(clashes)} tệp khác cùng tên với tệp trong bản sao lưu (ví dụ {clashes[0]}): "
            "hãy khôi phục vào nơi lưu tệp trống.")

    db_file = source / manifest["database"]["file"]
    if vendor == "postgresql":
        connection.close()
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
              "--dbname", connection.settings_dict["NAME"], str(db_file)], "pg_restore")
    else:
        connection.ensure_connection()
        origin = sqlite3.connect(db_file)
        try:
            origin.backup(connection.connection)
        finally:
            origin.close()
    restored = 0
    for entry in manifest["files"]:
        if storage.exists(entry["name"]):
            continue  # the same file (same checksum, checked above)
        with open(source / FILES_DIR / entry["name"], "rb") as handle:
            saved = storage.save(entry["name"], File(handle))
        if saved != entry["name"]:
            raise BackupError(f"Tệp {entry['name']} được lưu dưới tên khác ({saved}).")
        restored += 1
    return {"files": restored, "database": manifest["database"]["file"], "created_at": manifest["created_at"]}


def _storage_sha256(storage, name):
    digest = hashlib.sha256()
    with storage.open(name, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()

