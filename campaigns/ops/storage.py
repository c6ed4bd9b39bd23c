"""Where uploaded and generated files live: the file system (MEDIA_ROOT) by default, or an S3-compatible bucket
when the deployment sets STORAGE_URL. Read by settings.py, so it imports nothing of Django's at module level.

    STORAGE_URL=s3://BUCKET[/PREFIX]?endpoint_url=https://s3.example.vn&region_name=hn&addressing_style=path

Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the environment (boto3 reads them), or from
`access_key` / `secret_key` in the URL's query. Objects are private: nothing is served from the bucket directly,
every download goes through a view that checks permission (the application reads the object and sends it)."""

from urllib.parse import parse_qsl, urlsplit

# Query parameters of STORAGE_URL passed to django-storages' S3Storage as they are.
S3_OPTIONS = {
    "endpoint_url", "region_name", "access_key", "secret_key", "addressing_style", "signature_version",
    "use_ssl", "verify", "session_profile",
}


class StorageUrlError(ValueError):
    pass


def default_storage_setting(url: str, media_root) -> dict:
    """The STORAGES["default"] entry for STORAGE_URL (empty: the file system under MEDIA_ROOT)."""
    if not url:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(media_root)}}
    parts = urlsplit(url)
    if parts.scheme != "s3" or not parts.netloc:
        raise StorageUrlError(f"STORAGE_URL must look like s3://bucket?endpoint_url=…, not {url!r}")
    options = {
        "bucket_name": parts.netloc,
        "location": parts.path.strip("/"),
        "default_acl": None,          # the bucket's own policy: private
        "querystring_auth": True,     # never a public URL
        "file_overwrite": False,      # names are generated; a clash gets a new name, never overwrites
    }
    for key, value in parse_qsl(parts.query):
        if key not in S3_OPTIONS:
            raise StorageUrlError(f"STORAGE_URL: unknown option {key!r} (known: {', '.join(sorted(S3_OPTIONS))})")
        if key in {"use_ssl", "verify"}:
            value = value.lower() not in {"0", "false", "no"}
        options[key] = value
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
