from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import api_views, views

app_name = "api"

urlpatterns = [
    path("jetons/", views.token_list, name="token_list"),
    path("jetons/<int:pk>/revoquer/", views.token_revoke_view, name="token_revoke"),
    path("v1/schema/", login_not_required(SpectacularAPIView.as_view()), name="schema"),
    path("v1/docs/", login_not_required(SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/swagger_ui.html")), name="docs"),
    path("v1/programmes/", api_views.ProgrammeViewSet.as_view({"get": "list"}), name="programme-list"),
    path("v1/programmes/<int:pk>/", api_views.ProgrammeViewSet.as_view({"get": "retrieve"}), name="programme-detail"),
    path("v1/indicators/", api_views.IndicatorViewSet.as_view({"get": "list"}), name="indicator-list"),
    path("v1/indicators/<int:pk>/", api_views.IndicatorViewSet.as_view({"get": "retrieve"}), name="indicator-detail"),
    path("v1/measurements/", api_views.MeasurementBulkView.as_view(), name="measurements"),
]
