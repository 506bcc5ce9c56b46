from django.apps import apps
from django.contrib import admin
from django.urls import reverse


def test_every_model_has_an_admin_that_opens(client_for, admin_user, adherent):
    client = client_for(admin_user)
    models = [
        m for m in apps.get_app_config("adherents").get_models() if not m.__name__.startswith("Historical")
    ]
    assert models
    for model in models:
        assert model in admin.site._registry, model
        url = reverse(f"admin:adherents_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("admin:adherents_adherent_change", args=[adherent.pk])).status_code == 200
