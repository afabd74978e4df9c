"""Commendations keep the town of the record, so per-town figures need no join to people."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce


def commendation_town_fill(apps, schema_editor):
    """An honour's town is its person's, or the village's for a village honoured as a whole.

    One UPDATE, on SQLite as on PostgreSQL; a village's town is its `town` (kept by the org
    unit services, the same column a person's town is taken from).
    """
    Commendation = apps.get_model("evaluation", "Commendation")
    Person = apps.get_model("people", "Person")
    OrgUnit = apps.get_model("core", "OrgUnit")
    Commendation.objects.update(
        town_id=Coalesce(
            Subquery(Person.objects.filter(pk=OuterRef("person_id")).values("town_id")[:1]),
            Subquery(OrgUnit.objects.filter(pk=OuterRef("village_id")).values("town_id")[:1]),
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("evaluation", "0002_cadregrade_cadrestop_indicatorscore_paystandard_and_more"),
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="commendation",
            name="town",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.orgunit",
                verbose_name="town",
            ),
        ),
        migrations.RunPython(commendation_town_fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="commendation",
            name="town",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.orgunit",
                verbose_name="town",
            ),
        ),
        migrations.AddIndex(
            model_name="commendation",
            index=models.Index(fields=["town", "year"], name="evaluation__town_id_c72003_idx"),
        ),
    ]
