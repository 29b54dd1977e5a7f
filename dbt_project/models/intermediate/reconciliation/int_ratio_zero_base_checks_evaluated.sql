{#-
    RATIO-ZERO-BASE (what it says is in the reconciliation_rules seed): a percentage whose base is zero, one
    printed without any of its figures, and a 增长100% whose current and prior figures are not printed.
-#}

with

operands as (

    {{ stated_ratio_operands(ref('stg_ingested__stated_ratios')) | indent(4) }}

),

{#- growth from a printed zero: the rate is undefined, so the figures cannot decide (a unit or item new
    this year prints 增长100% by convention) — unverified; a share of a zero whole is simply wrong #}
{%- set zero_base_status -%}
    case
        when numerator_yuan = 0 and percent = 0 then 'pass'
        when ratio_kind = 'change' then 'unverified'
        else 'fail'
    end
{%- endset %}

zero_base_checks as (

    select
        {%- call stated_ratio_check_columns(
            rule_id="'RATIO-ZERO-BASE'",
            check_name="'基数为零或未列示'",
            addend_count="2",
            status=zero_base_status
        ) %}
        subject || ' is printed as ' || case when ratio_kind = 'change' then rate_word else '' end || printed_percent
            || ' (' || source_locator || ') but its base is zero: '
            || case ratio_kind
                when 'share' then 'the whole (' || coalesce(base_label, 'the sentence''s total') || ') is printed as 0'
                when 'completion_rate' then 'the budget is printed as 0'
                else case form
                    when 'from_current' then 'last year''s figure works out to 0 (' || {{ format_wan('current_yuan') }}
                        || '万元 ' || case when direction_sign = 1 then '−' else '+' end || ' '
                        || {{ format_wan('change_yuan') }} || '万元)'
                    else 'the figure compared with (' || coalesce(base_label, 'the prior figure') || ') is printed as 0'
                end
            end
            || case
                when numerator_yuan = 0 and percent = 0 then ', and so is the other figure: 0% is the only reading.'
                when ratio_kind = 'change' then '. Growth from zero is undefined, so the figures cannot confirm or '
                    || 'refute ' || printed_percent || ': documents print it for an item or a unit new this year. '
                    || 'Unverified: check that it is new, and state the amounts (or “new this year”) instead.'
                else '. A percentage of zero is undefined, not ' || printed_percent || '.'
            end
        {%- endcall %}
    from operands
    where base_yuan = 0

    union all

    select
        {%- call stated_ratio_check_columns(
            rule_id="'RATIO-ZERO-BASE'",
            check_name="'基数为零或未列示'",
            addend_count="0",
            status="'fail'",
            actual_source_locator="source_locator"
        ) %}
        subject || ' is printed as ' || case when ratio_kind = 'change' then rate_word else '' end || printed_percent
            || ' (' || source_locator || ') without any of the figures it is computed from: the percentage cannot be '
            || 'checked, print the amounts next to it.'
        {%- endcall %}
    from operands
    where (ratio_kind = 'share' and part_yuan is null)
        or (ratio_kind = 'completion_rate' and actual_yuan is null and budget_yuan is null)
        or (ratio_kind = 'change' and change_yuan is null and current_yuan is null and prior_yuan is null)

    union all

    select
        {%- call stated_ratio_check_columns(
            rule_id="'RATIO-ZERO-BASE'",
            check_name="'基数为零或未列示'",
            addend_count="1",
            status="'fail'"
        ) %}
        subject || ' is printed as 增长' || printed_percent || ' (' || source_locator || ') with only the change ('
            || {{ format_wan('change_yuan') }} || '万元) printed: 增长100% makes last year '
            || {{ format_wan('change_yuan') }} || '万元 and this year ' || {{ format_wan('2 * change_yuan') }}
            || '万元, and neither is printed. If the item is new this year (nothing last year), growth from zero '
            || 'is undefined and 增长100% is wrong: check last year''s amount.'
        {%- endcall %}
    from operands
    where ratio_kind = 'change'
        and percent = 100
        and known_direction = 'increase'
        and change_yuan > 0
        and current_yuan is null
        and prior_yuan is null

),

final as (

    select
        {{- ratio_audit_row_columns() }}
    from zero_base_checks

)

select * from final
