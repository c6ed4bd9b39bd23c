from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Operations: what makes the application run in production (background jobs and their files, the mail
    outbox, object storage, backups, deployment checks). It knows nothing of campaigns or awards: they register
    their jobs by dotted path."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "campaigns.ops"
    label = "ops"
    verbose_name = "Vận hành"

    def ready(self):
        from campaigns.ops import checks  # noqa: F401, PLC0415 — registers the system checks once the app registry is ready
