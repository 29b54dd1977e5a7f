from decimal import Decimal

from orchestration.defs.audit.report_pages import (
    document_page,
    index_page,
    ordered_findings,
    page_name,
    wan_yuan,
    write_reports,
)

DOCUMENT = {
    "document_id": "af6d64db84e4bf22", "source_file": "004 那曲.txt", "agency_name": "那曲市委网信办",
    "fiscal_year": 2023, "doc_kind": "final_account", "checks_run": 3, "checks_passed": 1, "checks_rounding": 1,
    "checks_failed": 1, "largest_difference_yuan": Decimal("308100.00"),
}  # fmt: skip
FAIL = {
    "document_id": "af6d64db84e4bf22", "status": "fail", "rule_id": "HIER-FUN", "rule_label": "项→款→类",
    "scope": "201", "expected_yuan": Decimal("7747000.00"), "actual_yuan": Decimal("8055100.00"),
    "difference_yuan": Decimal("308100.00"), "detail": "类 201 is 774.70万元 but its 款 add up to 805.51万元",
    "expected_source_locator": "l105", "expected_source_text": "201 一般公共服务支出 774.7万元 <script>",
    "actual_source_locator": "l107; l111", "actual_source_text": "20132 组织事务 34.23万元",
}  # fmt: skip


def test_amounts_are_shown_in_wan_yuan():
    assert wan_yuan(Decimal("7747000.00")) == "774.70"
    assert wan_yuan(None) == ""


def test_document_page_shows_both_sides_escaped():
    page = document_page(DOCUMENT, [FAIL])
    assert "774.70" in page and "805.51" in page and "30.81" in page
    assert "l105" in page and "l107; l111" in page and "20132 组织事务 34.23万元" in page
    assert "<script>" not in page and "&lt;script&gt;" in page  # snippets are escaped


def test_index_ranks_documents_by_failures(tmp_path):
    clean = dict(DOCUMENT, document_id="0000000000000000", agency_name="无问题单位", checks_failed=0)
    page = index_page([clean, DOCUMENT])
    assert page.index("那曲市委网信办") < page.index("无问题单位")
    written = write_reports(tmp_path, [clean, DOCUMENT], [FAIL])
    assert [path.name for path in written] == ["index.html", page_name(clean), page_name(DOCUMENT)]
    assert "Every check passed" in written[1].read_text(encoding="utf-8")
    assert page_name(DOCUMENT).endswith(".html") and " " not in page_name(DOCUMENT)


def test_ratio_findings_show_percentages():
    percents = {
        "expected_percent": Decimal("5.02"),
        "actual_percent": Decimal("4.8906"),
        "difference_percent": Decimal("0.1294"),
    }
    ratio = dict(FAIL, rule_id="RATIO-SHARE", expected_yuan=None, actual_yuan=None, difference_yuan=None, **percents)
    page = document_page(DOCUMENT, [ratio])
    assert "5.02%" in page and "4.89%" in page and "0.13%" in page


def test_a_review_shows_beside_its_finding_and_a_reopened_one_asks_for_another():
    dismissed = dict(
        FAIL, check_id="5f9ee07db545cf0f", review_state="dismissed", review_decision="dismissed",
        review_reason="201 continues on page 7", reviewed_by="王审", reviewed_at="2026-12-06 02:00:00",
    )  # fmt: skip
    page = document_page(DOCUMENT, [dismissed])
    assert "dismissed by 王审, 2026-12-06: 201 continues on page 7" in page
    assert "check <code>5f9ee07db545cf0f</code>" in page  # what `tools.review` needs
    reopened = dict(dismissed, review_state="reopened", reviewed_figures_fingerprint="expected=1.00;actual=2.00")
    page = document_page(DOCUMENT, [reopened])
    assert (
        "reopened: dismissed by 王审, 2026-12-06 when the figures were <code>expected=1.00;actual=2.00</code>" in page
    )
    assert "review again" in page
    assert "review" not in document_page(DOCUMENT, [FAIL]).split("<table>")[1].split("</tr>", 1)[1]


def test_the_index_counts_checks_by_family_and_lists_failures_under_their_family(tmp_path):
    from orchestration.defs.audit.finding_counts import FindingCounts

    counts = FindingCounts(
        [
            ("pass", "hierarchy", "error", None, 29),
            ("fail", "hierarchy", "error", "dismissed", 1),
            ("rounding", "parts", "error", None, 2),
            ("fail", "ratio", "error", None, 1),
        ]
    )
    hierarchy = dict(FAIL, check_id="c1", rule_family="hierarchy", review_state="dismissed", reviewed_by="王审",
                     review_reason="ok", reviewed_at="2026-12-06")  # fmt: skip
    ratio = dict(FAIL, check_id="c2", rule_family="ratio", rule_id="RATIO-SHARE", difference_yuan=Decimal("1"))
    rounding = dict(FAIL, check_id="c3", rule_family="parts", status="rounding")
    written = write_reports(tmp_path, [DOCUMENT], [hierarchy, ratio, rounding], counts=counts)
    index = written[0].read_text(encoding="utf-8")
    assert '<tr><td><a href="#family-hierarchy">hierarchy</a></td><td class=num>29</td><td class=num>0</td>' in index
    totals = "<th>all families</th><th class=num>29</th><th class=num>2</th><th class=num>2</th><th class=num>0</th>"
    assert totals in index
    assert "Failed checks: 1 open, 0 confirmed, 1 dismissed, 0 reopened" in index
    assert index.index('id="family-hierarchy">hierarchy: 1 failed') < index.index('id="family-ratio">ratio: 1 failed')
    assert 'id="family-parts"' not in index  # rounding is counted, not listed
    # each failure links to its number on the document page (the larger difference is #1 there)
    assert f'href="{page_name(DOCUMENT)}#finding-1">那曲市委网信办</a> #1' in index
    assert f'href="{page_name(DOCUMENT)}#finding-2">那曲市委网信办</a> #2' in index
    assert "dismissed by 王审" in index.split('id="family-hierarchy"')[1] and "<td>open</td>" in index


def test_findings_are_numbered_the_same_whatever_order_they_are_read_in():
    """Fails first, largest difference first, then rule and check id: ties never follow the read order."""
    rows = [
        {"check_id": "c3", "rule_id": "TOT-SUM", "status": "fail", "difference_yuan": Decimal("5")},
        {"check_id": "c1", "rule_id": "TOT-SUM", "status": "fail", "difference_yuan": Decimal("-5")},
        {"check_id": "c2", "rule_id": "HIER-SUM", "status": "fail", "difference_yuan": Decimal("5")},
        {"check_id": "c4", "rule_id": "HIER-SUM", "status": "unverified", "difference_yuan": None},
        {"check_id": "c5", "rule_id": "TOT-SUM", "status": "fail", "difference_yuan": Decimal("9")},
    ]
    expected = ["c5", "c2", "c1", "c3", "c4"]
    assert [row["check_id"] for row in ordered_findings(rows)] == expected
    assert [row["check_id"] for row in ordered_findings(list(reversed(rows)))] == expected
