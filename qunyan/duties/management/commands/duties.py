"""`qunyan duties --town NAME [--village NAME] --json`: the proposed division, never saved."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from qunyan.core.audit import Action, audit_record
from qunyan.core.models import VILLAGE_KINDS, OrgUnit
from qunyan.duties.explain import reasons_text, rule_labels
from qunyan.duties.proposals import timed_town
from qunyan.duties.services import catalogue_ensure


class Command(BaseCommand):
    help = "Print the proposed division of duties of a town's villages without saving it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--town", required=True)
        parser.add_argument("--village")
        parser.add_argument("--json", action="store_true", help="JSON output")

    def handle(self, *args: Any, **options: Any) -> None:
        town = OrgUnit.objects.filter(kind=OrgUnit.Kind.TOWN, name=options["town"]).first()
        if town is None:
            raise CommandError(f"No town named {options['town']}.")
        villages = OrgUnit.objects.filter(town=town, kind__in=VILLAGE_KINDS).order_by("name", "id")
        if options.get("village"):
            villages = villages.filter(name=options["village"])
            if not villages.exists():
                raise CommandError(f"No village named {options['village']} in {town.name}.")
        # The catalogue is the town's data: a town without one gets the defaults first.
        catalogue_ensure(town=town, by=None)
        proposals, seconds = timed_town(town=town, villages=list(villages), on=timezone.localdate())
        result: dict[str, Any] = {
            "villages": [
                {
                    "name": p.village.name,
                    "feasible": p.solution.feasible,
                    "reasons": reasons_text(p.solution.reasons),
                    "total": p.solution.total,
                    "assignments": [
                        {
                            "id_number": row.person.id_number,
                            "name": row.person.name,
                            "duty": row.duty.name,
                            "score": row.score,
                            "parts": row.parts,
                            "rules": rule_labels(row.rules),
                        }
                        for row in p.rows
                    ],
                }
                for p in proposals
            ],
            "seconds": round(seconds, 3),
        }
        # Full ID numbers leave the system here (the contract's key): the reveal is logged.
        audit_record(
            action=Action.REVEAL,
            actor=None,
            target=town,
            note=f"qunyan duties: {len(result['villages'])} villages, proposed division",
        )
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        for village in result["villages"]:
            self.stdout.write(f"{village['name']}: total {village['total']}")
            for reason in village["reasons"]:
                self.stdout.write(f"  ! {reason}")
            for a in village["assignments"]:
                self.stdout.write(f"  {a['duty']}: {a['name']} ({a['score']})")
        self.stdout.write(f"{len(result['villages'])} villages in {seconds:.2f} s")
