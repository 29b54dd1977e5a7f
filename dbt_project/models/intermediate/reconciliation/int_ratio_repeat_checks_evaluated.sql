{#-
    RATIO-REPEAT (what it says is in the reconciliation_rules seed): copies of one indicator — same kind, subject,
    base and, when printed, figure — against the first copy by locator.
-#}

with

operands as (

    {{ stated_ratio_operands(ref('stg_ingested__stated_ratios')) | indent(4) }}

),

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
    from operands
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

final as (

    select
        {{- ratio_audit_row_columns() }}
    from repeat_checks

)

select * from final
