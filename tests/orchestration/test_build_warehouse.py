"""The run summary states the findings the audit table holds, beside what the findings asset checks said."""

from orchestration.build_warehouse import FINDINGS_CHECKS, CheckReport, summarise_findings
from orchestration.defs.audit.finding_counts import FindingCounts

COUNTS = FindingCounts(
    [
        ("pass", "hierarchy", "error", None, 386),
        ("rounding", "parts", "error", None, 6),
        ("fail", "hierarchy", "error", None, 1),
        ("fail", "ratio", "error", "dismissed", 2),
        ("fail", "ratio", "error", None, 3),
        ("fail", "label", "warning", "confirmed", 4),
        ("fail", "ratio", "warning", "reopened", 1),
        ("unverified", "reference", "warning", None, 22),
    ]
)


def test_counts_by_status_family_and_severity_agree_with_the_asset_checks():
    checks = {
        FINDINGS_CHECKS["error"]: CheckReport(6, {"hierarchy": 1, "ratio": 5}),
        FINDINGS_CHECKS["warning"]: CheckReport(5, {"label": 4, "ratio": 1}),
    }
    assert summarise_findings(COUNTS, checks) == [
        ("reconciliation", "386 pass, 6 rounding, 11 fail, 22 unverified"),
        ("by rule family", "family             pass   rounding       fail unverified"),
        ("", "hierarchy           386          0          1          0"),
        ("", "label                 0          0          4          0"),
        ("", "parts                 0          6          0          0"),
        ("", "ratio                 0          0          6          0"),
        ("", "reference             0          0          0         22"),
        ("", "all families        386          6         11         22"),
        (
            "error findings",
            "6: hierarchy 1, ratio 5 (asset check audit_reconciliation_has_no_error_findings: 6 — agrees)",
        ),
        (
            "warning findings",
            "5: label 4, ratio 1 (asset check audit_reconciliation_has_no_warning_findings: 5 — agrees)",
        ),
        ("fail reviews", "4 open, 4 confirmed, 2 dismissed, 1 reopened"),
    ]


def test_a_disagreement_or_a_missing_check_is_said():
    checks = {FINDINGS_CHECKS["error"]: CheckReport(6, {"hierarchy": 2, "ratio": 4})}
    lines = dict(summarise_findings(COUNTS, checks))
    assert lines["error findings"] == (
        "6: hierarchy 1, ratio 5 (asset check audit_reconciliation_has_no_error_findings: 6 "
        "(hierarchy 2, ratio 4) — DISAGREES)"
    )
    assert lines["warning findings"] == "5: label 4, ratio 1 (asset check did not run)"
    unreadable = dict(summarise_findings(COUNTS, {FINDINGS_CHECKS["error"]: CheckReport(7, None)}))
    assert unreadable["error findings"].endswith(": 7 — DISAGREES)")
    empty = dict(summarise_findings(FindingCounts(), {}))
    assert empty["reconciliation"] == "0 pass, 0 rounding, 0 fail, 0 unverified"
    assert empty["error findings"] == "0: none (asset check did not run)"


def test_a_run_that_found_nothing_new_says_the_counts_are_those_of_the_last_build():
    lines = dict(summarise_findings(COUNTS, {}, ran=False))
    assert lines["error findings"] == "6: hierarchy 1, ratio 5 (no run: as the last build left them)"
    assert lines["reconciliation"] == "386 pass, 6 rounding, 11 fail, 22 unverified"
