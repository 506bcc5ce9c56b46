from django.db import migrations, models


def name_the_closings(apps, schema_editor):
    """Closings were written as a move from the last phase to itself."""
    PhaseTransition = apps.get_model("actions", "PhaseTransition")
    PhaseTransition.objects.filter(from_number=models.F("to_number")).update(kind="cloture")


class Migration(migrations.Migration):
    dependencies = [("actions", "0004_deliverable_validated_file")]

    operations = [
        migrations.AddField(
            model_name="phasetransition",
            name="kind",
            field=models.CharField(
                choices=[("avance", "Move to the next phase"), ("retour", "Previous phase reopened"),
                         ("cloture", "Action closed"), ("reouverture", "Action reopened")],
                default="avance", max_length=20, verbose_name="kind",
            ),
        ),
        migrations.AddField(
            model_name="phasetransition",
            name="reason",
            field=models.TextField(blank=True, help_text="Why a phase or the action was reopened.", verbose_name="reason"),
        ),
        migrations.RunPython(name_the_closings, migrations.RunPython.noop),
    ]
