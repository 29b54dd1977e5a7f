"""Regenerate the admin-division seed (``dbt_project/seeds/admin_divisions.csv``) from a list of division codes.

    python -m tools.admin_divisions_seed PATH/TO/adcodes.csv [--seed dbt_project/seeds/admin_divisions.csv]

Where the codes come from: ``cpca/resources/adcodes.csv`` of the PyPI package ``cpca`` (0.5.5, MIT licence,
copyright 2018 QinYuan Du; ``pip download cpca --no-deps`` and unzip the wheel). Its rows are
``adcode,name,longitude,latitude`` with 12-digit codes whose first six digits are the GB/T 2260 code of
the division; the hierarchy follows from the code (``330903`` 普陀区 lies in ``330900`` 舟山市, in ``330000``
浙江省). cpca is not a dependency of the project: only this tool reads the file, and the seed it writes is
committed data.

The list is of 2016 (章丘市, 那曲地区 and 莱芜市 still exist in it). The seed's own rows win: every row
already in the seed keeps its names, short name, former names and notes, and only gains its code; the
changes after the list's date that those rows record (那曲市, 祁阳市, 莱芜市 merged into 济南市) are
applied from ``LATER_CHANGES`` so that their counties follow. Renames the list does not know are still
read through a county's short form (``章丘区`` is ``章丘`` + 区, 章丘市 of the list); a newer list in the
same format can be fed to this tool as it is.

New rows (every county-level division the seed lacked), and the seed's counties written without one,
get a short name by the rule the seed's rows follow (:func:`short_name`). A short name shared by
several divisions is written all the same: the matching rule (``ingestion/extract/places.py``) never
places a name by a shared short form.
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass
from pathlib import Path

SEED = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds" / "admin_divisions.csv"
COLUMNS = ("division_code", "province", "city", "county", "admin_level", "name", "short_name", "former_names", "notes")
MUNICIPALITIES = ("11", "12", "31", "50")  # 北京, 天津, 上海, 重庆: their city is the municipality itself
# The code list's stand-ins for a prefecture (a municipality's 市辖区/县, a province's directly governed
# counties): no division of their own.
PLACEHOLDERS = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")
DIRECTLY_GOVERNED = "省直辖县级行政单位 (no prefecture)"
MUNICIPALITY_NOTE = "直辖市: city = the municipality itself"
# Changes after the code list's date that the seed's own rows record: old code → (new code, new name,
# former name). A new code of None removes the division named (its counties are moved by their own entries).
LATER_CHANGES: dict[str, tuple[str | None, str, str]] = {
    "542400": ("540600", "那曲市", "那曲地区"),  # 2017: 那曲地区 became the prefecture-level city 那曲市
    "542421": ("540602", "色尼区", "那曲县"),
    **{f"5424{n:02d}": (f"5406{n - 1:02d}", "", "") for n in range(22, 32)},  # its other counties, renumbered
    "371200": (None, "莱芜市", ""),  # 2019: 莱芜市 merged into 济南市
    "371202": ("370116", "莱芜区", "莱城区"),
    "371203": ("370117", "钢城区", ""),
    "431121": ("431181", "祁阳市", "祁阳县"),  # 2021: 祁阳县 became a county-level city
}
# Minority peoples as autonomous divisions print them (with or without 族), longest first.
_PEOPLES = sorted(
    (
        "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 拉祜 水 东乡 纳西 景颇 "
        "柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 "
        "裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 高山 各"
    ).split(),
    key=len,
    reverse=True,
)
_PLAIN_SUFFIXES = ("新区", "林区", "特区", "矿区", "地区", "区", "县", "市", "旗", "盟", "省")
_BANNER_SIDES = "左右前后中"  # 阿拉善左旗, 乌拉特前旗: the side is part of the name, no short form


@dataclass
class Division:
    code: str
    province: str
    city: str
    county: str
    level: str
    name: str

    @property
    def key(self) -> tuple[str, str, str, str]:
        return self.province, self.city, self.county, self.level


def _key(row: dict[str, str]) -> tuple[str, str, str, str]:
    return row["province"], row["city"], row["county"], row["admin_level"]


def _strip_peoples(stem: str) -> str:
    """``保亭黎族苗族`` → ``保亭``: the peoples an autonomous division names, from the end (a people of one
    character only with its 族, so that no place name loses a last character such as 白 or 水)."""
    changed = True
    while changed:
        changed = False
        for people in _PEOPLES:
            word = next(
                (w for w in (f"{people}族", people if len(people) > 1 else None) if w and stem.endswith(w)), None
            )
            if word:
                stem, changed = stem[: -len(word)], True
                break
    return stem


def short_name(name: str) -> str:
    """The short form of a division's name, or "" when none is safe: the administrative word dropped
    (满城区 → 满城, 浦东新区 → 浦东), an autonomous division's peoples too (保亭黎族苗族自治县 → 保亭), and
    only when at least two characters remain (云县, 城区 have none) and the name is no banner side
    (阿拉善左旗)."""
    for autonomous in ("自治县", "自治旗", "自治州", "自治区"):
        if name.endswith(autonomous):
            stem = _strip_peoples(name[: -len(autonomous)])
            return stem if len(stem) >= 2 else ""
    if name.endswith("旗") and len(name) >= 2 and name[-2] in _BANNER_SIDES:
        return ""
    # the longest administrative word that leaves two characters: 浦东新区 → 浦东, but 清新区 → 清新
    stems = (name[: -len(suffix)] for suffix in _PLAIN_SUFFIXES if name.endswith(suffix))
    return next((stem for stem in stems if len(stem) >= 2), "")


ABOLISHED = frozenset(name for new, name, _ in LATER_CHANGES.values() if new is None)


def read_codes(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """code (6 digits) → name, with the later changes applied; and new code → former name."""
    with path.open(encoding="utf-8-sig") as handle:
        names = {row["adcode"][:6]: row["name"].strip() for row in csv.DictReader(handle)}
    former: dict[str, str] = {}
    for old, (new, new_name, former_name) in LATER_CHANGES.items():
        name = names.pop(old, None)
        if name is None:
            continue  # a newer list already has the change
        if new is not None:
            names[new] = new_name or name
            if former_name:
                former[new] = former_name
    return names, former


def divisions(names: dict[str, str]) -> list[Division]:
    """Every division of the code list, placed by its code's prefixes (placeholders left out)."""
    found = []
    for code, name in sorted(names.items()):
        if name in PLACEHOLDERS:
            continue
        province = names[code[:2] + "0000"]
        municipality = code[:2] in MUNICIPALITIES
        if code.endswith("0000"):
            found.append(Division(code, province, province if municipality else "", "", "province", name))
        elif code.endswith("00"):
            found.append(Division(code, province, name, "", "city", name))
        else:
            prefecture = names.get(code[:4] + "00", "")
            city = province if municipality else ("" if prefecture in PLACEHOLDERS else prefecture)
            found.append(Division(code, province, city, name, "county", name))
    return found


