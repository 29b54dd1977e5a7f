"""Subject codes from printed names: lookups in the 政府收支分类科目 reference seeds.

Disclosures often print a subject by name only (``（1）行政运行 1183.39万元``, ``事业单位医疗（项）``),
by an outdated name (``医疗卫生与计划生育（类）`` in a 2020 final account), or by a bare name that exists
under dozens of 款 (``行政运行``). This module turns such a name into a code *only when the reference
and the context single one out*, and says how it did so; otherwise it returns no code and the reason,
so the caller records an extraction issue instead of guessing.

The seeds in ``dbt_project/seeds`` are the single copy of the reference (dbt loads the same files).
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ingestion.config import PROJECT_ROOT
from ingestion.vocabulary.subject_levels import CODE_LENGTHS, LEVEL_MARK, LEVELS

SEEDS_DIR = PROJECT_ROOT / "dbt_project" / "seeds"
SEED_FILES = {
    "functional": "functional_subjects.csv",
    "department": "economic_subjects_department.csv",
    "government": "economic_subjects_government.csv",
}
ECONOMIC_SCHEMES = ("department", "government")
LEVELS_BY_LENGTH = {length: level for level, length in CODE_LENGTHS.items()}

# Names printed in disclosures that differ from the reference name only by wording habit, not by
# meaning (verified against the samples: 满城 prints 其他交通费 for 30239 其他交通费用).
ECONOMIC_ALIASES = {
    "其他交通费": "其他交通费用",
    "因公出国(境)费": "因公出国(境)费用",
    "税金及附加": "税金及附加费用",
    "维修费": "维修(护)费",
}

# The 款 an agency of a given type (dbt_project/seeds/agency_types.csv) books its own running costs
# under; only sections present in the reference with their 项. Used last, after siblings.
AGENCY_TYPE_SECTIONS = {
    "人大": "20101",
    "政协": "20102",
    "政府办公室": "20103",
    "发展改革": "20104",
    "统计": "20105",
    "财政部门": "20106",
    "税务": "20107",
    "审计": "20108",
    "纪委监委": "20111",
    "组织部": "20132",
    "宣传部": "20133",
    "统战部": "20134",
    "网信办": "20137",
    "卫生健康": "21001",
}

_FULL_WIDTH = str.maketrans({"（": "(", "）": ")", "　": " ", "“": "", "”": "", '"': ""})
_SPACES = re.compile(r"\s+")
_LEVEL_MARK = re.compile(rf"{LEVEL_MARK}$")


@dataclass(frozen=True)
class ReferenceRow:
    """One row of a reference seed; a renamed code has one row per name."""

    code: str
    name: str
    level: str  # 类 / 款 / 项
    parent_code: str | None
    valid_from_year: int | None
    valid_to_year: int | None
    notes: str
    scheme: str  # functional / department / government

    def valid_in(self, year: int | None) -> bool:
        if year is None:
            return True
        return (self.valid_from_year or 0) <= year <= (self.valid_to_year or 9999)

    @property
    def is_current(self) -> bool:
        return self.valid_to_year is None


@dataclass(frozen=True)
class Resolution:
    """The outcome of resolving a printed subject.

    ``how``: ``printed`` (code printed), ``name`` (the name is unique), ``renamed`` (an old name of the
    code), ``alias`` (a wording variant), ``parent`` (unique under the printed parent), ``siblings``
    (unique within the 款 of the amounts printed beside it), ``agency`` (unique within the 款 of the
    agency's type, e.g. 网信办 → 20137), ``year`` (unique among subjects valid that year),
    ``ambiguous`` / ``unknown`` (no code; ``ambiguous_reason`` says why).
    ``note`` carries a remark for a resolved code, e.g. a printed code missing from the reference.
    """

    code: str | None
    how: str
    ambiguous_reason: str | None = None
    note: str | None = None


def name_key(name: str) -> str:
    """Comparable form of a subject name: ASCII brackets, no blanks or quotes, no level mark, no 支出.

    ``一般公共服务（类）`` and ``一般公共服务支出`` share the key ``一般公共服务``; the trailing 支出 is
    dropped on both sides, so ``其他网信事务支出`` still matches itself.
    """
    key = _SPACES.sub("", (name or "").translate(_FULL_WIDTH))
    key = _LEVEL_MARK.sub("", key)
    return key.removesuffix("支出") or key


def _year(text: str) -> int | None:
    return int(text) if text and text.strip() else None


def _read_seed(scheme: str, seeds_dir: Path) -> list[ReferenceRow]:
    with (seeds_dir / SEED_FILES[scheme]).open(encoding="utf-8") as handle:
        return [
            ReferenceRow(
                code=row["code"].strip(),
                name=row["name"].strip(),
                level=row["level"].strip(),
                parent_code=row["parent_code"].strip() or None,
                valid_from_year=_year(row["valid_from_year"]),
                valid_to_year=_year(row["valid_to_year"]),
                notes=row.get("notes", ""),
                scheme=scheme,
            )
            for row in csv.DictReader(handle)
        ]


class Reference:
    """The three seeds, indexed by code and by name key (per scheme)."""

    def __init__(self, rows: Iterable[ReferenceRow]) -> None:
        self.rows = list(rows)
        self.by_code: dict[str, list[ReferenceRow]] = defaultdict(list)
        self.by_key: dict[tuple[str, str], list[ReferenceRow]] = defaultdict(list)
        for row in self.rows:
            self.by_code[row.code].append(row)
            self.by_key[(row.scheme, name_key(row.name))].append(row)

    def names(self, schemes: Sequence[str], levels: Sequence[str] = LEVELS) -> set[str]:
        """Every printed-form name (old and new) of the given schemes and levels."""
        return {row.name for row in self.rows if row.scheme in schemes and row.level in levels}


@lru_cache(maxsize=4)
def reference(seeds_dir: Path = SEEDS_DIR) -> Reference:
    """The reference, read once per process from the dbt seeds."""
    return Reference(row for scheme in SEED_FILES for row in _read_seed(scheme, seeds_dir))


def lookup_code(code: str, *, fiscal_year: int | None = None) -> ReferenceRow | None:
    """The reference row of a code (the name in force in ``fiscal_year``, else the current one)."""
    rows = reference().by_code.get((code or "").strip(), [])
    if not rows:
        return None
    in_force = [row for row in rows if row.valid_in(fiscal_year)]
    current = [row for row in rows if row.is_current]
    return (in_force or current or rows)[-1]


@lru_cache(maxsize=1)
def _agency_keywords(seeds_dir: Path = SEEDS_DIR) -> list[tuple[str, str]]:
    with (seeds_dir / "agency_types.csv").open(encoding="utf-8") as handle:
        rows = [(row["keyword"], row["agency_type"]) for row in csv.DictReader(handle)]
    return sorted(rows, key=lambda row: len(row[0]), reverse=True)


def agency_section(agency_name: str | None) -> str | None:
    """The 款 of an agency's own running costs, from its type (longest keyword in its name wins)."""
    for keyword, agency_type in _agency_keywords() if agency_name else ():
        if keyword in agency_name:
            return AGENCY_TYPE_SECTIONS.get(agency_type)
    return None


def _schemes(scheme: str) -> tuple[str, ...]:
    return ECONOMIC_SCHEMES if scheme == "economic" else (scheme,)


def _candidates(name: str, schemes: Sequence[str], level: str | None, parent_code: str | None):
    """Rows whose name matches, within the first scheme that has any (department before government)."""
    ref = reference()
    for scheme in schemes:
        key = name_key(name)
        rows = ref.by_key.get((scheme, key), [])
        how = "name"
        if not rows and scheme in ECONOMIC_SCHEMES and key in _alias_keys():
            rows, how = ref.by_key.get((scheme, _alias_keys()[key]), []), "alias"
        rows = [r for r in rows if (level is None or r.level == level)]
        rows = [r for r in rows if parent_code is None or (r.code.startswith(parent_code) and r.code != parent_code)]
        if rows:
            return rows, how
    return [], "unknown"


@lru_cache(maxsize=1)
def _alias_keys() -> dict[str, str]:
    return {name_key(alias): name_key(target) for alias, target in ECONOMIC_ALIASES.items()}


def _sibling_sections(sibling_codes: Iterable[str]) -> set[str]:
    """The 款 (5-digit) of each sibling: 2013799 → 20137; a 款 code is its own section."""
    return {code[:5] for code in sibling_codes if code and len(code) >= 5}


def _renamed(rows: list[ReferenceRow], code: str, fiscal_year: int | None) -> bool:
    """True when the name matched only an old name of ``code`` (not the one in force)."""
    matched = [row for row in rows if row.code == code]
    if fiscal_year is None:
        return not any(row.is_current for row in matched)
    return not any(row.valid_in(fiscal_year) for row in matched) and any(
        row.valid_in(fiscal_year) for row in reference().by_code[code]
    )


def resolve_subject(
    name: str,
    *,
    sibling_codes: Sequence[str] = (),
    fiscal_year: int | None = None,
    scheme: str = "functional",
    level: str | None = None,
    parent_code: str | None = None,
    agency_section: str | None = None,
) -> Resolution:
    """The code of a printed name, narrowed by parent, siblings and year; no code when still ambiguous.

    ``scheme`` is ``functional`` or ``economic`` (部门预算经济分类, then 政府预算经济分类). ``sibling_codes``
    are the codes of the amounts printed beside this one: ``其他网信事务支出`` (2013799) beside a bare
    ``行政运行`` makes it 2013701, because siblings of one enumeration share a 款. ``agency_section``
    (see :func:`agency_section`) is the last resort, used only when no sibling shares a 款 with a candidate.
    """
    rows, how = _candidates(name, _schemes(scheme), level, parent_code)
    if not rows and parent_code and _candidates(name, _schemes(scheme), level, None)[0]:
        # the name exists elsewhere (行政运行 under 20101, 20106 …): never taken from another parent
        return Resolution(None, "unknown", f"'{name}' is no {level or 'subject'} under {parent_code} in the reference")
    if not rows:
        return Resolution(None, "unknown", f"'{name}' is not a {scheme} subject name in the reference")
    codes = sorted({row.code for row in rows})
    if len(codes) == 1:
        return _resolved(codes[0], rows, how if parent_code is None else "parent", fiscal_year)
    sections = _sibling_sections(sibling_codes)
    near = [code for code in codes if code[:5] in sections]
    if len(near) == 1:
        return _resolved(near[0], rows, "siblings", fiscal_year)
    own = [code for code in codes if agency_section and code[:5] == agency_section]
    if not near and len(own) == 1:
        return _resolved(own[0], rows, "agency", fiscal_year)
    in_force = [code for code in (near or codes) if any(r.valid_in(fiscal_year) for r in reference().by_code[code])]
    if fiscal_year is not None and len(in_force) == 1:
        return _resolved(in_force[0], rows, "year", fiscal_year)
    shown = ", ".join(codes[:6]) + (" …" if len(codes) > 6 else "")
    context = f"its siblings' 款 ({', '.join(sorted(sections))}) do not" if sections else "no coded sibling can"
    return Resolution(None, "ambiguous", f"'{name}' names {len(codes)} subjects ({shown}); {context} single one out")


def _resolved(code: str, rows: list[ReferenceRow], how: str, fiscal_year: int | None) -> Resolution:
    if how != "alias" and _renamed(rows, code, fiscal_year):
        current = lookup_code(code, fiscal_year=fiscal_year)
        return Resolution(code, "renamed", note=f"printed under an old name; now {current.name}")
    return Resolution(code, how)


@dataclass(frozen=True)
class SubjectPath:
    """A printed 类/款/项 path: names always, codes when printed in the brackets (``（204类）``)."""

    class_name: str | None = None
    section_name: str | None = None
    item_name: str | None = None
    class_code: str | None = None  # 3 digits
    section_code: str | None = None  # 2 digits (the 款 part only)
    item_code: str | None = None  # 2 digits (the 项 part only)

    @property
    def deepest_name(self) -> str | None:
        return self.item_name or self.section_name or self.class_name

    @property
    def depth(self) -> int:
        return 3 if self.item_name else 2 if self.section_name else 1

    def printed_code(self) -> str | None:
        """The full code when every printed level carries its code part."""
        parts = [self.class_code, self.section_code, self.item_code][: self.depth]
        return "".join(parts) if all(parts) else None


def resolve_path(path: SubjectPath, *, fiscal_year: int | None = None) -> Resolution:
    """Code of the deepest level of a 类/款/项 path: printed codes first, else name under name."""
    printed = path.printed_code()
    if printed:
        row = lookup_code(printed, fiscal_year=fiscal_year)
        if row is None:
            return Resolution(printed, "printed", note=f"printed code {printed} is not in the reference")
        if name_key(row.name) != name_key(path.deepest_name or ""):
            return Resolution(printed, "printed", note=f"printed name '{path.deepest_name}' differs from {row.name}")
        return Resolution(printed, "printed")
    return _resolve_path_by_names(path, fiscal_year)


def _resolve_path_by_names(path: SubjectPath, fiscal_year: int | None) -> Resolution:
    steps = [(path.class_name, "类"), (path.section_name, "款"), (path.item_name, "项")][: path.depth]
    parent: str | None = None
    result = Resolution(None, "unknown", "empty path")
    renamed: list[str] = []
    for name, level in steps:
        result = _resolve_level(name, level, parent, fiscal_year)
        if result.code is None:
            return Resolution(None, result.how, f"{level} '{name}': {result.ambiguous_reason}")
        if result.how == "renamed":
            renamed.append(f"{level} '{name}' is an old name of {result.code}")
        parent = result.code
    if renamed:
        return Resolution(result.code, "renamed", note="; ".join(renamed))
    return Resolution(result.code, "name" if path.depth == 1 else "parent", note=result.note)


def _resolve_level(name: str, level: str, parent: str | None, fiscal_year: int | None) -> Resolution:
    """One level of a path; a class name glued to preceding words (``年一般公共服务``) is trimmed."""
    result = resolve_subject(name, level=level, parent_code=parent, fiscal_year=fiscal_year)
    if result.code is not None or level != "类":
        return result
    for start in range(1, len(name) - 1):
        trimmed = resolve_subject(name[start:], level=level, fiscal_year=fiscal_year)
        if trimmed.code is not None:
            return trimmed
    return result


def economic_expense_type(code: str) -> str:
    """The expense type an economic subject belongs to: 工资福利/个人家庭 → personnel, 商品服务 → public."""
    if code.startswith(("301", "303", "501", "509")):
        return "personnel"
    if code.startswith(("302", "502")):
        return "public"
    return "basic"
