"""Closed vocabularies of the registry, with the contract's Chinese words and their aliases."""

from collections.abc import Mapping

from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


class Education(models.TextChoices):
    PRIMARY = "primary", _("Primary school")
    JUNIOR = "junior", _("Junior middle school")
    SENIOR = "senior", _("Senior high school")
    VOCATIONAL = "vocational", _("Secondary vocational school")
    COLLEGE = "college", _("Junior college")
    BACHELOR = "bachelor", _("Bachelor")
    MASTER = "master", _("Master")
    DOCTOR = "doctor", _("Doctor")


# 大专以上: the contract's "college or above".
COLLEGE_OR_ABOVE = (Education.COLLEGE, Education.BACHELOR, Education.MASTER, Education.DOCTOR)


class PoliticalStatus(models.TextChoices):
    CPC_MEMBER = "cpc", _("CPC member")
    CPC_PROBATIONARY = "cpc_probationary", _("CPC probationary member")
    CYL_MEMBER = "cyl", _("Communist Youth League member")
    MASSES = "masses", _("Ordinary citizen")
    RCCK = "rcck", _("Revolutionary Committee of the Kuomintang")
    CDL = "cdl", _("China Democratic League")
    CNDCA = "cndca", _("China National Democratic Construction Association")
    CAPD = "capd", _("China Association for Promoting Democracy")
    CPWDP = "cpwdp", _("Chinese Peasants' and Workers' Democratic Party")
    CZGP = "czgp", _("China Zhi Gong Party")
    JIUSAN = "jiusan", _("Jiusan Society")
    TDSL = "tdsl", _("Taiwan Democratic Self-Government League")


PARTY_MEMBER_STATUSES = (PoliticalStatus.CPC_MEMBER, PoliticalStatus.CPC_PROBATIONARY)


class SourceCategory(models.TextChoices):
    """Where a reserve or a new party member comes from (来源类别)."""

    LOCAL_TALENT = "local_talent", _("Local practical talent")
    WEALTH_LEADER = "wealth_leader", _("Rural wealth leader")
    RETURNING_GRADUATE = "returning_graduate", _("Returning graduate entrepreneur")
    VETERAN = "veteran", _("Veteran")
    OTHER = "other", _("Other")


# The exchange workbook's words (contract text, not translated) → codes.
GENDER_WORDS = {"男": Gender.MALE, "女": Gender.FEMALE}
EDUCATION_WORDS = {
    "小学": Education.PRIMARY,
    "初中": Education.JUNIOR,
    "高中": Education.SENIOR,
    "中专": Education.VOCATIONAL,
    "大专": Education.COLLEGE,
    "本科": Education.BACHELOR,
    "硕士研究生": Education.MASTER,
    "博士研究生": Education.DOCTOR,
}
EDUCATION_ALIASES = {
    "大学专科": Education.COLLEGE,
    "大学本科": Education.BACHELOR,
    "大学": Education.BACHELOR,
    "硕士": Education.MASTER,
    "研究生": Education.MASTER,
    "博士": Education.DOCTOR,
    "中技": Education.VOCATIONAL,
    "职高": Education.VOCATIONAL,
    "小学及以下": Education.PRIMARY,
}
POLITICAL_WORDS = {
    "中共党员": PoliticalStatus.CPC_MEMBER,
    "中共预备党员": PoliticalStatus.CPC_PROBATIONARY,
    "共青团员": PoliticalStatus.CYL_MEMBER,
    "群众": PoliticalStatus.MASSES,
    "中国国民党革命委员会": PoliticalStatus.RCCK,
    "中国民主同盟": PoliticalStatus.CDL,
    "中国民主建国会": PoliticalStatus.CNDCA,
    "中国民主促进会": PoliticalStatus.CAPD,
    "中国农工民主党": PoliticalStatus.CPWDP,
    "中国致公党": PoliticalStatus.CZGP,
    "九三学社": PoliticalStatus.JIUSAN,
    "台湾民主自治同盟": PoliticalStatus.TDSL,
}
POLITICAL_ALIASES = {
    "党员": PoliticalStatus.CPC_MEMBER,
    "预备党员": PoliticalStatus.CPC_PROBATIONARY,
    "团员": PoliticalStatus.CYL_MEMBER,
    "民革": PoliticalStatus.RCCK,
    "民革党员": PoliticalStatus.RCCK,
    "民盟": PoliticalStatus.CDL,
    "民盟盟员": PoliticalStatus.CDL,
    "民建": PoliticalStatus.CNDCA,
    "民建会员": PoliticalStatus.CNDCA,
    "民进": PoliticalStatus.CAPD,
    "民进会员": PoliticalStatus.CAPD,
    "农工党": PoliticalStatus.CPWDP,
    "农工党党员": PoliticalStatus.CPWDP,
    "致公党": PoliticalStatus.CZGP,
    "致公党党员": PoliticalStatus.CZGP,
    "九三学社社员": PoliticalStatus.JIUSAN,
    "台盟": PoliticalStatus.TDSL,
    "台盟盟员": PoliticalStatus.TDSL,
}
SOURCE_WORDS = {
    "乡土实用人才": SourceCategory.LOCAL_TALENT,
    "农村致富带头人": SourceCategory.WEALTH_LEADER,
    "返乡创业大学生": SourceCategory.RETURNING_GRADUATE,
    "退役军人": SourceCategory.VETERAN,
    "其他": SourceCategory.OTHER,
}
SOURCE_ALIASES = {"退伍军人": SourceCategory.VETERAN}


def word_for(words: Mapping[str, str], code: str) -> str:
    """The contract word for a code (for exports)."""
    for word, value in words.items():
        if value == code:
            return word
    return ""
