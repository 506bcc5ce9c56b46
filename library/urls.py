from django.urls import path

from . import views

app_name = "library"

urlpatterns = [
    path("", views.search, name="search"),
    path("publier/", views.manage, name="manage"),
    path("publier/<str:source>/<int:object_id>/", views.publish, name="publish"),
    path("preferences/", views.preferences, name="preferences"),
    path("publications/<int:pk>/", views.publication_detail, name="publication_detail"),
    path("publications/<int:pk>/telecharger/", views.download, name="download"),
    path("publications/<int:pk>/retirer/", views.withdraw, name="withdraw"),
    # Public pages: no account needed.
    path("vitrine/<slug:code>/", views.showcase, name="showcase"),
    path("desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
