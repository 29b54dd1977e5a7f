"""The run summary states the findings the audit table holds, beside what the findings asset checks said."""

from orchestration.build_warehouse import FINDINGS_CHECKS, summarise_findings

ROWS = [
    ("pass", "hierarchy", "error", 386),
    ("rounding", "parts", "error", 6),
    ("fail", "hierarchy", "error", 1),
    ("fail", "ratio", "error", 5),
    ("fail", "label", "warning", 4),
    ("fail", "ratio", "warning", 1),
    ("unverified", "reference", "warning", 22),
]


def test_counts_by_status_family_and_severity_agree_with_the_asset_checks():
    checks = {FINDINGS_CHECKS["error"]: 6, FINDINGS_CHECKS["warning"]: 5}
    assert summarise_findings(ROWS, checks) == [
        "reconciliation: 386 pass, 6 rounding, 11 fail, 22 unverified",
        "fail by family: hierarchy 1, label 4, ratio 6",
        "error findings: 6 (asset check audit_reconciliation_has_no_error_findings: 6)",
        "warning findings: 5 (asset check audit_reconciliation_has_no_warning_findings: 5)",
    ]


def test_a_disagreement_or_a_missing_check_is_said():
    lines = summarise_findings(ROWS, {FINDINGS_CHECKS["error"]: 7})
    assert lines[2] == "error findings: 6 (asset check audit_reconciliation_has_no_error_findings: 7 (DISAGREES))"
    assert lines[3] == "warning findings: 5 (asset check did not run)"
    empty = summarise_findings([], {})
    assert empty[:2] == ["reconciliation: 0 pass, 0 rounding, 0 fail, 0 unverified", "fail by family: none"]
