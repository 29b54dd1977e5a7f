"""政府采购: the total and its goods / works / services parts (``货物 25 万元`` only means procurement
goods inside a 政府采购 passage)."""

from __future__ import annotations

from ingestion.extract.narrative.labels import Spec

TOPIC = "procurement"
SPECS = [
    Spec("procurement", "procurement_total", r"政府采购"),
    Spec("procurement", "procurement_goods", r"(?:政府采购)?货物", TOPIC),
    Spec("procurement", "procurement_works", r"(?:政府采购)?工程", TOPIC),
    Spec("procurement", "procurement_services", r"(?:政府采购)?服务", TOPIC),
]
