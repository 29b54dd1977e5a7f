{#-
    Rule CMP-ACTUAL-BUDGET (what it says is in the reconciliation_rules seed): a final account's words
    comparing its actual with its budget (决算数大于 / 小于 / 等于预算数) against the two figures the
    sentence, or the one before it, prints. Figures printed equal leave a strict 大于/小于 to the
    rounding below the printed precision (`rounding`); 等于 with figures that differ fails unless the two
    are printed to different precisions and the coarser rounding explains it (macro same_figure_tolerance).
    A comparison whose actual or budget is not printed there is `unverified`. Both figures are kept as
    the two sides; difference_yuan stays null, as for the ratio rules: the words claim an order, not an
    equality, so the audit's difference-and-tolerance reading does not apply.
-#}

with

comparisons as (

    select
        *,
        {{ printed_rounding_yuan('actual_yuan', 'actual_reported_amount') }} as actual_rounding_yuan,
        {{ printed_rounding_yuan('budget_yuan', 'budget_reported_amount') }} as budget_rounding_yuan
    from {{ ref('stg_ingested__stated_comparisons') }}
    where document_id in {{ current_document_ids() }}  {#- superseded versions are not checked #}

),

evaluated as (

    select
        *,
        actual_yuan - budget_yuan as difference_yuan,
        {{ same_figure_tolerance('actual_rounding_yuan', 'budget_rounding_yuan') }} as tolerance_yuan,
        case comparison
            when 'greater' then '大于'
            when 'less' then '小于'
            else '等于'
        end as stated_word,
        case
            when actual_yuan > budget_yuan then '大于'
            when actual_yuan < budget_yuan then '小于'
            else '等于'
        end as printed_word
    from comparisons

),

statused as (

    select
        *,
        case
            when actual_yuan is null or budget_yuan is null then 'unverified'
            when stated_word = printed_word then 'pass'
            when comparison <> 'equal' and difference_yuan = 0 then 'rounding'
            when comparison = 'equal' and abs(difference_yuan) <= tolerance_yuan then 'rounding'
            else 'fail'
        end as status
    from evaluated

),

final as (

    select
        {{- audit_row_columns({
            'rule_id': "'CMP-ACTUAL-BUDGET'",
            'check_key': 'stated_comparison_id',
            'check_name': "'决算数与预算数比较表述 = 数字'",
            'scope': "coalesce(subject_label, '决算数与预算数')",
            'amount_kind': "'actual'",
            'expense_type': 'cast(null as varchar)',
            'fund_source': 'cast(null as varchar)',
            'expected_yuan': 'budget_yuan',
            'actual_yuan': 'actual_yuan',
            'difference_yuan': 'cast(null as decimal(38, 2))',
            'addend_count': '2',
            'tolerance_yuan': 'tolerance_yuan',
            'detail': "'The text says ' || wording || ' (' || source_locator || ')' || case"
                ~ " when status = 'unverified' then ' but ' || coalesce(note, 'its figures are not printed beside it')"
                ~ " || ': the words cannot be checked; print the budget and the actual with them.'"
                ~ " when status = 'pass' then ': 决算数 ' || " ~ format_wan('actual_yuan') ~ " || '万元 is ' || printed_word"
                ~ " || ' 预算数 ' || " ~ format_wan('budget_yuan') ~ " || '万元 (' || coalesce(figures_locator, source_locator) || ').'"
                ~ " when status = 'rounding' then ': 决算数 ' || " ~ format_wan('actual_yuan') ~ " || '万元 and 预算数 '"
                ~ " || " ~ format_wan('budget_yuan') ~ " || '万元 (' || coalesce(figures_locator, source_locator)"
                ~ " || ') are equal as printed, so the words may hold below the printed precision.'"
                ~ " else ' but the figures it is about say the opposite: 决算数 ' || " ~ format_wan('actual_yuan')
                ~ " || '万元 is ' || printed_word || ' 预算数 ' || " ~ format_wan('budget_yuan') ~ " || '万元 ('"
                ~ " || coalesce(figures_locator, source_locator) || '). Correct the wording (决算数' || printed_word"
                ~ " || '预算数) or the figures, and the explanation that follows it.' end",
            'expected_source_locator': 'source_locator',
            'expected_source_text': 'source_text',
            'actual_source_locator': 'coalesce(figures_locator, source_locator)',
            'actual_source_text': 'source_text',
            'fact_ids': '[stated_comparison_id]',
        }) }}
    from statused

)

select * from final
