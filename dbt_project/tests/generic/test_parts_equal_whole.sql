{#-
    Reconciliation: within a group, the `whole` category equals the sum of the `parts` categories, up
    to 0.01万元 per part; `part_alternatives` stand in for a part that is not printed (vehicle =
    vehicle_purchase + vehicle_operation); `missing_parts` says when an unprinted part counts as zero
    (always / table / never). Returns the failing groups (see macro parts_whole_checks).
-#}
{% test parts_equal_whole(
    model,
    category_column,
    whole,
    parts,
    group_by,
    amount_column='amount_yuan',
    id_column='fact_id',
    order_by="case when extraction_method = 'table' then 0 else 1 end, source_locator",
    part_alternatives={},
    missing_parts='table'
) %}

    select *
    from (
        {{ parts_whole_checks(model, category_column, whole, parts, group_by, amount_column, id_column,
                              order_by=order_by, part_alternatives=part_alternatives,
                              missing_parts=missing_parts) | indent(8) }}
    ) as checks
    where status = 'fail'

{% endtest %}
