from django.apps import AppConfig

from campaigns import hooks


class AwardsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "awards"
    verbose_name = "Khen thưởng"

    def ready(self):
        """Plug awards into the hooks of campaigns (campaigns.hooks, campaigns.excel.exporters): campaigns never
        imports awards, so awards registers what campaigns must trigger."""
        # Imported here, not at the top: models and services may only be imported once the app registry is ready.
        from awards import exports  # noqa: PLC0415 — needs the app registry (imports models)
        from awards.imports import history as history_import  # noqa: PLC0415 — needs the app registry (imports models)
        from awards.services import recompute, scores, weights  # noqa: PLC0415 — needs the app registry (imports models)

        hooks.on_records_changed(recompute.after_records_changed)
        hooks.on_weights_lock(weights.weights_lock_message)
        hooks.on_people_changed(scores.after_people_changed)
        exports.register_reports()
        history_import.register()  # the import of earlier awards and the award-history export
        scores.connect()
