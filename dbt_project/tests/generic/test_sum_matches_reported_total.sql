{#-
    Reconciliation: the coded rows of a group add up (through their roots, normally the 类) to the
    total the document states for `measure` in `reported_model`, up to 0.01万元 per root.
    `match_columns` are the columns both models share (default: `group_by`).
-#}
{% test sum_matches_reported_total(
    model,
    code_column,
    group_by,
    reported_model,
    measure,
    match_columns=none,
    amount_column='amount_yuan',
    id_column='line_item_id',
    order_by="case when extraction_method = 'table' then 0 else 1 end, source_locator, line_item_id"
) %}

    {%- set match_columns = match_columns or group_by %}

    with roots as (

        {{ hierarchy_roots(model, code_column, group_by, amount_column, id_column, order_by=order_by) | indent(8) }}

    ),

    reported as (

        select *
        from {{ reported_model }}
        where measure = '{{ measure }}'

    ),

    compared as (

        select
            roots.*,
            reported.amount_yuan as expected_yuan,
            reported.source_locator as expected_source_locator,
            roots.actual_yuan - reported.amount_yuan as difference_yuan,
            {{ rounding_tolerance('roots.addend_count') }} as tolerance_yuan
        from roots
        inner join reported
            on {{ null_safe_join('roots', 'reported', match_columns) }}

    )

    select *
    from compared
    where abs(difference_yuan) > tolerance_yuan

{% endtest %}
