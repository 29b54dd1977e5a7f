{#-
    Rule family `ratio`: every printed percentage recomputed from the figures ingestion tied it to
    (stg_ingested__stated_ratios, see ingestion/extract/ratios.py).

      RATIO-SHARE       占 p%: part ÷ whole
      RATIO-COMPLETION  完成预算 p%: actual ÷ budget
      RATIO-CHANGE      增长/下降 p%: change ÷ prior, the prior being printed (2023年预算执行数为…) or
                        current ∓ change (收、支总计236.01万元 … 减少157.39万元，下降40.01% → 393.40)
      RATIO-DIRECTION   the change amount's direction word (增加/减少), or the printed prior → current,
                        agrees with the rate's (增长/下降); template wording left with both words fails
      RATIO-ZERO-BASE   a percentage whose base is zero (增长100% on nothing last year, a share of a zero
                        whole), a percentage printed without any of its figures, and a 增长100% whose
                        current and prior figures are not printed (the usual zero-base slip)
      RATIO-REPEAT      the same indicator (kind, subject, base, and the same figure when printed)
                        printed twice has one value

    Tolerance: a percentage printed with k decimals passes when the recomputed one rounds to it
    (|100·n − p·b| ≤ ½·10⁻ᵏ·b, exact decimals); it is `rounding` when moving each printed amount by the
    rounding allowance (0.01万元) can make it round to the printed value; else `fail`. The percentages
    are in the *_percent columns (percent points); the yuan columns stay null except tolerance_yuan,
    the per-amount allowance used. A percentage whose figures are only partly printed (a share whose
    whole is printed elsewhere) is not checked; the staging row keeps the reason (note).
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

ratios as (

    select * from {{ ref('stg_ingested__stated_ratios') }}
    where document_id in {{ current_document_ids() }}

),

directed as (

    select
        *,
        cast(coalesce(length(nullif(split_part(percent_text, '.', 2), '')), 0) as integer) as percent_decimals,
        case
            when change_direction in ('increase', 'decrease') then change_direction
            when rate_direction in ('increase', 'decrease') then rate_direction
        end as known_direction,
        case change_direction when 'increase' then '增加' when 'decrease' then '减少' else '增加（减少）' end
            as change_word,
        case rate_direction when 'increase' then '增长' when 'decrease' then '下降' else '增长（下降）' end
            as rate_word,
        coalesce(subject_label, '(unnamed)') as subject
    from ratios

),

{# How the percentage is recomputed: x and y are the two printed figures it depends on. #}
formed as (

    select
        *,
        case
            when ratio_kind in ('share', 'completion_rate') then 'ratio'
            when change_yuan is not null and prior_yuan is not null then 'ratio'
            when change_yuan is not null and current_yuan is not null
                and (known_direction is not null or change_yuan = 0) then 'from_current'
            when current_yuan is not null and prior_yuan is not null then 'from_prior'
        end as form,
        case when known_direction = 'decrease' then -1 else 1 end as direction_sign,
        case
            when ratio_kind = 'share' then part_yuan
            when ratio_kind = 'completion_rate' then actual_yuan
            when change_yuan is not null then change_yuan
            else prior_yuan
        end as x_yuan,
        case
            when ratio_kind = 'share' then whole_yuan
            when ratio_kind = 'completion_rate' then budget_yuan
            when change_yuan is not null and prior_yuan is not null then prior_yuan
            else current_yuan
        end as y_yuan
    from directed

),

operands as (

    select
        *,
        case form
            when 'ratio' then x_yuan
            when 'from_current' then x_yuan
            when 'from_prior' then abs(y_yuan - x_yuan)
        end as numerator_yuan,
        case form
            when 'ratio' then y_yuan
            when 'from_current' then y_yuan - direction_sign * x_yuan
            when 'from_prior' then x_yuan
        end as base_yuan,
        cast(0.5 / power(10, percent_decimals) as decimal(18, 10)) as half_unit
    from formed

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
            else 'fail'
        end as status,
        case
            when percent >= recomputed_percent then high_percent + half_unit - recomputed_percent
            else recomputed_percent - (low_percent - half_unit)
        end as tolerance_percent
    from recomputed

),

{# ── RATIO-SHARE, RATIO-COMPLETION, RATIO-CHANGE ─────────────────────────────────────────────── #}
kind_checks as (

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
                || ' points from the printed ' || percent_text || '%: within what the 0.01万元 rounding of the amounts allows ('
                || {{ format_percent('tolerance_percent') }} || ' points).'
            else ': ' || {{ format_percent('abs(recomputed_percent - percent)') }} || ' points '
                || case when recomputed_percent > percent then 'more' else 'less' end
                || ' than the printed ' || percent_text || '%, beyond what the 0.01万元 rounding of the amounts allows ('
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

{# ── RATIO-ZERO-BASE ─────────────────────────────────────────────────────────────────────────── #}
zero_base_checks as (

    select
        {%- call stated_ratio_check_columns(
            rule_id="'RATIO-ZERO-BASE'",
            check_name="'基数为零或未列示'",
            addend_count="2",
            status="case when numerator_yuan = 0 and percent = 0 then 'pass' else 'fail' end"
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
                when ratio_kind = 'change' then '. Growth from zero is undefined, not ' || printed_percent
                    || ': state the amounts (or “new this year”) instead.'
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

{# ── RATIO-DIRECTION ─────────────────────────────────────────────────────────────────────────── #}
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

{# ── RATIO-REPEAT ────────────────────────────────────────────────────────────────────────────── #}
indicators as (

    select
        *,
        regexp_replace(subject_label, '[\s“”"''（）()、，,：:]|\d{4}\s*年度?|年度|本年|全年|决算数?|执行数|的|为', '', 'g')
            as subject_key,
        case
            when ratio_kind = 'change' then
                case
                    when regexp_matches(coalesce(base_label, ''), '预算|计划')
                        and not regexp_matches(coalesce(base_label, ''), '\d{4}|上年|去年') then 'budget'
                    else 'prior_year'
                end
            when ratio_kind = 'completion_rate' then 'budget'
            else regexp_replace(coalesce(base_label, ''), '[\s“”"''（）()、，,：:]|\d{4}\s*年度?|年度|本年|的', '', 'g')
        end as base_key,
        {# copies that print different figures for the subject are different indicators (years, scopes) #}
        coalesce(cast(coalesce(part_yuan, change_yuan, actual_yuan, current_yuan) as varchar), '') as figure_key
    from directed
    where subject_label is not null

),

copies as (

    select
        *,
        row_number() over (
            partition by document_id, ratio_kind, subject_key, base_key, figure_key
            order by source_locator, stated_ratio_id
        ) as copy_number
    from indicators
    where subject_key not in ('', '项目', '支出', '收入', '资金', '经费')

),

repeat_checks as (

    select
        copy.document_id,
        'RATIO-REPEAT' as rule_id,
        copy.stated_ratio_id as check_key,
        '同一比率多处表述一致' as check_name,
        copy.subject as scope,
        reference.percent as expected_percent,
        cast(copy.percent as decimal(24, 6)) as actual_percent,
        cast(copy.percent - reference.percent as decimal(24, 6)) as difference_percent,
        cast(0.5 / power(10, least(reference.percent_decimals, copy.percent_decimals)) as decimal(24, 6))
            as tolerance_percent,
        1 as addend_count,
        case
            when copy.percent = reference.percent then 'pass'
            when round(cast(copy.percent as double) * power(10, least(reference.percent_decimals, copy.percent_decimals)))
                = round(cast(reference.percent as double) * power(10, least(reference.percent_decimals, copy.percent_decimals)))
                then 'rounding'
            else 'fail'
        end as status,
        copy.subject || ' is printed as ' || case when copy.ratio_kind = 'change' then reference.rate_word else '' end
            || reference.printed_percent || ' (' || reference.source_locator || ') and as '
            || case when copy.ratio_kind = 'change' then copy.rate_word else '' end || copy.printed_percent
            || ' (' || copy.source_locator || ')'
            || case
                when copy.percent = reference.percent then ': the same value.'
                when round(cast(copy.percent as double) * power(10, least(reference.percent_decimals, copy.percent_decimals)))
                    = round(cast(reference.percent as double) * power(10, least(reference.percent_decimals, copy.percent_decimals)))
                    then ': the same value at the coarser precision.'
                else ': two values for one indicator; at most one of them is right.'
            end as detail,
        reference.source_locator as expected_source_locator,
        reference.source_text as expected_source_text,
        copy.source_locator as actual_source_locator,
        copy.source_text as actual_source_text,
        [reference.stated_ratio_id, copy.stated_ratio_id] as fact_ids
    from copies as copy
    inner join copies as reference
        on {{ columns_equal('copy', 'reference', ['document_id', 'ratio_kind', 'subject_key', 'base_key', 'figure_key'])
            | indent(8) }}
        and reference.copy_number = 1
    where copy.copy_number > 1

),

unioned as (

    select * from kind_checks
    union all by name
    select * from zero_base_checks
    union all by name
    select * from direction_checks
    union all by name
    select * from repeat_checks

),

final as (

    select
        {{- audit_row_columns({
            'amount_kind': 'cast(null as varchar)',
            'expense_type': 'cast(null as varchar)',
            'fund_source': 'cast(null as varchar)',
            'expected_yuan': 'cast(null as decimal(20, 2))',
            'actual_yuan': 'cast(null as decimal(20, 2))',
            'difference_yuan': 'cast(null as decimal(20, 2))',
            'addend_count': 'cast(addend_count as bigint)',
            'tolerance_yuan': rounding_tolerance('addend_count'),
            'expected_percent': 'cast(expected_percent as decimal(24, 6))',
        }, percents=true) }}
    from unioned

)

select * from final
