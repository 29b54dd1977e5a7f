{#-
    Reconciliation: every printed parent code equals the sum of its printed children within a group
    (项 → 款 → 类), up to 0.01万元 per child. Returns the failing parents (see macro hierarchy_checks).
-#}
{% test children_sum_to_parent(
    model,
    code_column,
    group_by,
    amount_column='amount_yuan',
    id_column='line_item_id',
    name_column='subject_name',
    order_by="case when extraction_method = 'table' then 0 else 1 end, source_locator, line_item_id"
) %}

    select *
    from (
        {{ hierarchy_checks(model, code_column, group_by, amount_column, id_column, name_column,
                            order_by=order_by) | indent(8) }}
    ) as checks
    where status = 'fail'

{% endtest %}
