"""Closed vocabularies of services and mediation cases, with the sheets' Chinese words."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The service categories a town starts with; each town edits its own list afterwards.
# They are the town's data (shown as stored), so they are written in Chinese here.
DEFAULT_CATEGORIES = (
    "为老人代办",
    "政策宣讲",
    "矛盾纠纷调解",
    "安全巡查",
    "环境整治",
    "其他",
)


class CaseType(models.TextChoices):
    NEIGHBOURS = "neighbours", _("Neighbourhood")
    LAND = "land", _("Land, hills and forests")
    FAMILY = "family", _("Marriage and family")
    DEBT = "debt", _("Debts and contracts")
    DAMAGE = "damage", _("Damage and compensation")
    OTHER = "other", _("Other")


class CaseResult(models.TextChoices):
    """How a case ended; an open case has no result yet."""

    SETTLED = "settled", _("Settled")
    REFERRED = "referred", _("Referred")
    UNSETTLED = "unsettled", _("Unsettled")


# The workbook's words (not translated) → codes.
CASE_TYPE_WORDS = {
    "邻里纠纷": CaseType.NEIGHBOURS,
    "土地山林纠纷": CaseType.LAND,
    "婚姻家庭纠纷": CaseType.FAMILY,
    "债务合同纠纷": CaseType.DEBT,
    "损害赔偿纠纷": CaseType.DAMAGE,
    "其他": CaseType.OTHER,
}
CASE_RESULT_WORDS = {
    "调解成功": CaseResult.SETTLED,
    "移交处理": CaseResult.REFERRED,
    "调解不成": CaseResult.UNSETTLED,
}
