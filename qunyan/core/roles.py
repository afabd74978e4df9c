"""Roles and what each may do. Data scope (which units) is separate: see scopes.py."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COUNTY_READER = "county_reader", _("County reader")
    TOWN_OFFICER = "town_officer", _("Town organisation officer")
    TOWN_LEADER = "town_leader", _("Town leader")
    VILLAGE_SECRETARY = "village_secretary", _("Village secretary")
    SYSTEM_ADMIN = "system_admin", _("System administrator")
    SECURITY_ADMIN = "security_admin", _("Security administrator")
    AUDITOR = "auditor", _("Auditor")


class Capability(models.TextChoices):
    VIEW_PEOPLE = "view_people", _("View personal records")
    CHANGE_PEOPLE = "change_people", _("Change personal records")
    CHANGE_UNITS = "change_units", _("Change villages and communities")
    REVEAL = "reveal", _("Reveal full ID and phone numbers")
    IMPORT = "import", _("Import workbooks")
    EXPORT = "export", _("Export workbooks")
    MANAGE_RESERVES = "manage_reserves", _("Manage the reserve pool and run surveys")
    SUPERVISE = "supervise", _("Record supervision of the work list")
    MANAGE_MENTORING = "manage_mentoring", _("Keep the mentor register and pair mentors")
    MANAGE_TALENTS = "manage_talents", _("Plan holiday campaigns for people working elsewhere")
    MANAGE_PARTY = "manage_party", _("Record party member development and publish notices")
    MANAGE_TRAINING = "manage_training", _("Run training programmes, classes and attendance")
    MANAGE_DUTIES = (
        "manage_duties",
        _("Divide the two committees' duties and fill three-chief teams"),
    )
    MANAGE_EVALUATION = "manage_evaluation", _("Rate villages, grade cadres and compute pay")
    RECORD_SERVICE = "record_service", _("Record services and mediation cases")
    VIEW_AUDIT = "view_audit", _("Read the audit log")
    MANAGE_ACCOUNTS = "manage_accounts", _("Manage accounts")
    MANAGE_ROLES = "manage_roles", _("Assign roles and unlock accounts")


# 三员分立: the system admin, security admin and auditor never read personal data.
ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.COUNTY_READER: frozenset({Capability.VIEW_PEOPLE, Capability.EXPORT}),
    Role.TOWN_OFFICER: frozenset(
        {
            Capability.VIEW_PEOPLE,
            Capability.CHANGE_PEOPLE,
            Capability.CHANGE_UNITS,
            Capability.REVEAL,
            Capability.IMPORT,
            Capability.EXPORT,
            Capability.MANAGE_RESERVES,
            Capability.SUPERVISE,
            Capability.MANAGE_MENTORING,
            Capability.MANAGE_TALENTS,
            Capability.MANAGE_PARTY,
            Capability.MANAGE_TRAINING,
            Capability.MANAGE_DUTIES,
            Capability.MANAGE_EVALUATION,
            Capability.RECORD_SERVICE,
        }
    ),
    Role.TOWN_LEADER: frozenset({Capability.VIEW_PEOPLE}),
    Role.VILLAGE_SECRETARY: frozenset(
        {
            Capability.VIEW_PEOPLE,
            Capability.CHANGE_PEOPLE,
            Capability.SUPERVISE,
            Capability.RECORD_SERVICE,
        }
    ),
    Role.SYSTEM_ADMIN: frozenset({Capability.MANAGE_ACCOUNTS}),
    Role.SECURITY_ADMIN: frozenset({Capability.MANAGE_ROLES}),
    Role.AUDITOR: frozenset({Capability.VIEW_AUDIT}),
}

# Roles whose unit must be of these kinds; the others work without a unit.
ROLE_UNIT_KINDS: dict[str, tuple[str, ...]] = {
    Role.COUNTY_READER: ("county",),
    Role.TOWN_OFFICER: ("town",),
    Role.TOWN_LEADER: ("town",),
    Role.VILLAGE_SECRETARY: ("village", "community"),
}


def role_can(role: str, capability: str) -> bool:
    return capability in ROLE_CAPABILITIES.get(role, frozenset())
