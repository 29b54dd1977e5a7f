{#-
    What each agency published, per agency × fiscal year × document kind × item: the document itself
    (present / missing) and, for a present document, each standard table of the standard_tables seed:
    - present: the warehouse holds figures of that table's content (e.g. a 政府性基金 fund source for
      the 政府性基金预算支出表, a 三公 figure for the 三公经费表, an income line by subject or an income
      total for the 收入总表);
    - empty_with_statement: no figures, but the document says why (此表为空表, 本部门无政府性基金收支 …);
      the statement is quoted;
    - missing: neither.
    The years of an agency are those in which it published any document, so a budget without its final
    account (or the reverse) shows as a missing document. Presence is read from extracted figures: a
    table the extractor could not read counts as missing and its extraction issues say why.
-#}

with

documents as (

    select * from {{ ref('int_documents_scoped') }}
    where {{ agencies_to_build() }}

),

agencies as (

    select * from {{ ref('int_agencies_resolved') }}
    where {{ agencies_to_build() }}

),

standard_tables as (

    select * from {{ ref('standard_tables') }}

),

figures as (

    select * from {{ ref('int_figures_unioned') }}
    where document_id in (select document_id from documents)

),

income_line_items as (

    select * from {{ ref('int_income_line_items_identified') }}
    where document_id in (select document_id from documents)

),

extraction_issues as (

    select * from {{ ref('stg_ingested__extraction_issues') }}
    where document_id in (select document_id from documents)

),

content as (

    select
        documents.document_id,
        bool_or(reported_totals.measure = 'grand_total') as has_grand_total,
        bool_or(reported_totals.measure = 'income_total') as has_income_total,
        bool_or(reported_totals.fund_source = 'fiscal_appropriation') as has_fiscal_appropriation_total,
        bool_or(reported_totals.fund_source = 'government_fund'
            or reported_totals.measure = 'government_fund_expenditure') as has_government_fund_total,
        bool_or(reported_totals.fund_source = 'state_capital') as has_state_capital_total,
        bool_or(reported_totals.measure in ('basic_expenditure', 'project_expenditure')
            and reported_totals.fund_source = 'all') as has_expenditure_split_total
    from documents
    left join figures as reported_totals
        on documents.document_id = reported_totals.document_id
        and reported_totals.fact_kind = 'reported_total'
    group by documents.document_id

),

line_content as (

    select
        document_id,
        bool_or(fund_source = 'all' and expense_type in ('basic', 'project')) as has_expenditure_lines,
        bool_or(fund_source = 'fiscal_appropriation') as has_fiscal_appropriation_lines,
        bool_or(fund_source = 'general_public_budget' and functional_subject_code is not null)
            as has_general_public_budget_lines,
        bool_or(fund_source in ('general_public_budget', 'fiscal_appropriation')
            and economic_subject_code is not null and expense_type in ('basic', 'personnel', 'public'))
            as has_basic_economic_lines,
        bool_or(fund_source = 'government_fund') as has_government_fund_lines,
        bool_or(fund_source = 'state_capital') as has_state_capital_lines
    from figures
    where fact_kind = 'line_item'
    group by document_id

),

texts as (

    select document_id, source_text as text from figures
    union all
    select document_id, table_title from figures
    union all
    select document_id, detail from extraction_issues
    union all
    select document_id, source_text from extraction_issues

),

-- One scan per standard table with its pattern as a constant: a pattern read from a column is compiled
-- again for every text it is tried on (the correlated form took 83 s at 300 documents, a join 370 s).
{%- set empty_patterns = run_query('select table_key, empty_statement_pattern from ' ~ ref('standard_tables')
                                   ~ ' where empty_statement_pattern is not null order by table_order')
                         if execute else none %}
