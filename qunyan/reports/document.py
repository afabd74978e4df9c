"""The parts of the year report (sections, charts, tables) and its charts and appendix.

Like the narrative, the words are the Chinese of the official document, not interface strings.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from qunyan.core.models import OrgUnit

from .figures import show, table_rows

NO_DATA = "暂无数据"


@dataclass
class Chart:
    title: str
    labels: list[str]
    series: list[tuple[str, list[int]]]


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[list[str]]


@dataclass
class Section:
    heading: str
    paragraphs: list[str]
    charts: list[Chart] = field(default_factory=list)


@dataclass
class Report:
    town: OrgUnit
    period_from: datetime.date
    period_to: datetime.date
    title: str
    subtitle: str
    intro: list[str]
    sections: list[Section]
    appendix: list[Table]

    @property
    def text(self) -> str:
        """All the words of the report, for a quick look and for tests."""
        parts = [self.title, self.subtitle, *self.intro]
        for section in self.sections:
            parts += [section.heading, *section.paragraphs]
        for table in self.appendix:
            parts += [table.title, " ".join(table.header)]
            parts += [" ".join(row) for row in table.rows]
        return "\n".join(parts)


def charts_of(
    stats: dict[str, Any], charts: dict[str, Any], present: dict[str, bool]
) -> dict[str, list[Chart]]:
    villages = charts["villages"]
    result: dict[str, list[Chart]] = {"reserves": [], "quality": [], "role": []}
    if present["reserves"]:
        result["reserves"].append(
            Chart(
                "各村（社区）后备力量",
                [row["name"] for row in villages],
                [
                    ("后备力量", [row["total"] for row in villages]),
                    ("35岁以下大专以上", [row["young_and_college"] for row in villages]),
                ],
            )
        )
    if present["party"]:
        sources = stats["party_development"]["by_source"]
        result["reserves"].append(
            Chart("新发展党员来源", list(sources), [("人数", list(sources.values()))])
        )
    if present["training"]:
        programmes = stats["training"]["by_programme"]
        result["quality"].append(
            Chart(
                "各培训项目参训人次",
                list(programmes),
                [("人次", [figures["person_times"] for figures in programmes.values()])],
            )
        )
    if present["ratings"]:
        result["role"].append(
            Chart(
                f"{charts['ratings']['years'][-1]}年度村（社区）考评等次",
                list(stats["ratings"]),
                [("村（社区）数", list(stats["ratings"].values()))],
            )
        )
    return result


def appendix(
    stats: dict[str, Any], charts: dict[str, Any], present: dict[str, bool]
) -> list[Table]:
    figures = [
        [row.label, show(row.value) if row.present else NO_DATA]
        for row in table_rows(stats, present)
    ]
    tables = [Table("附表1 主要统计指标", ["指标", "数值"], figures)]
    if present["reserves"]:
        tables.append(
            Table(
                "附表2 各村（社区）后备力量配备情况",
                ["村（社区）", "后备力量", "35岁以下大专以上", "是否达标"],
                [
                    [
                        row["name"],
                        str(row["total"]),
                        str(row["young_and_college"]),
                        "否" if row["short"] else "是",
                    ]
                    for row in charts["villages"]
                ],
            )
        )
    if present["training"]:
        tables.append(
            Table(
                "附表3 各培训项目开展情况",
                ["培训项目", "期数", "参训人次"],
                [
                    [word, str(figures["classes"]), str(figures["person_times"])]
                    for word, figures in stats["training"]["by_programme"].items()
                ],
            )
        )
    if present["party"]:
        funnel = charts["party"]
        tables.append(
            Table(
                "附表4 发展党员各阶段人数（按来源）",
                ["来源类别", *funnel["stages"]],
                [[word, *map(str, values)] for word, values in funnel["series"].items()],
            )
        )
    return tables
