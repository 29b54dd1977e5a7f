{#-
    RATIO-DIRECTION (what it says is in the reconciliation_rules seed): the change amount's direction word
    (增加/减少), or the printed prior → current, against the rate's (增长/下降).
-#}

with

operands as (

    {{ stated_ratio_operands(ref('stg_ingested__stated_ratios')) | indent(4) }}

),

directions as (

    select
        *,
        coalesce(
            change_direction,
            case
                when current_yuan > prior_yuan then 'increase'
                when current_yuan < prior_yuan then 'decrease'
                when current_yuan = prior_yuan then 'none'
            end
        ) as figure_direction,
        coalesce(change_yuan = 0, current_yuan = prior_yuan, false) as is_no_change
    from operands
    where ratio_kind = 'change'
        and rate_direction is not null
        and (change_direction is not null or (current_yuan is not null and prior_yuan is not null))

),

{%- set direction_status -%}
    case
        when figure_direction = rate_direction and rate_direction in ('increase', 'decrease') then 'pass'
        when is_no_change and percent = 0 then 'pass'
        else 'fail'
    end
{%- endset %}

direction_checks as (

    select
        {%- call stated_ratio_check_columns(
            rule_id="'RATIO-DIRECTION'",
            check_name="'增减方向一致'",
            addend_count="case when change_direction is not null then 1 else 2 end",
            status=direction_status
        ) %}
        subject || ': '
            || case
                when change_direction is not null then 'the change is printed as ' || change_word || ' '
                    || {{ format_wan('change_yuan') }} || '万元'
                else 'the figures go from ' || {{ format_wan('prior_yuan') }} || '万元 to '
                    || {{ format_wan('current_yuan') }} || '万元'
            end
            || ' and the rate as ' || rate_word || printed_percent || ' (' || source_locator || ')'
            || case
                when figure_direction = rate_direction and rate_direction in ('increase', 'decrease')
                    then ': the same direction.'
                when is_no_change and percent = 0 then ': no change, so the direction does not matter.'
                when figure_direction = 'unspecified' or rate_direction = 'unspecified'
                    then ': the direction is not stated (both words of the template, e.g. 增加（减少）, were left in): '
                        || 'say whether it went up or down.'
                else ': the two directions contradict each other; check which way the figure moved.'
            end
        {%- endcall %}
    from directions

),

final as (

    select
        {{- ratio_audit_row_columns() }}
    from direction_checks

)

select * from final
