"""三公 sentences: the total and each category, this year / budget / prior year.

Category words are also names of economic subjects (公务接待费 is 30217), so they read as 三公
categories only inside a 三公 passage (a 三公 heading, or a line that names “三公”经费 first).
"""

from __future__ import annotations

from ingestion.extract.narrative.labels import Spec

TOPIC = "three_public"
_FEE = r"(?:经费|费用|费)?"
SPECS = [
    Spec("three_public", "total", r"[“\"]?三公[”\"]?经费"),
    Spec("three_public", "overseas_travel", rf"因公出国(?:\(境\))?{_FEE}", TOPIC),
    Spec("three_public", "vehicle", rf"公务用车购置(?:及|和)运行(?:维护)?{_FEE}", TOPIC),
    Spec("three_public", "vehicle_purchase", rf"公务用车购置{_FEE}", TOPIC),
    Spec("three_public", "vehicle_operation", rf"公务用车运行(?:维护)?{_FEE}|公车运行(?:维护)?费", TOPIC),
    Spec("three_public", "official_reception", rf"公务接待{_FEE}", TOPIC),
]
