{#-
    Rule family `hierarchy` (HIER-FUN, HIER-ECO; what each rule says is in the reconciliation_rules
    seed): children add up to their parent, by prefix (see macro hierarchy_checks). Functional codes
    are grouped by document, amount kind, expense type, fund source and economic code (tables that
    cross both classifications); economic codes the same way by functional code.
-#}

with

line_items as (

    select * from {{ ref('int_line_items_resolved') }}

),

functional_checks as (

    {{ hierarchy_checks(
        'line_items',
        'functional_subject_code',
        group_by=['document_id', 'amount_kind', 'expense_type', 'fund_source', 'economic_subject_code']
    ) | indent(4) }}

),

economic_checks as (

    {{ hierarchy_checks(
        'line_items',
        'economic_subject_code',
        group_by=['document_id', 'amount_kind', 'expense_type', 'fund_source', 'functional_subject_code']
    ) | indent(4) }}

),

checks as (

    select
        'HIER-FUN' as rule_id,
        economic_subject_code as cross_code,
        *
    from functional_checks

    union all by name

    select
        'HIER-ECO' as rule_id,
        functional_subject_code as cross_code,
        *
    from economic_checks

),

described as (

    select
        *,
        case
            when child_code_length_min = child_code_length_max then {{ code_length_label('child_code_length_min') }}
            else '下级科目'
        end as child_label
    from checks

),

final as (

    select
        {{- sum_check_columns(
            code_level_label('parent_code') ~ " || ' ' || parent_code || coalesce(' ' || parent_subject_name, '')"
                ~ " || coalesce(' (in the column of ' || cross_code || ')', '')",
            "case when addend_count = 1 then 'its only ' || child_label || ' ' || child_codes || ' is'"
                ~ " else 'its ' || addend_count || ' ' || child_label || ' ' || child_codes || ' add up to' end",
            {
                'check_key': "concat_ws('|', parent_code, amount_kind, expense_type, fund_source, coalesce(cross_code, ''))",
                'check_name': code_level_label('parent_code') ~ " || ' ' || parent_code || ' = Σ ' || child_label",
                'scope': "parent_code || coalesce(' × ' || cross_code, '')",
            }
        ) }}
    from described

)

select * from final
