"""机关运行经费: the total; its parts (办公费, 邮电费 …) are economic subjects, read by the subject
matcher, which prefers economic names inside this passage."""

from __future__ import annotations

from ingestion.extract.narrative.labels import Spec

TOPIC = "office_operation"
SPECS = [Spec("office_operation", "office_operation_expense", r"机关运行经费|机关运行费")]
