from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import api_views, views

app_name = "api"

urlpatterns = [
    path("jetons/", views.token_list, name="token_list"),
    path("jetons/<int:pk>/revoquer/", views.token_revoke_view, name="token_revoke"),
    path("v1/schema/", login_not_required(SpectacularAPIView.as_view()), name="schema"),
    path(
        "v1/docs/",
        login_not_required(
            SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/swagger_ui.html")
        ),
        name="docs",
    ),
    path("v1/programmes/", api_views.ProgrammeViewSet.as_view({"get": "list"}), name="programme-list"),
    path(
        "v1/programmes/<int:pk>/",
        api_views.ProgrammeViewSet.as_view({"get": "retrieve"}),
        name="programme-detail",
    ),
    path("v1/indicators/", api_views.IndicatorViewSet.as_view({"get": "list"}), name="indicator-list"),
    path(
        "v1/indicators/<int:pk>/",
        api_views.IndicatorViewSet.as_view({"get": "retrieve"}),
        name="indicator-detail",
    ),
    path("v1/measurements/", api_views.MeasurementBulkView.as_view(), name="measurements"),
    path("v1/actions/", api_views.ActionViewSet.as_view({"get": "list"}), name="action-list"),
    path("v1/actions/<int:pk>/", api_views.ActionViewSet.as_view({"get": "retrieve"}), name="action-detail"),
    path(
        "v1/actions/<int:pk>/deliverables/",
        api_views.ActionDeliverableList.as_view(),
        name="action-deliverables",
    ),
    path(
        "v1/actions/<int:pk>/deliverables/<int:deliverable_pk>/file/",
        api_views.DeliverableFileView.as_view(),
        name="deliverable-file",
    ),
    path("v1/committees/", api_views.CommitteeViewSet.as_view({"get": "list"}), name="committee-list"),
    path(
        "v1/committees/<int:pk>/",
        api_views.CommitteeViewSet.as_view({"get": "retrieve"}),
        name="committee-detail",
    ),
    path("v1/meetings/", api_views.MeetingViewSet.as_view({"get": "list"}), name="meeting-list"),
    path(
        "v1/meetings/<int:pk>/", api_views.MeetingViewSet.as_view({"get": "retrieve"}), name="meeting-detail"
    ),
    path("v1/decisions/", api_views.DecisionViewSet.as_view({"get": "list"}), name="decision-list"),
    path(
        "v1/decisions/<int:pk>/",
        api_views.DecisionViewSet.as_view({"get": "retrieve"}),
        name="decision-detail",
    ),
    path("v1/raci-matrices/", api_views.MatrixViewSet.as_view({"get": "list"}), name="matrix-list"),
    path(
        "v1/raci-matrices/<int:pk>/",
        api_views.MatrixViewSet.as_view({"get": "retrieve"}),
        name="matrix-detail",
    ),
    path(
        "v1/open/programmes/<int:pk>/indicators.json",
        api_views.OpenIndicatorsJson.as_view(),
        name="open-indicators-json",
    ),
    path(
        "v1/open/programmes/<int:pk>/indicators.csv",
        api_views.OpenIndicatorsCsv.as_view(),
        name="open-indicators-csv",
    ),
]
