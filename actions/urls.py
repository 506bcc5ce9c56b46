from django.urls import path

from . import views

app_name = "actions"

urlpatterns = [
    path("", views.action_list, name="action_list"),
    path("nouvelle/", views.action_create, name="action_create"),
    path("<int:pk>/", views.action_detail, name="action_detail"),
    path("<int:pk>/modifier/", views.action_edit, name="action_edit"),
    path("<int:pk>/historique/", views.action_history, name="action_history"),
    path("<int:pk>/historique/<int:history_id>/restaurer/", views.action_restore, name="action_restore"),
    path("<int:pk>/suivre/", views.action_follow, name="action_follow"),
    path("<int:pk>/phase-suivante/", views.phase_advance, name="phase_advance"),
    path("<int:pk>/phase-precedente/", views.phase_reopen, name="phase_reopen"),
    path("<int:pk>/cloturer/", views.action_close, name="action_close"),
    path("<int:pk>/rouvrir/", views.action_reopen, name="action_reopen"),
    path("<int:pk>/phases/<int:number>/", views.phase_edit, name="phase_edit"),
    path("<int:pk>/fiche.pdf", views.action_fiche_pdf, name="action_fiche_pdf"),
    path("<int:pk>/livrables/nouveau/", views.deliverable_create, name="deliverable_create"),
    path("<int:pk>/livrables/<int:deliverable_pk>/", views.deliverable_detail, name="deliverable_detail"),
    path(
        "<int:pk>/livrables/<int:deliverable_pk>/modifier/", views.deliverable_edit, name="deliverable_edit"
    ),
    path(
        "<int:pk>/livrables/<int:deliverable_pk>/depot/", views.deliverable_upload, name="deliverable_upload"
    ),
    path(
        "<int:pk>/livrables/<int:deliverable_pk>/statut/", views.deliverable_status, name="deliverable_status"
    ),
    path(
        "<int:pk>/livrables/<int:deliverable_pk>/valider/",
        views.deliverable_validate,
        name="deliverable_validate",
    ),
    path(
        "<int:pk>/livrables/<int:deliverable_pk>/publier/",
        views.deliverable_publish,
        name="deliverable_publish",
    ),
    path(
        "<int:pk>/livrables/<int:deliverable_pk>/fichier/",
        views.deliverable_download,
        name="deliverable_download",
    ),
    path("<int:pk>/entreprises/", views.participation_list, name="participation_list"),
    path("<int:pk>/entreprises/ajouter/", views.participation_create, name="participation_create"),
    path("<int:pk>/entreprises/<int:participation_pk>/", views.participation_edit, name="participation_edit"),
    path("<int:pk>/entreprises/import/", views.participation_import, name="participation_import"),
    path("<int:pk>/entreprises/modele.csv", views.participation_template, name="participation_template"),
    path("programmes/", views.programme_list, name="programme_list"),
    path("programmes/nouveau/", views.programme_create, name="programme_create"),
    path("programmes/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("programmes/<int:pk>/modifier/", views.programme_edit, name="programme_edit"),
    path("programmes/<int:pk>/matrice/", views.programme_matrix, name="programme_matrix"),
    path("programmes/<int:pk>/recapitulatif/", views.programme_recap, name="programme_recap"),
    path("programmes/<int:pk>/recapitulatif.pdf", views.programme_recap_pdf, name="programme_recap_pdf"),
]
