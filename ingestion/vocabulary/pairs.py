"""Two figures stated in one phrase: ``收、支总计各是4125.49,4143.91万元``, ``基本支出、项目支出分别为
A万元、B万元``. The words that distribute the figures over the labels, the marks between the figures,
and the one-character sides a shared label abbreviates (收 → 收入, 支 → 支出).
"""

from __future__ import annotations

DISTRIBUTING_WORDS = r"(?:各|分别)(?:是|为)"
FIGURE_SEPARATOR = r"\s*[,，、和与及]\s*"
LABEL_SEPARATOR = "、"
SIDE_ABBREVIATIONS = {"收": "收入", "支": "支出"}
