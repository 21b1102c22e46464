from django.urls import path

from tracker.exchange import views as exchange

urlpatterns = [
    path("", exchange.index, name="data_index"),
    path("export/backup.json", exchange.export_backup, name="data_export_backup"),
    path("export/fhir.json", exchange.export_fhir, name="data_export_fhir"),
    path("export/<slug:kind>.csv", exchange.export_csv, name="data_export_csv"),
    path("import/", exchange.upload, name="data_upload"),
    path("import/job/<uuid:pk>/", exchange.import_job_page, name="data_import_job"),
    path("import/<str:token>/", exchange.preview, name="data_preview"),
    path("import/<str:token>/confirm/", exchange.confirm, name="data_confirm"),
    path("import/<str:token>/progress/", exchange.progress, name="data_progress"),
    path("import/<str:token>/cancel/", exchange.cancel, name="data_cancel"),
]
