{#-
    The reconciliation findings as a data test, so that Dagster shows them as an asset check: the
    failed checks of audit_reconciliation whose rule has `rule_severity` (error / warning), one row
    each naming the document, the rule (with its family), both sides and the sentence to act on; the
    run summary prints the same counts from the audit table beside the failed-row count of these
    checks. The test only reads the audit rows: the rules are computed once, in the rule-family
    models, so the check and the audit table cannot disagree.
-#}
{% test has_no_findings(model, rule_severity) %}

    select
        source_file,
        document_id,
        rule_id,
        rule_label,
        rule_family,
        severity,
        check_name,
        scope,
        expected_yuan,
        actual_yuan,
        difference_yuan,
        expected_percent,
        actual_percent,
        detail,
        expected_source_locator,
        actual_source_locator,
        review_state,
        check_id
    from {{ model }}
    where status = 'fail'
        and severity = '{{ rule_severity }}'

{% endtest %}
