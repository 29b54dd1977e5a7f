"""政府采购 item tables: the columns they print, the procurement kinds and the levels of their rows.

The 政府采购预算表 lists what will be bought under each kind (``一、货物A``, ``二、工程B``, ``三、服务C``): a
row per 专项 × 经济科目 (the project's procurement under one economic subject) and under it a row per
采购物品 with its 采购组织形式. Columns are recognised by their header words, whatever their order.
"""

from __future__ import annotations

import re

from ingestion.vocabulary.numerals import CN_NUMERAL

# Procurement kind (``procurement_line_items.procurement_kind``) → the word the table prints.
KIND_LABELS = {"goods": "货物", "works": "工程", "services": "服务"}
KINDS = list(KIND_LABELS)
# A kind row of the table: ``一、货物A`` / ``工程`` / ``三、服务类``.
KIND_ROW = tuple(
    (re.compile(rf"^(?:{CN_NUMERAL}+、)?{word}(?:[A-Z]|类)?$"), kind) for kind, word in KIND_LABELS.items()
)

# ``procurement_line_items.line_level``: a 专项 × 经济科目 row (the sum of the items under it) or one item.
LINE_LEVEL_LABELS = {"project": "专项 × 经济科目", "item": "采购物品"}
LINE_LEVELS = list(LINE_LEVEL_LABELS)

# Column roles by header words, first match wins; the amount column is the one headed 总计/合计/金额.
COLUMN_ROLES = (
    ("kind", re.compile(r"品目大类|采购类别|采购品目类别")),
    ("project", re.compile(r"专项名称|项目名称")),
    ("economic", re.compile(r"经济科目|经济分类")),
    ("item", re.compile(r"采购物品|采购品目|品目名称|采购项目")),
    ("organisation", re.compile(r"组织形式")),
    ("amount", re.compile(r"^(?:总计|合计|金额|预算数|预算金额)$")),
)
# The columns a line needs: without them no row can be told a project from an item.
REQUIRED_ROLES = {"kind", "project", "economic", "item", "amount"}


def procurement_kind(label: str) -> str | None:
    """The kind a row label names (``一、货物A`` → goods), else None."""
    return next((kind for pattern, kind in KIND_ROW if pattern.match(label)), None)


def column_roles(labels: list[str]) -> dict[str, int]:
    """Role → column index for the header labels of a procurement table (leaf segment of each label)."""
    roles: dict[str, int] = {}
    for column, label in enumerate(labels):
        leaf = label.split("/")[-1] if label else ""
        role = next((name for name, pattern in COLUMN_ROLES if pattern.search(leaf)), None)
        if role is not None and role not in roles:
            roles[role] = column
    return roles
