"""Outreach contacts keep the town of the record, so per-town figures need no join to people."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def outreach_town_fill(apps, schema_editor):
    """Each contact's town is its person's town: one UPDATE, on SQLite as on PostgreSQL."""
    Outreach = apps.get_model("talents", "Outreach")
    Person = apps.get_model("people", "Person")
    Outreach.objects.update(
        town_id=Subquery(Person.objects.filter(pk=OuterRef("person_id")).values("town_id")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("people", "0001_initial"),
        ("talents", "0002_campaigns_follow_ups"),
    ]

    operations = [
        migrations.AddField(
            model_name="outreach",
            name="town",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.orgunit",
                verbose_name="town",
            ),
        ),
        migrations.RunPython(outreach_town_fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="outreach",
            name="town",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.orgunit",
                verbose_name="town",
            ),
        ),
        migrations.AddIndex(
            model_name="outreach",
            index=models.Index(fields=["town", "date"], name="talents_out_town_id_863c02_idx"),
        ),
    ]
