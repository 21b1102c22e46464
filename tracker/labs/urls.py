from django.urls import path

from tracker.labs import views as labs

urlpatterns = [
    path("", labs.flowsheet, name="labs_flowsheet"),
    path("add/", labs.add, name="labs_add"),
    path("row/", labs.row, name="labs_row"),
    path("row/units/", labs.row_units, name="labs_row_units"),
    path("report/<int:pk>/", labs.report, name="labs_report"),
    path("report/<int:pk>/edit/", labs.edit, name="labs_edit"),
    path("report/<int:pk>/delete/", labs.report_delete, name="labs_report_delete"),
    path("result/<int:pk>/delete/", labs.result_delete, name="labs_result_delete"),
    path("test/<slug:key>/", labs.test_page, name="labs_test"),
    path("indices/", labs.indices, name="labs_indices"),
]
