from django.apps import AppConfig


class TrackerConfig(AppConfig):
    name = "tracker"
    verbose_name = "LiverLog"

    def ready(self):
        from tracker.server import signals  # noqa: F401  (connects the receivers)
