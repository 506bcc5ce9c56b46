from django.urls import path

from . import views

app_name = "raci"

urlpatterns = [
    path("", views.matrix_list, name="matrix_list"),
    path("nouvelle/", views.matrix_create, name="matrix_create"),
    path("importer/", views.matrix_import, name="matrix_import"),
    path("<int:pk>/", views.matrix_detail, name="matrix_detail"),
    path("<int:pk>/modifier/", views.matrix_update, name="matrix_update"),
    path("<int:pk>/supprimer/", views.matrix_delete, name="matrix_delete"),
    path("<int:pk>/valider/", views.matrix_validate, name="matrix_validate"),
    path("<int:pk>/rouvrir/", views.matrix_reopen, name="matrix_reopen"),
    path("<int:pk>/historique/", views.matrix_history, name="matrix_history"),
    path("<int:pk>/export.<str:fmt>", views.matrix_export, name="matrix_export"),
    path("<int:pk>/pdf/", views.matrix_pdf, name="matrix_pdf"),
    path("<int:pk>/cellules/<int:activity_pk>/<int:role_pk>/", views.cell_update, name="cell_update"),
    path("<int:pk>/activites/ajouter/", views.activity_create, name="activity_create"),
    path("<int:pk>/activites/<int:activity_pk>/modifier/", views.activity_update, name="activity_update"),
    path("<int:pk>/activites/<int:activity_pk>/deplacer/", views.activity_move, name="activity_move"),
    path("<int:pk>/activites/<int:activity_pk>/supprimer/", views.activity_delete, name="activity_delete"),
    path("<int:pk>/roles/ajouter/", views.role_create, name="role_create"),
    path("<int:pk>/roles/<int:role_pk>/modifier/", views.role_update, name="role_update"),
    path("<int:pk>/roles/<int:role_pk>/deplacer/", views.role_move, name="role_move"),
    path("<int:pk>/roles/<int:role_pk>/supprimer/", views.role_delete, name="role_delete"),
]
