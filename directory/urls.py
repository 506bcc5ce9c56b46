from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("", views.organisation_list, name="index"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/nouvelle/", views.organisation_create, name="organisation_create"),
    path("organisations/export.csv", views.directory_export_csv, name="export_csv"),
    path("organisations/export-pdf/", views.directory_export_pdf, name="export_pdf"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/modifier/", views.organisation_update, name="organisation_update"),
    path("personnes/", views.person_list, name="person_list"),
    path("personnes/nouvelle/", views.person_create, name="person_create"),
    path("personnes/<int:pk>/", views.person_detail, name="person_detail"),
    path("personnes/<int:pk>/modifier/", views.person_update, name="person_update"),
]
