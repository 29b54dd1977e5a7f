{#-
    Rule family `structure`, its prose rules (what each says is in the reconciliation_rules seed): one
    check per flagged spot of stg_ingested__sentence_flags — template residue, truncated explanations,
    figures without unit or percent sign — and one per empty-table statement, which fails only when the
    document prints a non-zero amount of the funds it says it has none of, for the year it covers
    (budget figures in a budget, actual figures in a final account). No amounts are compared to a
    tolerance: the amount columns carry the contradicting amount, when there is one.
-#}

with

documents as (

    select * from {{ ref('int_documents_identified') }}
    where is_current

),

flags as (

    select
        flags.*,
        case documents.doc_kind when 'budget' then 'budget' else 'actual' end as current_amount_kind
    from {{ ref('stg_ingested__sentence_flags') }} as flags
    inner join documents using (document_id)

),

{#- every printed amount (line items, stated totals, 三公 figures) in one frame -#}
figures as (

    select * from {{ ref('int_figures_unioned') }}
    where amount_yuan <> 0

),

{#- the printed non-zero amounts of each fund an empty-table statement can name -#}
topic_amounts as (

    select document_id, 'government_fund_expenditure' as topic, amount_kind, amount_yuan, source_locator, source_text,
        extraction_method
    from figures
    where fund_source = 'government_fund' or measure = 'government_fund_expenditure'

    union all

    select document_id, 'state_capital_expenditure', amount_kind, amount_yuan, source_locator, source_text,
        extraction_method
    from figures
    where fund_source = 'state_capital'

    union all

    select document_id, 'three_public', amount_kind, amount_yuan, source_locator, source_text,
        extraction_method
    from figures
    where fact_kind = 'three_public_expense'

),

statements as (

    select
        flags.*,
        contradiction.amount_yuan as contradicting_yuan,
        contradiction.source_locator as contradicting_locator,
        contradiction.source_text as contradicting_text
    from flags
    left join topic_amounts as contradiction
        on contradiction.document_id = flags.document_id
        and contradiction.topic = flags.value
        and contradiction.amount_kind = flags.current_amount_kind
    where flags.flag = 'empty_statement'
        and flags.value in ('government_fund_expenditure', 'state_capital_expenditure', 'three_public')
    qualify row_number() over (
        partition by flags.document_id, flags.source_locator, flags.value
        order by contradiction.amount_yuan desc nulls last, contradiction.source_locator
    ) = 1

),

statement_checks as (

    select
        document_id,
        'STR-EMPTY-STATEMENT' as rule_id,
        value || '|' || source_locator as check_key,
        '空表说明 ' || case value
            when 'government_fund_expenditure' then '政府性基金'
            when 'state_capital_expenditure' then '国有资本经营'
            when 'three_public' then '“三公”经费'
            else value
        end as check_name,
        value as scope,
        current_amount_kind as amount_kind,
        contradicting_yuan as actual_yuan,
        case when contradicting_yuan is null then 'pass' else 'fail' end as status,
        'The document says “' || matched_text || '” (' || source_locator || ')'
            || case
                when contradicting_yuan is null then ', and prints no non-zero amount of it.'
                else ', but prints ' || {{ format_wan('contradicting_yuan') }} || '万元 of it ('
                    || contradicting_locator || '): correct the statement or the figure.'
            end as detail,
        source_locator as expected_source_locator,
        source_text as expected_source_text,
        contradicting_locator as actual_source_locator,
        contradicting_text as actual_source_text
    from statements

),

{#- the reverse: the table of those funds printed without a non-zero figure, the prose giving an amount -#}
empty_tables as (

    select
        sections.document_id,
        sections.standard_table_key,
        sections.title,
        sections.source_locator,
        case documents.doc_kind when 'budget' then 'budget' else 'actual' end as current_amount_kind
    from {{ ref('stg_ingested__document_sections') }} as sections
    inner join documents using (document_id)
    where sections.section_kind = 'table'
        and sections.nonzero_figure_count = 0
        and sections.standard_table_key in ('government_fund_expenditure', 'state_capital_expenditure', 'three_public')

),

empty_table_amounts as (

    select
        empty_tables.*,
        max(prose.amount_yuan) as prose_yuan,
        arg_max(prose.source_locator, prose.amount_yuan) as prose_locator,
        arg_max(prose.source_text, prose.amount_yuan) as prose_text
    from empty_tables
    left join topic_amounts as prose
        on prose.document_id = empty_tables.document_id
        and prose.topic = empty_tables.standard_table_key
        and prose.amount_kind = empty_tables.current_amount_kind
        and prose.extraction_method = 'narrative'
    group by all

),

empty_table_checks as (

    select
        document_id,
        'STR-EMPTY-TABLE' as rule_id,
        standard_table_key || '|' || source_locator as check_key,
        '空表 ' || title as check_name,
        standard_table_key as scope,
        current_amount_kind as amount_kind,
        prose_yuan as actual_yuan,
        case when prose_yuan is null then 'pass' else 'fail' end as status,
        'The table “' || title || '” (' || source_locator || ') prints no non-zero figure'
            || case
                when prose_yuan is null then ', and the prose states no amount of it either.'
                else ', but the prose states ' || {{ format_wan('prose_yuan') }} || '万元 of it (' || prose_locator
                    || '): fill the table or correct the prose.'
            end as detail,
        source_locator as expected_source_locator,
        title as expected_source_text,
        prose_locator as actual_source_locator,
        prose_text as actual_source_text
    from empty_table_amounts

),

wording_checks as (

    select
        document_id,
        case flag
            when 'placeholder' then 'STR-PLACEHOLDER'
            when 'truncated_explanation' then 'STR-TRUNCATED-EXPLANATION'
            when 'amount_without_unit' then 'STR-AMOUNT-UNIT'
            when 'rate_without_percent' then 'STR-RATE-PERCENT'
        end as rule_id,
        'flag ' || flag_index as check_key,
        case flag
            when 'placeholder' then '模板占位 '
            when 'truncated_explanation' then '说明不完整 '
            when 'amount_without_unit' then '金额无单位 '
            else '比率无百分号 '
        end || matched_text as check_name,
        matched_text as scope,
        cast(null as varchar) as amount_kind,
        cast(null as decimal(20, 2)) as actual_yuan,
        'fail' as status,
        '“' || matched_text || '” (' || source_locator || ') '
            || case flag
                when 'placeholder' then 'is template text left in: replace it with the words or figures it stands for.'
                when 'truncated_explanation' then 'stops before giving the explanation it announces: complete it.'
                when 'amount_without_unit' then 'prints the figure ' || value || ' without its unit (万元 or 元).'
                else 'prints the rate ' || value || ' without %.'
            end as detail,
        cast(null as varchar) as expected_source_locator,
        cast(null as varchar) as expected_source_text,
        source_locator as actual_source_locator,
        source_text as actual_source_text
    from flags
    where flag in ('placeholder', 'truncated_explanation', 'amount_without_unit', 'rate_without_percent')

),

unioned as (

    select * from statement_checks
    union all by name
    select * from empty_table_checks
    union all by name
    select * from wording_checks

),

final as (

    select
        {{- amountless_audit_row_columns({
            'amount_kind': 'amount_kind',
            'actual_yuan': 'cast(actual_yuan as decimal(20, 2))',
            'fact_ids': 'cast([] as varchar[])',
        }) }}
    from unioned

)

select * from final
