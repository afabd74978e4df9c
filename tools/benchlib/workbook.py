"""The synthetic exchange workbook: one town of ~300 villages and N valid 人员 rows.

Rows come from one seeded random stream, so a file of N rows is the same whatever else the
benchmark does, and the first k rows of two files of different sizes are the same rows.
Every row is valid (the import must write everything); the mix exercises the importer's work:
blank birth dates and genders derived from the ID, aliases, landlines, blank optional cells.
"""

import datetime
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from qunyan.people.idnumbers import make_id_number

SEED = 20231231
TOWN = "白鹭镇"
REGIONS = ("431181", "431102", "430523", "431021", "433122")
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕"
    "丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃"
    "武戴莫孔向汤欧阳"
)
GIVEN = (
    "伟强磊军洋勇杰涛明超华建国平刚辉鹏飞斌宇浩凯健俊帆文博志峰亮成龙波芳娜敏静丽艳娟霞秀玲桂英红梅"
    "琳燕云莲萍雪琴兰洁倩婷颖慧佳晶蓉月春秋冬松柏林森海江河湖山岳石金银玉珍宝贵富荣昌盛兴旺德仁义礼智"
    "信忠孝廉耻勤俭恭良温顺和平安康乐福寿喜庆祥瑞翠绿青蓝紫丹彤红霖雨露霜雷电风光辉煌灿烂"
)
SYLLABLES = "石牛龙凤桃李杉竹茶梅松柏枫荷莲樟桐黄白青金银马鹿羊花塘溪坪坳冲湾岭山桥泉湖港"
ETHNICITIES = ("汉族",) * 12 + ("瑶族", "土家族", "苗族", "侗族")
EDUCATION = (
    "小学",
    "初中",
    "初中",
    "高中",
    "高中",
    "中专",
    "大专",
    "本科",
    "硕士研究生",
    "大学本科",
    "大学专科",
    "职高",
    "小学及以下",
    "博士研究生",
)
POLITICAL = ("群众",) * 6 + (
    "中共党员",
    "中共党员",
    "共青团员",
    "中共预备党员",
    "党员",
    "团员",
    "九三学社",
    "民盟",
)
SKILLS = (
    "农技",
    "养殖",
    "电商",
    "财会",
    "机械维修",
    "油茶种植",
    "水稻种植",
    "物流",
    "建筑",
    "乡村旅游",
    "中医药",
    "法律",
    "教育",
    "医疗",
    "",
    "",
    "",
)
HEADERS = (
    "姓名",
    "公民身份号码",
    "性别",
    "民族",
    "出生日期",
    "学历",
    "政治面貌",
    "所属单位",
    "联系电话",
    "专业特长",
)
VILLAGE_COUNT = 300
COMMUNITY_EVERY = 15  # every 15th unit is a community: 20 communities, 280 villages


def village_rows() -> list[tuple[str, str, str]]:
    """(乡镇, 名称, 类型) for the town's units, unique names from pairs of syllables."""
    rows = []
    for i in range(VILLAGE_COUNT):
        first, second = divmod(i, len(SYLLABLES))
        name = SYLLABLES[first % len(SYLLABLES)] + SYLLABLES[second]
        kind = "社区" if i % COMMUNITY_EVERY == COMMUNITY_EVERY - 1 else "村"
        rows.append((TOWN, name + kind, kind))
    return rows


def person_rows(count: int, seed: int = SEED) -> Iterator[list[Any]]:
    """The 人员 rows, deterministic for a seed; the first k rows do not depend on `count`."""
    rng = random.Random(seed)
    units = [name for _town, name, _kind in village_rows()]
    used: set[str] = set()
    base = datetime.date(1950, 1, 1)
    for _ in range(count):
        gender = rng.choice("MF")
        while True:
            birth = base + datetime.timedelta(days=rng.randrange(365 * 55))
            id_number = make_id_number(rng.choice(REGIONS), birth, rng.randrange(500), gender)
            if id_number not in used:
                break
        used.add(id_number)
        surname = rng.choice(SURNAMES[:-2]) if rng.random() < 0.995 else "欧阳"
        name = surname + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        roll = rng.random()
        if roll < 0.90:
            phone = f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"
        elif roll < 0.95:
            phone = f"0746-{rng.randrange(10**7):07d}"
        else:
            phone = ""
        yield [
            name,
            id_number.lower() if rng.random() < 0.01 else id_number,
            ("男" if gender == "M" else "女") if rng.random() < 0.8 else "",
            rng.choice(ETHNICITIES),
            birth if rng.random() < 0.8 else None,
            rng.choice(EDUCATION),
            rng.choice(POLITICAL),
            rng.choice(units) if rng.random() < 0.97 else TOWN,
            phone,
            rng.choice(SKILLS),
        ]


def write_workbook(path: Path, rows: int, seed: int = SEED, *, villages: bool = True) -> Path:
    """Write the 村社区 sheet and `rows` 人员 rows (openpyxl write-only: constant memory)."""
    book = Workbook(write_only=True)
    if villages:
        sheet = book.create_sheet("村社区")
        sheet.append(["乡镇", "名称", "类型"])
        for row in village_rows():
            sheet.append(list(row))
    if rows:
        sheet = book.create_sheet("人员")
        sheet.append(list(HEADERS))
        for values in person_rows(rows, seed):
            sheet.append(values)
    tmp = path.with_name(path.name + ".part")
    book.save(tmp)
    tmp.replace(path)
    return path
