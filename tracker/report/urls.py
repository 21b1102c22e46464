from django.urls import path

from tracker.report import sharing_views as sharing
from tracker.report import views as report

urlpatterns = [
    path("report/", report.report, name="report"),
    path("report/pdf/", report.report_pdf, name="report_pdf"),
    path("report/pdf/<uuid:pk>/", report.report_pdf_job, name="report_pdf_job"),
    path("report/pdf/<uuid:pk>/download/", report.report_pdf_download, name="report_pdf_download"),
    path("report/questions/", report.add_question, name="report_add_question"),
    path(
        "report/questions/<int:pk>/delete/", report.delete_question, name="report_delete_question"
    ),
    path("share/", sharing.share_links, name="share_links"),
    path("share/<int:pk>/revoke/", sharing.revoke, name="share_revoke"),
    path("shared/<str:token>/", sharing.shared_report, name="shared_report"),
    path("shared/<str:token>/pdf/", sharing.shared_pdf, name="shared_pdf"),
]
