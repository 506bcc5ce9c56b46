from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("core.urls")),
    path("comptes/", include("core.auth_urls")),
    path("annuaire/", include("directory.urls")),
    path("documents/", include("reports.urls")),
    path("notifications/", include("reminders.urls")),
    path("actions/", include("actions.urls")),
    path("gouvernance/", include("governance.urls")),
    path("raci/", include("raci.urls")),
    path("adherents/", include("adherents.urls")),
    path("evaluation/", include("evaluation.urls")),
    path("appels/", include("calls.urls")),
    path("bibliotheque/", include("library.urls")),
    path("api/", include("api.urls")),
    path("donnees-personnelles/", include("privacy.urls")),
    path("admin/", admin.site.urls),
]

admin.site.site_header = "Copilote — administration"
admin.site.site_title = "Copilote"
admin.site.index_title = "Administration"
