from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages


def emblem_storage():
    """The organisation's emblem is public (it is printed on every certificate) and served by a view of its own;
    every other upload has no URL at all. On object storage (STORAGE_URL) it lives in the bucket like every file."""
    if getattr(settings, "STORAGE_URL", ""):
        return storages["default"]
    return FileSystemStorage(location=settings.MEDIA_ROOT, base_url="/to-chuc/")
