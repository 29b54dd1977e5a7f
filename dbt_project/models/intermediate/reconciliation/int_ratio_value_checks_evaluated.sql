{#-
    The value rules of the ratio family (RATIO-SHARE, RATIO-COMPLETION, RATIO-CHANGE; what each says is in
    the reconciliation_rules seed): every printed percentage recomputed from the figures ingestion
    tied to it (see macro stated_ratio_operands).

    Tolerance: a percentage printed with k decimals passes when the recomputed one rounds to it
    (|100·n − p·b| ≤ ½·10⁻ᵏ·b, exact decimals); it is `rounding` when moving each printed amount by the
    rounding allowance (0.01万元) can make it round, or truncate, to the printed value: documents cut the
    digits off (江苏省检察院 prints 其他资金 14.39 of 21955.35万元 as 0.06%, for 0.0655%), which is
    presentation, not an inconsistency; a share nudged upwards so that the shares add up to 100% (63.75%
    for 63.7399%) is neither, and fails; else `fail`. A percentage
    whose figures are only partly printed (a share whose whole is printed elsewhere) is not checked;
    the staging row keeps the reason (note).
-#}

{%- set per_amount = var('rounding_tolerance_yuan_per_addend', 100) %}
{%- set kind_rule_id -%}
    case ratio_kind
        when 'share' then 'RATIO-SHARE'
        when 'completion_rate' then 'RATIO-COMPLETION'
        else 'RATIO-CHANGE'
    end
{%- endset %}
{%- set kind_check_name -%}
    case ratio_kind
        when 'share' then '占比 = 部分 ÷ 总数'
        when 'completion_rate' then '完成率 = 决算 ÷ 预算'
        else '增减率 = 增减额 ÷ 基数'
    end
{%- endset %}

with

operands as (

    {{ stated_ratio_operands(ref('stg_ingested__stated_ratios')) | indent(4) }}

),

{# The recomputed percentage at the corners of the rounding box (each figure ± the allowance). #}
corners as (

    select
        operands.stated_ratio_id,
        case operands.form
            when 'ratio' then cast(y_yuan as double) + corner.dy * {{ per_amount }}
            when 'from_current' then cast(y_yuan as double) + corner.dy * {{ per_amount }}
                - direction_sign * (cast(x_yuan as double) + corner.dx * {{ per_amount }})
            when 'from_prior' then cast(x_yuan as double) + corner.dx * {{ per_amount }}
        end as corner_base,
        case operands.form
            when 'from_prior' then abs(
                cast(y_yuan as double) + corner.dy * {{ per_amount }} - (cast(x_yuan as double) + corner.dx * {{ per_amount }})
            )
            else greatest(cast(x_yuan as double) + corner.dx * {{ per_amount }}, 0)
        end as corner_numerator
    from operands
    cross join (values (-1, -1), (-1, 1), (1, -1), (1, 1)) as corner (dx, dy)
    where operands.base_yuan > 0

),

bounds as (

    select
        stated_ratio_id,
        min(100 * corner_numerator / corner_base) filter (where corner_base > 0) as low_percent,
        case
            when bool_or(corner_base <= 0) then cast('infinity' as double)
            else max(100 * corner_numerator / corner_base)
        end as high_percent
    from corners
    group by stated_ratio_id

),

recomputed as (

    select
        operands.*,
        bounds.low_percent,
        bounds.high_percent,
        100 * cast(operands.numerator_yuan as double) / cast(operands.base_yuan as double) as recomputed_percent,
        abs(100 * operands.numerator_yuan - operands.percent * operands.base_yuan)
            <= operands.half_unit * operands.base_yuan as rounds_to_printed
    from operands
    inner join bounds
        on operands.stated_ratio_id = bounds.stated_ratio_id

),

evaluated as (

    select
        *,
        case
            when rounds_to_printed then 'pass'
            when percent between low_percent - half_unit and high_percent + half_unit then 'rounding'
            -- truncated: some value within the amounts' rounding lies in [percent, percent + 10⁻ᵏ)
            when percent <= high_percent and percent > low_percent - 2 * half_unit then 'rounding'
            else 'fail'
        end as status,
        case
            when percent >= recomputed_percent then high_percent + half_unit - recomputed_percent
            else recomputed_percent - (low_percent - 2 * half_unit)
        end as tolerance_percent
    from recomputed

),
value_checks as (

    select
        {%- call stated_ratio_check_columns(
            rule_id=kind_rule_id,
            check_name=kind_check_name,
            addend_count="2",
            status="status",
            actual_percent="cast(round(recomputed_percent, 6) as decimal(24, 6))",
            difference_percent="cast(round(recomputed_percent, 6) as decimal(24, 6)) - percent",
            tolerance_percent="cast(round(tolerance_percent, 6) as decimal(24, 6))"
        ) %}
        case ratio_kind
            when 'share' then subject || ' is printed as ' || printed_percent || ' of '
                || coalesce(base_label, 'the whole') || ' (' || source_locator || '); '
                || {{ format_wan('part_yuan') }} || '万元 ÷ ' || {{ format_wan('whole_yuan') }} || '万元 = '
            when 'completion_rate' then subject || ' is printed as 完成预算' || printed_percent
                || ' (' || source_locator || '); ' || {{ format_wan('actual_yuan') }} || '万元 ÷ '
                || {{ format_wan('budget_yuan') }} || '万元 = '
            else subject || ' is printed as ' || rate_word || printed_percent || ' against '
                || coalesce(base_label, 'the prior figure') || ' (' || source_locator || '); '
                || case form
                    when 'from_current' then 'the change of ' || {{ format_wan('change_yuan') }}
                        || '万元 on a prior figure of ' || {{ format_wan('base_yuan') }} || '万元 ('
                        || {{ format_wan('current_yuan') }} || '万元 ' || case when direction_sign = 1 then '−' else '+' end
                        || ' ' || {{ format_wan('change_yuan') }} || '万元) is '
                    when 'from_prior' then 'from ' || {{ format_wan('prior_yuan') }} || '万元 to '
                        || {{ format_wan('current_yuan') }} || '万元 is a change of '
                    else 'the change of ' || {{ format_wan('change_yuan') }} || '万元 on the prior figure of '
                        || {{ format_wan('prior_yuan') }} || '万元 is '
                end
        end
        || {{ format_percent('recomputed_percent') }} || '%'
        || case status
            when 'pass' then ', which rounds to the printed ' || percent_text || '%.'
            when 'rounding' then ', ' || {{ format_percent('abs(recomputed_percent - percent)') }}
                || ' points from the printed ' || percent_text || '%: within what rounding or truncating it allows, given the 0.01万元 rounding of the amounts ('
                || {{ format_percent('tolerance_percent') }} || ' points).'
            else ': ' || {{ format_percent('abs(recomputed_percent - percent)') }} || ' points '
                || case when recomputed_percent > percent then 'more' else 'less' end
                || ' than the printed ' || percent_text || '%, beyond what rounding or truncating it allows, given the 0.01万元 rounding of the amounts ('
                || {{ format_percent('tolerance_percent') }} || ' points): check the percentage and the amounts.'
        end
        {%- endcall %}
    from evaluated

    union all

    {# a zero numerator is 0% of any base, printed or not #}
    select
        {%- call stated_ratio_check_columns(
            rule_id=kind_rule_id,
            check_name=kind_check_name,
            addend_count="1",
            status="'pass'",
            actual_percent="cast(0 as decimal(24, 6))",
            difference_percent="cast(0 as decimal(24, 6)) - percent",
            tolerance_percent="cast(0 as decimal(24, 6))"
        ) %}
        subject || ' is printed as ' || case when ratio_kind = 'change' then rate_word else '' end
            || printed_percent || ' (' || source_locator || ') of a base this sentence does not print; its '
            || case ratio_kind when 'share' then 'part' when 'completion_rate' then 'actual' else 'change' end
            || ' is 0, which is 0% of any non-zero base.'
        {%- endcall %}
    from operands
    where base_yuan is null
        and percent = 0
        and coalesce(case ratio_kind
            when 'share' then part_yuan
            when 'completion_rate' then actual_yuan
            else change_yuan
        end, -1) = 0

    union all

    {# the figures imply a negative prior figure: 0.10万元 now after 增加0.14万元 #}
    select
        {%- call stated_ratio_check_columns(
            rule_id="'RATIO-CHANGE'",
            check_name="'增减率 = 增减额 ÷ 基数'",
            addend_count="2",
            status="'fail'"
        ) %}
        subject || ' is printed as ' || rate_word || printed_percent || ' (' || source_locator || ') but '
            || {{ format_wan('current_yuan') }} || '万元 ' || case when direction_sign = 1 then '−' else '+' end
            || ' ' || {{ format_wan('change_yuan') }} || '万元 gives a negative prior figure ('
            || {{ format_wan('base_yuan') }} || '万元): check the direction word and the amounts.'
        {%- endcall %}
    from operands
    where form = 'from_current' and base_yuan < 0

),

final as (

    select
        {{- ratio_audit_row_columns() }}
    from value_checks

)

select * from final
