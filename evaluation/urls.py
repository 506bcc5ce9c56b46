from django.urls import path

from . import views

app_name = "evaluation"

urlpatterns = [
    path("", views.dashboard_index, name="dashboard_index"),
    path("programmes/<int:pk>/", views.programme_dashboard, name="programme_dashboard"),
    path("programmes/<int:pk>/synthese/", views.programme_synthesis, name="programme_synthesis"),
    path("actions/<int:pk>/", views.action_dashboard, name="action_dashboard"),
    path("actions/<int:pk>/demarche/", views.approach_entry_add, name="approach_entry_add"),
    path("actions/<int:pk>/bilan/", views.assessment_edit, name="assessment_edit"),
    path("actions/<int:pk>/rapport-final/", views.action_report, name="action_report"),
    path("indicateurs/", views.indicator_list, name="indicator_list"),
    path("indicateurs/nouveau/", views.indicator_create, name="indicator_create"),
    path("indicateurs/<int:pk>/", views.indicator_detail, name="indicator_detail"),
    path("indicateurs/<int:pk>/modifier/", views.indicator_edit, name="indicator_edit"),
    path("indicateurs/<int:pk>/valeurs/", views.measurement_add, name="measurement_add"),
    path("indicateurs/<int:pk>/calculer/", views.indicator_compute, name="indicator_compute"),
    path("mesures/<int:pk>/corriger/", views.measurement_edit, name="measurement_edit"),
    path("mesures/export.<str:fmt>", views.measurements_export, name="measurements_export"),
    path("saisie-du-mois/", views.monthly_entry, name="monthly_entry"),
]