empty_statements as (

    {% for table_key, pattern in (empty_patterns.rows if empty_patterns else []) -%}
    select
        document_id,
        '{{ table_key }}' as table_key,
        min(regexp_extract(text, '{{ pattern | replace("'", "''") }}')) as empty_statement
    from texts
    where regexp_matches(text, '{{ pattern | replace("'", "''") }}')
    group by document_id
    union all
    {% endfor -%}
    select null::varchar as document_id, null::varchar as table_key, null::varchar as empty_statement
    where false

),

three_public_documents as (

    select distinct document_id from figures where fact_kind = 'three_public_expense'

),

table_presence as (

    select
        documents.document_id,
        standard_tables.table_key,
        case standard_tables.table_key
            when 'income_expenditure_summary' then coalesce(content.has_grand_total, false)
            when 'income_summary'
                then coalesce(content.has_income_total, false)
                    or exists (  -- rows only an income table prints: by subject, or its total
                        select 1 from income_line_items as i
                        where i.document_id = documents.document_id
                            and (i.functional_subject_code is not null or i.income_source in ('total', 'grand_total'))
                    )
            when 'expenditure_summary'
                then coalesce(line_content.has_expenditure_lines or content.has_expenditure_split_total, false)
            when 'fiscal_appropriation_summary'
                then coalesce(content.has_fiscal_appropriation_total or line_content.has_fiscal_appropriation_lines, false)
            when 'general_public_budget_expenditure' then coalesce(line_content.has_general_public_budget_lines, false)
            when 'general_public_budget_basic_expenditure' then coalesce(line_content.has_basic_economic_lines, false)
            when 'three_public' then three_public_documents.document_id is not null
            when 'government_fund_expenditure'
                then coalesce(content.has_government_fund_total or line_content.has_government_fund_lines, false)
            when 'state_capital_expenditure'
                then coalesce(content.has_state_capital_total or line_content.has_state_capital_lines, false)
            else false
        end as has_figures,
        empty_statements.empty_statement
    from documents
    cross join standard_tables
    left join content
        on documents.document_id = content.document_id
    left join line_content
        on documents.document_id = line_content.document_id
    left join three_public_documents
        on documents.document_id = three_public_documents.document_id
    left join empty_statements
        on documents.document_id = empty_statements.document_id
        and standard_tables.table_key = empty_statements.table_key

),

agency_years as (

    select distinct agency_id, fiscal_year from documents

),

kinds as (

    select unnest(['budget', 'final_account']) as doc_kind

),

document_items as (

    select
        agency_years.agency_id,
        agency_years.fiscal_year,
        kinds.doc_kind,
        'document' as item_kind,
        'document' as item_key,
        case kinds.doc_kind when 'budget' then '部门预算' else '部门决算' end as item_label,
        0 as item_order,
        case when count(documents.document_id) > 0 then 'present' else 'missing' end as status,
        min(documents.document_id) as document_id,
        case
            when count(documents.document_id) > 1
                then count(documents.document_id) || ' documents: '
                    || string_agg(documents.source_file, ', ' order by documents.source_file)
        end as detail
    from agency_years
    cross join kinds
    left join documents
        on agency_years.agency_id = documents.agency_id
        and agency_years.fiscal_year = documents.fiscal_year
        and kinds.doc_kind = documents.doc_kind
    group by agency_years.agency_id, agency_years.fiscal_year, kinds.doc_kind

),

table_items as (

    select
        documents.agency_id,
        documents.fiscal_year,
        documents.doc_kind,
        'table' as item_kind,
        standard_tables.table_key as item_key,
        standard_tables.table_label as item_label,
        standard_tables.table_order as item_order,
        case
            when table_presence.has_figures then 'present'
            when table_presence.empty_statement is not null then 'empty_with_statement'
            else 'missing'
        end as status,
        documents.document_id,
        case when not table_presence.has_figures then table_presence.empty_statement end as detail
    from table_presence
    inner join documents
        on table_presence.document_id = documents.document_id
    inner join standard_tables
        on table_presence.table_key = standard_tables.table_key

),

items as (

    select * from document_items
    union all
    select * from table_items

),

final as (

    select
        {{ short_hash(['items.agency_id', 'items.fiscal_year', 'items.doc_kind', 'items.item_kind',
                       'items.item_key', 'items.document_id']) }} as completeness_id,
        items.agency_id,
        agencies.agency_name,
        agencies.province,
        agencies.city,
        agencies.county,
        items.fiscal_year,
        items.doc_kind,
        items.item_kind,
        items.item_key,
        items.item_label,
        items.item_order,
        items.status,
        items.document_id,
        items.detail
    from items
    left join agencies
        on items.agency_id = agencies.agency_id

)

select * from final
