{#-
    Rule family `hierarchy`: children add up to their parent, by prefix (see macro hierarchy_checks).
      HIER-FUN  functional 项 → 款 → 类, grouped by document, amount kind, expense type, fund source
                (and economic code, for tables that cross both classifications);
      HIER-ECO  economic 款 → 类 (and local 7-digit lines → 款), grouped the same way by functional code.
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
        document_id,
        rule_id,
        concat_ws('|', parent_code, amount_kind, expense_type, fund_source, coalesce(cross_code, '')) as check_key,
        {{ code_level_label('parent_code') }} || ' ' || parent_code || ' = Σ ' || child_label as check_name,
        parent_code || coalesce(' × ' || cross_code, '') as scope,
        amount_kind,
        expense_type,
        fund_source,
        expected_yuan,
        actual_yuan,
        difference_yuan,
        addend_count,
        tolerance_yuan,
        status,
        {{ comparison_detail(
            code_level_label('parent_code') ~ " || ' ' || parent_code || coalesce(' ' || parent_subject_name, '')"
                ~ " || coalesce(' (in the column of ' || cross_code || ')', '')",
            "case when addend_count = 1 then 'its only ' || child_label || ' ' || child_codes || ' is'"
                ~ " else 'its ' || addend_count || ' ' || child_label || ' ' || child_codes || ' add up to' end",
            'expected_yuan', 'actual_yuan', 'tolerance_yuan',
            'expected_source_locator', 'actual_source_locator'
        ) }} as detail,
        expected_source_locator,
        expected_source_text,
        actual_source_locator,
        actual_source_text,
        list_prepend(expected_fact_id, actual_fact_ids) as fact_ids
    from described

)

select * from final
