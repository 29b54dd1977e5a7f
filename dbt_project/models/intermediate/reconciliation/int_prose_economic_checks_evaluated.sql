{#-
    Rule XSEC-PROSE-ECONOMIC (family cross_section; what it says is in the reconciliation_rules seed):
    an amount the prose gives an economic subject (株洲 "2020年预算安排会议费0万元") against the same
    subject and amount kind in the tables (30215 会议费 6.00 in the 一般公共预算基本支出情况表).

    The two sides rarely cover the same money, so the check compares scopes before amounts. The prose's
    scope is what it names, as the narrative extractor read it (ingestion/extract/narrative/scopes.py,
    with the words of ingestion/vocabulary): an expense part (prose_expense_scope: 基本支出, 项目支出,
    机关运行经费 in the sentence or its section title; an amount listed under a figure whose part it
    does not name, 其中, 主要包括 … before it, is `listed`, a part of something unknown; naming nothing,
    `total`, the whole budget or account of the subject) and a fund (prose_fund_source: its section's
    fund, else a fund word of the sentence). (The stored expense_type of a prose economic line is the class of its
    code, not a scope the prose states, so it is not used here.) A table line's scope is its expense type
    and fund. Then:
    - same scope: the amounts must be equal (pass / rounding / fail);
    - the table's scope is a part of the prose's (basic ⊂ all spending, 一般公共预算 ⊂ all funds): the
      prose cannot be less than the table (fail when it is; more is unverified, the rest may be
      project spending or other funds);
    - the prose's scope is a part of the table's (机关运行经费 within the whole): the prose cannot be more;
    - neither contains the other: unverified.
    One check per prose amount, on its most decisive table line (a fail first, then an agreement, then
    an undecidable one). A prose amount whose exact grouping a table also prints is left to REP-FIGURE.
-#}

{%- set expense_contains = "({outer} = {inner} or {outer} = 'total' or ({outer} = 'basic' and {inner} in ('personnel', 'public')))" %}
{%- set fund_contains = "({outer} = {inner} or {outer} = 'all' or ({outer} = 'fiscal_appropriation' and {inner} in ('general_public_budget', 'government_fund', 'state_capital')))" %}

with

line_items as (

    select * from {{ ref('int_line_items_resolved') }}

),

{#- Amounts by economic subject only (no functional code), printed in prose or in a table. -#}
economic_amounts as (

    select
        *,
        {{ printed_rounding_yuan() }} as rounding_yuan
    from line_items
    where economic_subject_code is not null
        and functional_subject_code is null
        and amount_yuan is not null

),

prose as (

    select * from economic_amounts where extraction_method = 'narrative'

),

tables as (

    select * from economic_amounts where extraction_method = 'table'

),

prose_not_repeated as (

    select *
    from prose
    -- the exact grouping printed in a table too: REP-FIGURE compares those copies
    where not exists (
        select 1
        from tables
        where tables.document_id = prose.document_id
            and tables.economic_subject_code = prose.economic_subject_code
            and tables.amount_kind = prose.amount_kind
            and tables.expense_type = prose.expense_type
            and tables.fund_source = prose.fund_source
    )

),

pairs as (

    select
        prose.document_id,
        prose.line_item_id as prose_id,
        prose.economic_subject_code,
        prose.subject_name,
        prose.amount_kind,
        prose.prose_expense_scope,
        prose.prose_fund_source,
        prose.amount_yuan as prose_yuan,
        prose.source_locator as prose_locator,
        prose.source_text as prose_text,
        tables.line_item_id as table_id,
        tables.expense_type as table_expense_type,
        tables.fund_source as table_fund,
        tables.amount_yuan as table_yuan,
        tables.source_locator as table_locator,
        tables.source_text as table_text,
        {{ rounding_tolerance('prose.rounding_yuan', 'tables.rounding_yuan') }} as tolerance_yuan,
        case
            when prose.prose_expense_scope = tables.expense_type and prose.prose_fund_source = tables.fund_source
                then 'same'
            when prose.prose_expense_scope in ('total', 'basic', 'project')
                and {{ expense_contains.format(outer='prose.prose_expense_scope', inner='tables.expense_type') }}
                and {{ fund_contains.format(outer='prose.prose_fund_source', inner='tables.fund_source') }}
                then 'table_within'
            when {{ expense_contains.format(outer='tables.expense_type', inner="case when prose.prose_expense_scope in ('office_operation', 'listed') then 'part' else prose.prose_expense_scope end") }}
                and prose.prose_expense_scope <> 'mixed'
                and {{ fund_contains.format(outer='tables.fund_source', inner='prose.prose_fund_source') }}
                then 'prose_within'
            else 'apart'
        end as relation
    from prose_not_repeated as prose
    inner join tables
        on tables.document_id = prose.document_id
        and tables.economic_subject_code = prose.economic_subject_code
        and tables.amount_kind = prose.amount_kind

),

judged as (

    select
        *,
        prose_yuan - table_yuan as difference_yuan,
        case
            when prose_yuan = table_yuan and relation <> 'apart' then 'pass'
            when abs(prose_yuan - table_yuan) <= tolerance_yuan and relation <> 'apart' then 'rounding'
            when relation = 'same' then 'fail'
            when relation = 'table_within' and prose_yuan < table_yuan then 'fail'
            when relation = 'prose_within' and prose_yuan > table_yuan then 'fail'
            else 'unverified'
        end as status
    from pairs

),

decisive as (

    select *
    from judged
    qualify row_number() over (
        partition by document_id, prose_id
        order by
            case status when 'fail' then 0 when 'pass' then 1 when 'rounding' then 2 else 3 end,
            case relation when 'same' then 0 when 'apart' then 2 else 1 end,
            abs(difference_yuan) desc,
            table_locator,
            table_id
    ) = 1

),

described as (

    select
        *,
        {{ vocabulary_label('prose_expense_scope', 'prose_expense_scope', 'prose_expense_scope') }}
            || '（' || {{ fund_source_label('prose_fund_source') }} || '，' || {{ amount_kind_label('amount_kind') }} || '）'
            as prose_scope_label,
        {{ grouping_label('amount_kind', 'table_expense_type', 'table_fund') }} as table_scope_label
    from decisive

),

final as (

    select
        document_id,
        'XSEC-PROSE-ECONOMIC' as rule_id,
        concat_ws('|', economic_subject_code, amount_kind, prose_locator, prose_id) as check_key,
        '文字说明经济科目 ' || economic_subject_code || ' = 报表数' as check_name,
        economic_subject_code || coalesce(' ' || subject_name, '') as scope,
        amount_kind,
        table_expense_type as expense_type,
        table_fund as fund_source,
        table_yuan as expected_yuan,
        prose_yuan as actual_yuan,
        difference_yuan,
        1 as addend_count,
        tolerance_yuan,
        status,
        'The prose gives ' || {{ format_wan('prose_yuan') }} || '万元 for ' || economic_subject_code
            || coalesce(' ' || subject_name, '') || ' (' || prose_locator || '; its scope: ' || prose_scope_label
            || case when prose_expense_scope = 'total' and prose_fund_source = 'all'
                then ', as it names no expense part and no fund' else '' end
            || ') and the table ' || {{ format_wan('table_yuan') }} || '万元 for ' || table_scope_label
            || ' (' || table_locator || ')'
            || case
                when status = 'pass' then '.'
                when status = 'rounding' then ': the difference is rounding (allowance '
                    || {{ format_wan('tolerance_yuan') }} || '万元).'
                when status = 'fail' and relation = 'same' then ': the same figure differs by '
                    || {{ format_wan('abs(difference_yuan)') }} || '万元; check which is right.'
                when status = 'fail' and relation = 'table_within' then ': the table’s figure is a part of what the'
                    || ' prose covers, yet the prose states ' || {{ format_wan('abs(difference_yuan)') }}
                    || '万元 less; check the prose (or the table).'
                when status = 'fail' then ': the prose’s figure is a part of the table’s, yet it is '
                    || {{ format_wan('abs(difference_yuan)') }} || '万元 more; check the prose (or the table).'
                when relation = 'table_within' then ': the table covers only part of what the prose covers, so the'
                    || ' prose may rightly be more; not decidable from the tables.'
                when relation = 'prose_within' then ': the prose covers only part of what the table covers, so it'
                    || ' may rightly be less; not decidable from the tables.'
                else ': the two cover different money (neither scope contains the other); not decidable.'
            end as detail,
        table_locator as expected_source_locator,
        table_text as expected_source_text,
        prose_locator as actual_source_locator,
        prose_text as actual_source_text,
        [table_id, prose_id] as fact_ids
    from described

)

select * from final
