"""Mentoring pairs keep the town of the record, so per-town figures need no join to people."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def mentorship_town_fill(apps, schema_editor):
    """A pair's town is its mentee's town: one UPDATE, on SQLite as on PostgreSQL."""
    Mentorship = apps.get_model("mentoring", "Mentorship")
    Person = apps.get_model("people", "Person")
    Mentorship.objects.update(
        town_id=Subquery(Person.objects.filter(pk=OuterRef("mentee_id")).values("town_id")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("mentoring", "0002_register_log_evaluations"),
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="mentorship",
            name="town",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.orgunit",
                verbose_name="town",
            ),
        ),
        migrations.RunPython(mentorship_town_fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="mentorship",
            name="town",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.orgunit",
                verbose_name="town",
            ),
        ),
        migrations.AddIndex(
            model_name="mentorship",
            index=models.Index(
                fields=["town", "started_on"], name="mentoring_m_town_id_737b92_idx"
            ),
        ),
    ]
