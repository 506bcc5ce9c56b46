from django.contrib.auth import views as auth_views
from django.urls import path

from .forms_auth import LoginForm, PasswordResetForm
from .portal import portal_allowed

urlpatterns = [
    path(
        "connexion/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("deconnexion/", portal_allowed(auth_views.LogoutView.as_view()), name="logout"),
    path("mot-de-passe/", portal_allowed(auth_views.PasswordChangeView.as_view()), name="password_change"),
    path(
        "mot-de-passe/modifie/",
        portal_allowed(auth_views.PasswordChangeDoneView.as_view()),
        name="password_change_done",
    ),
    path(
        "mot-de-passe/oublie/",
        auth_views.PasswordResetView.as_view(
            form_class=PasswordResetForm, email_template_name="registration/password_reset_email.txt"
        ),
        name="password_reset",
    ),
    path(
        "mot-de-passe/oublie/envoye/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"
    ),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe/nouveau/termine/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
