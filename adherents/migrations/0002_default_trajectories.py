from django.db import migrations


def create_templates(apps, schema_editor):
    from adherents.trajectories import ensure_default_templates

    ensure_default_templates(apps.get_model("adherents", "TrajectoryTemplate"), apps.get_model("adherents", "TrajectoryStep"))


class Migration(migrations.Migration):
    dependencies = [("adherents", "0001_initial")]

    operations = [migrations.RunPython(create_templates, migrations.RunPython.noop)]
