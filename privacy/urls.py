from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("", views.person_search, name="person_search"),
    path("personnes/<int:pk>/", views.person_detail, name="person_detail"),
    path("personnes/<int:pk>/anonymiser/", views.person_anonymise, name="person_anonymise"),
    path("personnes/<int:pk>/dossier/", views.person_export, name="person_export"),
    path("dossiers/<int:pk>/telecharger/", views.export_download, name="export_download"),
    path("consultations/", views.read_log, name="read_log"),
    path("mes-donnees/", views.my_data, name="my_data"),
    path("mes-donnees/dossier/", views.my_data_export, name="my_data_export"),
]
