"""Projects named in prose, with their budget and actual amounts.

Three shapes in the samples:

* a project code and name: ``6.54060023T000000972027-舆情监测系统经费，…初预算21万元，支出21万元``;
* a quoted name: ``（5）“互联网维护与整治经费”项目…项目全年预算数75万元，执行数为63.38万元``;
* a numbered item under a 项目支出 heading: ``（1）技术管网经费 60 万元。`` (the driver asks
  :func:`listed_project_name` for those).

In a project sentence ``支出``/``执行数``/``实际支出`` is the actual and ``年初预算``/``共计``/``预算追加``
the budget, whatever kind of document it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingestion.extract.narrative.labels import CONNECTOR, strip_ordinal

_CODED = re.compile(r"^\s*(?:\d+[.、]\s*)?(?P<code>\d{6,}[A-Z]\d{6,})\s*[-—－_]\s*(?P<name>[^,，。；;]+)")
_QUOTED = re.compile(r"[“\"](?P<name>[^”\"]{2,40})[”\"]项目")
_TRAILING_CONNECTORS = re.compile(rf"{CONNECTOR}*$")


@dataclass
class ProjectLine:
    """A project sentence: which money mentions (by index) are its budget, its actual, repeats."""

    name: str
    code: str | None
    budget: int | None = None
    actual: int | None = None
    repeats: list[int] = field(default_factory=list)
    unplaced: list[int] = field(default_factory=list)


def find_project(norm: str) -> tuple[str, str | None] | None:
    """The (name, code) a line is about, when it is a project sentence."""
    coded = _CODED.match(norm)
    if coded:
        return coded.group("name").strip(), coded.group("code")
    quoted = _QUOTED.search(norm)
    if quoted:
        return quoted.group("name").strip(), None
    return None


def place_amounts(project: tuple[str, str | None], kinds: list[str | None], values: list) -> ProjectLine:
    """First budget and first actual; a later amount of the same kind and value is a repeat."""
    line = ProjectLine(*project)
    for index, kind in enumerate(kinds):
        slot = "actual" if kind == "actual" else "budget" if kind == "budget" else None
        if slot is None:
            line.unplaced.append(index)
        elif getattr(line, slot) is None:
            setattr(line, slot, index)
        elif values[getattr(line, slot)] == values[index]:
            line.repeats.append(index)
        else:
            line.unplaced.append(index)
    return line


def listed_project_name(label_text: str) -> str | None:
    """``（1）技术管网经费 `` → ``技术管网经费``: a numbered item's name, without trailing connectors."""
    name = _TRAILING_CONNECTORS.sub("", strip_ordinal(label_text)).strip(" :")
    return name if len(name) >= 2 else None
