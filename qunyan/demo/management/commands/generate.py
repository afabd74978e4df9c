from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from qunyan.demo.synthetic import Spec, generate, period_of
from qunyan.demo.synthetic_workbook import write_workbooks


class Command(BaseCommand):
    help = (
        "Generate a synthetic county or province (towns, villages, people and every module's "
        "records) into the database, or as one exchange workbook per town."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--towns", type=int, required=True, help="number of towns")
        parser.add_argument(
            "--villages-per-town", type=int, required=True, help="villages and communities per town"
        )
        parser.add_argument("--people", type=int, required=True, help="people in all")
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        parser.add_argument(
            "--year", type=int, default=0, help="the report year (default: last year)"
        )
        parser.add_argument("--name", default="合成市", help="name of the root unit")
        parser.add_argument(
            "--workbooks",
            type=Path,
            help="write one exchange workbook per town into this directory",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        towns, villages, people = options["towns"], options["villages_per_town"], options["people"]
        if towns < 1 or villages < 1 or people < towns * (villages + 1) * 5:
            raise CommandError(
                _("Need at least one town and one village, and at least five people per unit.")
            )
        spec = Spec(
            towns=towns,
            villages_per_town=villages,
            people=people,
            seed=options["seed"],
            report_year=options["year"],
            root_name=options["name"],
        )

        def progress(text: str) -> None:
            if options["verbosity"] > 1:
                self.stderr.write(text)

        if options["workbooks"]:
            files = write_workbooks(spec, options["workbooks"], progress=progress)
            self.stdout.write(
                _("Wrote %(count)d workbooks to %(dir)s.")
                % {"count": len(files), "dir": options["workbooks"]}
            )
            return
        summary = generate(spec, progress=progress)
        for label, count in summary.counts.items():
            self.stdout.write(f"  {label}: {count}")
        first, last = period_of(spec)
        self.stdout.write(
            _(
                "Generated %(people)d people in %(towns)d towns in %(seconds).1f s (records %(from)s–%(to)s)."
            )
            % {
                "people": summary.counts.get("people.Person", 0),
                "towns": len(summary.towns),
                "seconds": summary.seconds,
                "from": first.isoformat(),
                "to": last.isoformat(),
            }
        )
