from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CampaignsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "campaigns"
    verbose_name = "Phong trào thi đua"

    def ready(self):
        from campaigns.permission_names import rename_permissions  # noqa: PLC0415 — the app registry must be ready
        from campaigns.roles import sync_roles  # noqa: PLC0415 — the app registry must be ready

        post_migrate.connect(sync_roles, dispatch_uid="campaigns.sync_roles")
        post_migrate.connect(rename_permissions, dispatch_uid="campaigns.rename_permissions")
