"""Two real builds of the samples through the Dagster job: the counts a user sees agree everywhere, and a
review written between the builds shows in the audit table and the report after the second one.

Build 1: the run summary's numbers (from marts.audit_reconciliation) agree with what the findings asset
checks report, family by family; the report index and the report asset's metadata print the same counts;
a failing warning check carries its top failing rows. Then the 那曲 class-201 finding (HIER-FUN, 774.70
against 805.51万元) is dismissed with `python -m tools.review`. Build 2 (nothing else changed): dbt runs
again because the review files changed, every check keeps its check_id, and the dismissal shows.
"""

from __future__ import annotations

import shutil

import dagster as dg
import duckdb
import pytest

from orchestration.build_warehouse import findings_check_reports, summarise_findings
from orchestration.defs.audit.finding_counts import read_counts
from tests.conftest import PROJECT_ROOT, SAMPLES
from tools import review

NAGQU_201 = (
    "select check_id from marts.audit_reconciliation where rule_id = 'HIER-FUN' and scope = '201' and status = 'fail'"
)


def _read(database, sql):
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def _counts(database):
    with duckdb.connect(str(database), read_only=True) as connection:
        return read_counts(connection)


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    root = tmp_path_factory.mktemp("reviewed_warehouse")
    database, reviews = root / "budget.duckdb", root / "reviews"
    shutil.copytree(PROJECT_ROOT / "warehouse" / "reviews", reviews)
    with pytest.MonkeyPatch.context() as patch:  # puts back every variable the build changes
        patch.setenv("BUDGET_DUCKDB_PATH", str(database))
        patch.setenv("BUDGET_INBOX_DIRS", str(SAMPLES))
        patch.setenv("BUDGET_REVIEWS_DIR", str(reviews))
        patch.delenv("BUDGET_STAGING_DIR", raising=False)
        return _build_twice(root, database)


def _build_twice(root, database):
    from ingestion import config
    from orchestration.dbt_manifest import parse_dbt_project

    config.export_environment()
    parse_dbt_project()
    from orchestration.definitions import defs

    job = defs.resolve_job_def("warehouse_job")
    state = {}
    with dg.instance_for_test() as instance:
        state["first"] = job.execute_in_process(instance=instance, raise_on_error=False)
        state["first_counts"] = _counts(database)
        state["first_ids"] = _read(database, "select check_id from marts.audit_reconciliation order by 1")
        state["first_index"] = (root / "reports" / "index.html").read_text(encoding="utf-8")
        ((check_id,),) = _read(database, NAGQU_201)
        state["check_id"] = check_id
        state["review_exit"] = review.main(
            ["dismiss", check_id, "--reason", "201 also holds 20101, printed on the next page", "--by", "王审"]
        )
        state["second"] = job.execute_in_process(instance=instance, raise_on_error=False)
        state["second_ids"] = _read(database, "select check_id from marts.audit_reconciliation order by 1")
        state["second_counts"] = _counts(database)
        state["reviewed"] = _read(
            database,
            "select review_state, reviewed_by, review_reason from marts.audit_reconciliation "
            f"where check_id = '{check_id}'",
        )
        state["second_index"] = (root / "reports" / "index.html").read_text(encoding="utf-8")
    return state


def test_both_builds_succeed(builds):
    assert builds["first"].success and builds["second"].success
    assert builds["review_exit"] == 0


def test_the_summary_agrees_with_the_asset_checks_family_by_family(builds):
    lines = dict(summarise_findings(builds["first_counts"], findings_check_reports(builds["first"])))
    fails = builds["first_counts"].by_status()["fail"]
    assert fails > 0
    assert lines["error findings"].endswith(" — agrees)") and lines["warning findings"].endswith(" — agrees)")


def test_the_report_index_and_its_asset_state_the_same_counts(builds):
    counts = builds["first_counts"]
    totals = counts.by_status()
    row = "<tr><th>all families</th>" + "".join(f"<th class=num>{totals[s]}</th>" for s in totals) + "</tr>"
    assert row in builds["first_index"]
    for family, fails in counts.fails_by_severity()["error"].items():
        assert fails and f'id="family-{family}">{family}:' in builds["first_index"]
    (materialization,) = [
        event.materialization
        for event in builds["first"].get_asset_materialization_events()
        if event.asset_key == dg.AssetKey(["reports", "audit_report"])
    ]
    assert materialization.metadata["checks_by_status"].value == totals
    assert materialization.metadata["fails_by_severity_and_family"].value == counts.fails_by_severity()


def test_a_failing_findings_check_shows_its_top_rows(builds):
    (evaluation,) = [
        evaluation
        for evaluation in builds["first"].get_asset_check_evaluations()
        if evaluation.check_name == "audit_reconciliation_has_no_error_findings"
    ]
    table = evaluation.metadata["top_failing_rows"].value
    assert table.startswith("| source_file | rule_id | scope | expected_yuan | actual_yuan | difference_yuan |")
    assert "HIER-FUN | 201 | 7,747,000.00 | 8,055,100.00 | 308,100.00" in table


def test_check_ids_are_stable_across_rebuilds(builds):
    assert builds["first_ids"] == builds["second_ids"] and len(builds["first_ids"]) > 300


def test_the_review_shows_after_the_rebuild(builds):
    assert builds["reviewed"] == [("dismissed", "王审", "201 also holds 20101, printed on the next page")]
    assert builds["second_counts"].fail_reviews()["dismissed"] == 1
    assert builds["second_counts"].by_status() == builds["first_counts"].by_status()  # a review changes no status
    assert "dismissed by 王审" in builds["second_index"] and "dismissed by 王审" not in builds["first_index"]
