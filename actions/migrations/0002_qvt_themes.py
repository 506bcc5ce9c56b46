from django.db import migrations

# The 6 Anact QVT themes (seed 003), French names as users read them.
THEMES = [
    ("contenu-travail", "Contenu du travail"),
    ("relations-climat-social", "Relations au travail et climat social"),
    ("engagement-management", "Engagement et management"),
    ("egalite-professionnelle", "Égalité professionnelle"),
    ("parcours-professionnels", "Parcours professionnels"),
    ("sante-travail", "Santé au travail"),
]


def create_themes(apps, schema_editor):
    QvtTheme = apps.get_model("actions", "QvtTheme")
    for order, (code, name) in enumerate(THEMES, start=1):
        QvtTheme.objects.update_or_create(code=code, defaults={"name": name, "order": order})


def remove_themes(apps, schema_editor):
    apps.get_model("actions", "QvtTheme").objects.filter(code__in=[c for c, _ in THEMES]).delete()


class Migration(migrations.Migration):
    dependencies = [("actions", "0001_initial")]
    operations = [migrations.RunPython(create_themes, remove_themes)]
