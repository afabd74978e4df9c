from typing import Any

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qunyan.core.fields import EncryptedTextField
from qunyan.core.models import OrgUnit

from .choices import Education, Gender, PoliticalStatus
from .idnumbers import mask_id_number, mask_phone

_LABELS: dict[type[models.TextChoices], dict[str, Any]] = {}


def _label(choices: type[models.TextChoices], value: str) -> str:
    labels = _LABELS.get(choices)
    if labels is None:
        labels = _LABELS[choices] = dict(choices.choices)
    return str(labels.get(value, value))


class Person(models.Model):
    """One human being in the registry; cadre, reserve, member … are identities held over time."""

    name = models.CharField(_("name"), max_length=50)
    name_pinyin = models.CharField(max_length=200, db_index=True, editable=False, default="")
    name_initials = models.CharField(max_length=50, db_index=True, editable=False, default="")
    id_number = EncryptedTextField(_("ID number"))
    # HMAC of the normalised ID: exact lookup and uniqueness without the number in clear.
    id_number_index = models.CharField(max_length=40, editable=False)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    ethnicity = models.CharField(_("ethnicity"), max_length=20, blank=True)
    birth_date = models.DateField(_("date of birth"), db_index=True)
    education = models.CharField(
        _("education"), max_length=12, choices=Education.choices, blank=True
    )
    political_status = models.CharField(
        _("political status"), max_length=20, choices=PoliticalStatus.choices, blank=True
    )
    unit = models.ForeignKey(OrgUnit, models.PROTECT, related_name="people", verbose_name=_("unit"))
    # The unit's town, kept on the row so town statistics need no join. Its indexes are the
    # two below, which lead with it.
    town = models.ForeignKey(
        OrgUnit, models.PROTECT, related_name="+", editable=False, db_index=False
    )
    phone = EncryptedTextField(_("phone"), blank=True)
    phone_index = models.CharField(max_length=40, blank=True, editable=False)
    skills = models.CharField(_("skills"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name_pinyin", "id"]
        # Declared here rather than with unique=/db_index= on the fields: PostgreSQL then builds
        # only the b-tree, not a second varchar_pattern_ops index that no HMAC lookup can use
        # (it cost the bulk import about a seventh of its time).
        constraints = [
            models.UniqueConstraint(fields=["id_number_index"], name="person_id_number_unique")
        ]
        indexes = [
            models.Index(fields=["town", "birth_date"]),
            # A town's registry in pinyin order: its first page is 50 rows of this index.
            models.Index(fields=["town", "name_pinyin", "id"], name="person_town_pinyin"),
            models.Index(fields=["phone_index"], name="person_phone_index"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("people:person-detail", args=[self.pk])

    # Labels from a dict made once: Django's get_FOO_display rebuilds the dict of the choices on
    # every call, hashing each lazy label (a tenth of a millisecond: 15 ms a registry page).
    def get_gender_display(self) -> str:  # type: ignore[no-redef]
        return _label(Gender, self.gender)

    def get_education_display(self) -> str:  # type: ignore[no-redef]
        return _label(Education, self.education)

    def get_political_status_display(self) -> str:  # type: ignore[no-redef]
        return _label(PoliticalStatus, self.political_status)

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone) if self.phone else ""


class CadreTerm(models.Model):
    """A term on a village's two committees (村"两委"); open-ended while still serving."""

    person = models.ForeignKey(
        Person, models.CASCADE, related_name="cadre_terms", verbose_name=_("person")
    )
    village = models.ForeignKey(
        OrgUnit, models.PROTECT, related_name="cadre_terms", verbose_name=_("village")
    )
    post = models.CharField(_("post"), max_length=30)
    started_on = models.DateField(_("start date"))
    ended_on = models.DateField(_("end date"), null=True, blank=True)
    bonus_base = models.DecimalField(
        _("performance bonus base"), max_digits=10, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("committee term")
        verbose_name_plural = _("committee terms")
        ordering = ["-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "post", "started_on"], name="cadreterm_natural_key"
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="cadreterm_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.post}"
