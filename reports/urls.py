from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.document_list, name="document_list"),
    path("<int:pk>/", views.document_detail, name="document_detail"),
    path("<int:pk>/telecharger/", views.document_download, name="document_download"),
    path("<int:pk>/relancer/", views.document_retry_view, name="document_retry"),
]
