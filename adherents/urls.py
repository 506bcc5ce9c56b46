from django.urls import path

from . import views

app_name = "adherents"

urlpatterns = [
    path("", views.adherent_list, name="adherent_list"),
    path("<int:pk>/", views.adherent_detail, name="adherent_detail"),
    path("<int:pk>/modifier/", views.adherent_edit, name="adherent_edit"),
    path("<int:pk>/etapes/<int:step_pk>/terminer/", views.step_complete, name="step_complete"),
    path("<int:pk>/etapes/<int:step_pk>/rouvrir/", views.step_reopen, name="step_reopen"),
    path("<int:pk>/contacts/nouveau/", views.contact_create, name="contact_create"),
    path("<int:pk>/notes/nouvelle/", views.note_create, name="note_create"),
    path("<int:pk>/visites/nouvelle/", views.visit_create, name="visit_create"),
    path("<int:pk>/plan-action/nouvelle/", views.action_create, name="action_create"),
    path("<int:pk>/plan-action/<int:item_pk>/", views.action_edit, name="action_edit"),
    path("visites/<int:pk>/", views.visit_detail, name="visit_detail"),
    path("photos/<int:pk>/", views.visit_photo, name="visit_photo"),
    path("visites/<int:pk>/modifier/", views.visit_edit, name="visit_edit"),
    path("visites/<int:pk>/unites/nouvelle/", views.work_unit_create, name="work_unit_create"),
    path("visites/<int:pk>/unites/<int:unit_pk>/", views.work_unit_edit, name="work_unit_edit"),
    path("visites/<int:pk>/pdf/<slug:kind>/", views.visit_document, name="visit_document"),
    path("visites/<int:pk>/restitution-envoyee/", views.restitution_sent, name="restitution_sent"),
    path("demandes/", views.application_list, name="application_list"),
    path("demandes/<int:pk>/", views.application_detail, name="application_detail"),
    path("enquetes/", views.survey_list, name="survey_list"),
    path("enquetes/<int:pk>/", views.survey_results, name="survey_results"),
    path("enquetes/<int:pk>/resultats.xlsx", views.survey_results_xlsx, name="survey_results_xlsx"),
    path("enquetes/<int:pk>/resultats/pdf/", views.survey_results_pdf, name="survey_results_pdf"),
    path("enquetes/<int:pk>/repondre/<int:adherent_pk>/", views.survey_record, name="survey_record"),
    path("reclamations/", views.complaint_list, name="complaint_list"),
    path("reclamations/nouvelle/", views.complaint_create, name="complaint_create"),
    path("reclamations/<int:pk>/", views.complaint_edit, name="complaint_edit"),
    path("portail/", views.portal_home, name="portal_home"),
    path("portail/coordonnees/", views.portal_contacts, name="portal_contacts"),
    path("portail/enquetes/<int:pk>/", views.portal_survey, name="portal_survey"),
    path(
        "portail/visites/<int:pk>/restitution/", views.portal_restitution_pdf, name="portal_restitution_pdf"
    ),
    path("adhesion/", views.membership_apply, name="apply"),
    path("adhesion/merci/", views.membership_apply_thanks, name="apply_thanks"),
]
