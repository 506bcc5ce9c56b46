from django.urls import path

from . import views

app_name = "calls"

urlpatterns = [
    path("", views.call_list, name="call_list"),
    path("nouveau/", views.call_create, name="call_create"),
    path("<int:pk>/", views.call_detail, name="call_detail"),
    path("<int:pk>/modifier/", views.call_edit, name="call_edit"),
    path("<int:pk>/publication/", views.call_publish, name="call_publish"),
    path("<int:pk>/selection/", views.call_selection, name="call_selection"),
    path("<int:pk>/selection/rouvrir/", views.call_selection_reopen, name="call_selection_reopen"),
    path("<int:pk>/selection/pdf/", views.call_selection_pdf, name="call_selection_pdf"),
    path("candidatures/<int:pk>/", views.application_detail, name="application_detail"),
    path("candidatures/<int:pk>/eligibilite/", views.application_eligibility, name="application_eligibility"),
    path("candidatures/<int:pk>/complement/", views.application_complement, name="application_complement"),
    path("candidatures/<int:pk>/notes/", views.application_score, name="application_score"),
    path("candidatures/<int:pk>/pdf/", views.application_pdf, name="application_pdf"),
    # Public pages: no account needed.
    path("public/<slug:slug>/", views.public_call, name="public_call"),
    path("public/<slug:slug>/candidater/", views.apply, name="apply"),
    path("candidature/<str:token>/", views.application_edit, name="application_edit"),
]
