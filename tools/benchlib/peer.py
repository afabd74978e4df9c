"""The peer: django-import-export's standard ModelResource for Person.

Default options (row by row: look the person up by its import id, build, diff, save), the
contract's Chinese headers mapped to model fields, and the least a registry row needs and the
model cannot derive itself: the ID's blind index (the lookup key: the number is stored
encrypted), gender and birth date from the ID when blank, the codes of the contract's words,
the pinyin keys and the unit's town. No contract validation and no audit entries: the peer does
less than the importer it is compared with.
"""

from typing import Any

from import_export import fields, resources, widgets

from qunyan.core.models import OrgUnit
from qunyan.people.choices import (
    EDUCATION_ALIASES,
    EDUCATION_WORDS,
    GENDER_WORDS,
    POLITICAL_ALIASES,
    POLITICAL_WORDS,
)
from qunyan.people.idnumbers import parse_id_number
from qunyan.people.models import Person
from qunyan.people.pinyin import name_keys
from qunyan.people.services import id_number_index, phone_index

EDUCATION = {**EDUCATION_ALIASES, **EDUCATION_WORDS}
POLITICAL = {**POLITICAL_ALIASES, **POLITICAL_WORDS}
DERIVED = ("id_number_index", "name_pinyin", "name_initials", "phone_index")


class PersonResource(resources.ModelResource):  # type: ignore[misc]
    name = fields.Field(attribute="name", column_name="姓名")
    id_number = fields.Field(attribute="id_number", column_name="公民身份号码")
    gender = fields.Field(attribute="gender", column_name="性别")
    ethnicity = fields.Field(attribute="ethnicity", column_name="民族")
    birth_date = fields.Field(
        attribute="birth_date", column_name="出生日期", widget=widgets.DateWidget()
    )
    education = fields.Field(attribute="education", column_name="学历")
    political_status = fields.Field(attribute="political_status", column_name="政治面貌")
    unit = fields.Field(
        attribute="unit", column_name="所属单位", widget=widgets.ForeignKeyWidget(OrgUnit, "name")
    )
    phone = fields.Field(attribute="phone", column_name="联系电话")
    skills = fields.Field(attribute="skills", column_name="专业特长")
    id_number_index = fields.Field(attribute="id_number_index", column_name="id_number_index")
    name_pinyin = fields.Field(attribute="name_pinyin", column_name="name_pinyin")
    name_initials = fields.Field(attribute="name_initials", column_name="name_initials")
    phone_index = fields.Field(attribute="phone_index", column_name="phone_index")

    class Meta:
        model = Person
        import_id_fields = ("id_number_index",)
        fields = (
            "name",
            "id_number",
            "gender",
            "ethnicity",
            "birth_date",
            "education",
            "political_status",
            "unit",
            "phone",
            "skills",
            "id_number_index",
            "name_pinyin",
            "name_initials",
            "phone_index",
        )

    def before_import(self, dataset: Any, **kwargs: Any) -> None:
        for header in DERIVED:
            dataset.append_col([""] * len(dataset), header=header)

    def before_import_row(self, row: Any, **kwargs: Any) -> None:
        parsed = parse_id_number(str(row["公民身份号码"]))
        row["公民身份号码"] = parsed.value
        row["id_number_index"] = id_number_index(parsed.value)
        row["性别"] = GENDER_WORDS.get(row["性别"] or "", parsed.gender)
        row["出生日期"] = row["出生日期"] or parsed.birth_date
        row["学历"] = EDUCATION.get(row["学历"] or "", "")
        row["政治面貌"] = POLITICAL.get(row["政治面貌"] or "", "")
        row["name_pinyin"], row["name_initials"] = name_keys(row["姓名"])
        row["联系电话"] = row["联系电话"] or ""
        row["phone_index"] = phone_index(row["联系电话"])
        for key in ("民族", "专业特长"):
            row[key] = row[key] or ""

    def before_save_instance(self, instance: Person, row: Any, **kwargs: Any) -> None:
        instance.town_id = instance.unit.town_id or instance.unit.pk


def person_resource() -> PersonResource:
    return PersonResource()