def _safe_short(name: str) -> str:
    """The short name, unless with an administrative word it spells an abolished division: 莱芜区 has
    none, or ``莱芜市财政局`` (the former prefecture's bureau) would be read as the district's."""
    short = short_name(name)
    return "" if any(short + word in ABOLISHED for word in ("市", "县", "区", "地区")) else short


def merge(seed_rows: list[dict[str, str]], listed: list[Division], former: dict[str, str]) -> list[dict[str, str]]:
    """The seed's rows with their codes, then every listed division the seed lacks; sorted by code.
    Raises when a seed row is not in the list (its code would be unknown)."""
    by_key = {division.key: division for division in listed}
    missing = [row for row in seed_rows if _key(row) not in by_key]
    if missing:
        raise ValueError(f"seed rows not in the code list: {[row['name'] for row in missing]}")
    kept = {_key(row): row for row in seed_rows}
    rows = []
    for division in listed:
        row = kept.get(division.key)
        if row is None:
            direct = division.level == "county" and not division.city
            municipality = division.level == "province" and division.city
            row = {
                "province": division.province,
                "city": division.city,
                "county": division.county,
                "admin_level": division.level,
                "name": division.name,
                "short_name": _safe_short(division.name),
                "former_names": former.get(division.code, ""),
                "notes": DIRECTLY_GOVERNED if direct else (MUNICIPALITY_NOTE if municipality else ""),
            }
        row = {**{column: row.get(column, "") for column in COLUMNS}, "division_code": division.code}
        if not row["short_name"] and division.level == "county":  # the seed's hand-written counties lacked one
            row["short_name"] = _safe_short(division.name)
        rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("codes", type=Path, help="adcodes.csv (adcode,name,…) of the cpca package")
    parser.add_argument("--seed", type=Path, default=SEED, help="the seed to merge into and rewrite")
    arguments = parser.parse_args(argv)
    names, former = read_codes(arguments.codes)
    with arguments.seed.open(encoding="utf-8") as handle:
        seed_rows = list(csv.DictReader(handle))
    try:
        rows = merge(seed_rows, divisions(names), former)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    with arguments.seed.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    levels = {level: sum(row["admin_level"] == level for row in rows) for level in ("province", "city", "county")}
    print(f"{arguments.seed}: {len(rows)} divisions ({levels}), {len(seed_rows)} kept from the seed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
