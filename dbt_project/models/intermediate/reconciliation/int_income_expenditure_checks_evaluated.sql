{#-
    Rule INC-EXP-SUBJECT (what it says is in the reconciliation_rules seed): a functional subject's
    income in the income table (收入预算总表 / 收入决算表: 本年收入合计, 财政拨款收入 and its funds) against
    the same subject's expenditure (支出预算总表 / 支出决算表, the 财政拨款 and 一般公共预算 tables).

    Why they must agree, and when: a subject's income plus what it carries over from last year equals
    its expenditure plus what it carries into next year. The tables print neither carry per subject,
    so the two sides must be equal only when the document carries nothing, for the fund compared:
    - the carry terms are the stated 上年结转 / 年末结转和结余, or what the 收支总表 implies (收支总计
      against 本年收入合计, and against 本年支出合计), zero when within the printed rounding;
    - the nearest fund whose carry is known decides (the compared fund, then 财政拨款, then all funds):
      nothing carried by the whole document means nothing carried by any fund (carries are never
      negative), something carried by a containing fund leaves the fund unverified;
    - budgets that print no carry term carry nothing (the 收支总表 convention of BAL-INCOME-EXPENDITURE,
      and the 上海 templates have no carry line at all); final accounts must state both terms.
    A difference beyond rounding is a `fail` only then; otherwise it is `unverified`, with the carry that
    may explain it, as it is when either table left a printed amount unread.

    Which expenditure copy: a subject printed in several expenditure tables of its fund is compared once,
    with the copy of the table printing most lines of that fund (the full 支出表, not the 收支总表's class
    rows; disagreements between expenditure tables are XTAB-SUBJECT's). 财政拨款 income is compared with
    the 财政拨款 tables, and with the 一般公共预算 tables when the document prints no 政府性基金 nor 国有资本
    经营预算 money. Copies printed to the same precision must be equal to the digit
    (same_figure_tolerance).
-#}

{%- set chain = {
    'all': ['all'],
    'fiscal_appropriation': ['fiscal_appropriation', 'all'],
    'general_public_budget': ['general_public_budget', 'fiscal_appropriation', 'all'],
    'government_fund': ['government_fund', 'fiscal_appropriation', 'all'],
    'state_capital': ['state_capital', 'fiscal_appropriation', 'all'],
} %}

with

income_line_items as (

    select * from {{ ref('int_income_line_items_identified') }}

),

line_items as (

    select * from {{ ref('int_line_items_resolved') }}

),

reported_totals as (

    select * from {{ ref('int_reported_totals_identified') }}

),

extraction_issues as (

    select * from {{ ref('stg_ingested__extraction_issues') }}

),

income_by_subject as (

    select
        *,
        case income_source when 'total' then 'all' else income_source end as fund_source,
        regexp_extract(source_locator, '\bt(\d+)\b', 1) as table_number,
        {{ printed_rounding_yuan() }} as rounding_yuan
    from income_line_items
    where functional_subject_code is not null
        and income_source in ('total', 'fiscal_appropriation', 'general_public_budget', 'government_fund', 'state_capital')
    qualify row_number() over (
        partition by document_id, amount_kind, functional_subject_code, income_source
        order by source_locator, income_line_item_id
    ) = 1

),

documents_with_other_fiscal_funds as (

    select document_id from line_items
    where fund_source in ('government_fund', 'state_capital') and amount_yuan <> 0
    union
    select document_id from income_line_items
    where income_source in ('government_fund', 'state_capital') and amount_yuan <> 0
    union
    select document_id from reported_totals
    where fund_source in ('government_fund', 'state_capital') and amount_yuan <> 0

),

expenditure_lines as (

    select
        *,
        regexp_extract(source_locator, '\bt(\d+)\b', 1) as table_number,
        count(*) over (
            partition by document_id, amount_kind, fund_source, regexp_extract(source_locator, '\bt(\d+)\b', 1)
        ) as table_line_count,
        {{ printed_rounding_yuan() }} as rounding_yuan
    from line_items
    where extraction_method = 'table'
        and expense_type = 'total'
        and economic_subject_code is null
        and functional_subject_code is not null
        and regexp_matches(source_locator, '\bt\d+\b')

),

compared_funds as (

    select * from (
        values
            ('all', 'all'),
            ('fiscal_appropriation', 'fiscal_appropriation'),
            ('fiscal_appropriation', 'general_public_budget'),
            ('general_public_budget', 'general_public_budget'),
            ('government_fund', 'government_fund'),
            ('state_capital', 'state_capital')
    ) as compared (income_fund_source, expenditure_fund_source)

),

expenditure_by_subject as (

    select
        compared_funds.income_fund_source,
        expenditure_lines.*
    from expenditure_lines
    inner join compared_funds
        on expenditure_lines.fund_source = compared_funds.expenditure_fund_source
    left join documents_with_other_fiscal_funds as other_funds
        on expenditure_lines.document_id = other_funds.document_id
    where compared_funds.income_fund_source = compared_funds.expenditure_fund_source
        or other_funds.document_id is null
    qualify row_number() over (
        partition by expenditure_lines.document_id, expenditure_lines.amount_kind,
            compared_funds.income_fund_source, expenditure_lines.functional_subject_code
        order by expenditure_lines.table_line_count desc, cast(expenditure_lines.table_number as integer),
            expenditure_lines.source_locator
    ) = 1

),

stated_by_fund as (

    {{ balance_terms('reported_totals') }}

),

{# The income table's own 上年结转 column or row: a carry-over of the whole document. #}
income_carry_over as (

    select
        document_id,
        amount_kind,
        'all' as fund_source,
        sum(amount_yuan) as carry_over_yuan
    from income_line_items
    where income_source = 'carry_over'
        and functional_subject_code is null
    group by all

),

carry_terms as (

    select
        coalesce(stated_by_fund.document_id, income_carry_over.document_id) as document_id,
        coalesce(stated_by_fund.amount_kind, income_carry_over.amount_kind) as amount_kind,
        coalesce(stated_by_fund.fund_source, income_carry_over.fund_source) as fund_source,
        coalesce(
            stated_by_fund.carry_over_income_yuan,
            income_carry_over.carry_over_yuan,
            stated_by_fund.grand_total_yuan - stated_by_fund.income_total_yuan
        ) as carry_over_yuan,
        case
            when stated_by_fund.carry_over_income_yuan is not null or income_carry_over.carry_over_yuan is not null
                then coalesce(stated_by_fund.carry_over_income_rounding_yuan, 0)
            else {{ rounding_tolerance('stated_by_fund.grand_total_rounding_yuan', 'stated_by_fund.income_total_rounding_yuan') }}
        end as carry_over_tolerance_yuan,
        coalesce(
            stated_by_fund.carry_forward_yuan,
            stated_by_fund.grand_total_yuan - stated_by_fund.expenditure_total_yuan
        ) as carry_forward_yuan,
        case
            when stated_by_fund.carry_forward_yuan is not null then stated_by_fund.carry_forward_rounding_yuan
            else {{ rounding_tolerance('stated_by_fund.grand_total_rounding_yuan', 'stated_by_fund.expenditure_total_rounding_yuan') }}
        end as carry_forward_tolerance_yuan
    from stated_by_fund
    full outer join income_carry_over
        on stated_by_fund.document_id = income_carry_over.document_id
        and stated_by_fund.amount_kind = income_carry_over.amount_kind
        and stated_by_fund.fund_source = income_carry_over.fund_source

),

carry_states as (

    select
        *,
        abs(carry_over_yuan) > carry_over_tolerance_yuan
            or abs(carry_forward_yuan) > carry_forward_tolerance_yuan as carries_something,
        abs(carry_over_yuan) <= carry_over_tolerance_yuan
            and abs(carry_forward_yuan) <= carry_forward_tolerance_yuan as carries_nothing
    from carry_terms

),

compared as (

    select
        income.document_id,
        income.doc_kind,
        income.amount_kind,
        income.fund_source,
        income.functional_subject_code,
        income.subject_name as income_subject_name,
        income.income_source,
        income.income_line_item_id,
        income.amount_yuan as income_yuan,
        coalesce(income.table_title, '?') as income_table_title,
        income.source_locator as income_source_locator,
        income.source_text as income_source_text,
        income.table_number as income_table_number,
        expenditure.line_item_id,
        expenditure.subject_name as expenditure_subject_name,
        expenditure.fund_source as expenditure_fund_source,
        expenditure.amount_yuan as expenditure_yuan,
        coalesce(expenditure.table_title, '?') as expenditure_table_title,
        expenditure.source_locator as expenditure_source_locator,
        expenditure.source_text as expenditure_source_text,
        expenditure.table_number as expenditure_table_number,
        {{ same_figure_tolerance('expenditure.rounding_yuan', 'income.rounding_yuan') }} as tolerance_yuan
    from income_by_subject as income
    inner join expenditure_by_subject as expenditure
        on income.document_id = expenditure.document_id
        and income.amount_kind = expenditure.amount_kind
        and income.fund_source = expenditure.income_fund_source
        and income.functional_subject_code = expenditure.functional_subject_code

),

tables_with_unread_amounts as (

    {{ tables_with_unread_amounts('extraction_issues') }}

),

{#- The carry of the compared fund and of every fund containing it (chain above). -#}
with_carries as (

    select
        compared.*,
        {%- for level in range(3) %}
        carry_{{ level }}.fund_source as carry_{{ level }}_fund_source,
        carry_{{ level }}.carry_over_yuan as carry_{{ level }}_over_yuan,
        carry_{{ level }}.carry_forward_yuan as carry_{{ level }}_forward_yuan,
        carry_{{ level }}.carries_something as carry_{{ level }}_carries_something,
        carry_{{ level }}.carries_nothing as carry_{{ level }}_carries_nothing,
        {%- endfor %}
        exists (
            select 1
            from tables_with_unread_amounts as unread
            where unread.document_id = compared.document_id
                and unread.table_number in (compared.income_table_number, compared.expenditure_table_number)
        ) as has_unread_amounts
    from compared
    {%- for level in range(3) %}
    left join carry_states as carry_{{ level }}
        on compared.document_id = carry_{{ level }}.document_id
        and compared.amount_kind = carry_{{ level }}.amount_kind
        and carry_{{ level }}.fund_source = case compared.fund_source
            {%- for fund, funds in chain.items() %}
            when '{{ fund }}' then {{ "'" ~ funds[level] ~ "'" if level < funds | length else 'null' }}
            {%- endfor %}
        end
    {%- endfor %}

),

judged as (

    select
        *,
        {#- the nearest fund of the chain whose carry is known decides -#}
        coalesce(
            case when carry_0_carries_something then 'something' when carry_0_carries_nothing then 'nothing' end,
            case when carry_1_carries_something then 'something' when carry_1_carries_nothing then 'nothing' end,
            case when carry_2_carries_something then 'something' when carry_2_carries_nothing then 'nothing' end
        ) as carry_state,
        coalesce(
            case when carry_0_carries_something or carry_0_carries_nothing then carry_0_fund_source end,
            case when carry_1_carries_something or carry_1_carries_nothing then carry_1_fund_source end,
            case when carry_2_carries_something or carry_2_carries_nothing then carry_2_fund_source end
        ) as carry_fund_source,
        coalesce(
            case when carry_0_carries_something or carry_0_carries_nothing then carry_0_over_yuan end,
            case when carry_1_carries_something or carry_1_carries_nothing then carry_1_over_yuan end,
            case when carry_2_carries_something or carry_2_carries_nothing then carry_2_over_yuan end
        ) as shown_carry_over_yuan,
        coalesce(
            case when carry_0_carries_something or carry_0_carries_nothing then carry_0_forward_yuan end,
            case when carry_1_carries_something or carry_1_carries_nothing then carry_1_forward_yuan end,
            case when carry_2_carries_something or carry_2_carries_nothing then carry_2_forward_yuan end
        ) as shown_carry_forward_yuan
    from with_carries

),

statused as (

    select
        *,
        case
            when abs(expenditure_yuan - income_yuan) <= tolerance_yuan then 'within rounding'
            when has_unread_amounts then 'unread'
            when carry_state = 'something' then 'carry'
            when carry_state is null and doc_kind = 'final_account' then 'carry unstated'
            else 'must hold'
        end as judgement
    from judged

),

final as (

    select
        {{- audit_row_columns({
            'rule_id': "'INC-EXP-SUBJECT'",
            'check_key': "concat_ws('|', fund_source, amount_kind, functional_subject_code)",
            'check_name': "'收入表与支出表同一科目一致 ' || functional_subject_code",
            'scope': "functional_subject_code || ' ' || " ~ vocabulary_label('income_source', 'income_source', 'income_source')
                ~ " || ' vs ' || " ~ grouping_label('amount_kind', "'total'", 'expenditure_fund_source'),
            'expense_type': "'total'",
            'expected_yuan': 'income_yuan',
            'actual_yuan': 'expenditure_yuan',
            'difference_yuan': 'expenditure_yuan - income_yuan',
            'addend_count': '1',
            'status': "case when judgement in ('unread', 'carry', 'carry unstated') then 'unverified' else "
                ~ reconciliation_status('expenditure_yuan - income_yuan', 'tolerance_yuan') ~ " end",
            'detail': comparison_detail(
                "'Subject ' || functional_subject_code || coalesce(' ' || income_subject_name, '') || '''s '"
                    ~ " || " ~ vocabulary_label('income_source', 'income_source', 'income_source')
                    ~ " || ' in ' || income_table_title",
                "'its ' || " ~ grouping_label('amount_kind', "'total'", 'expenditure_fund_source')
                    ~ " || ' in ' || expenditure_table_title || ' is'",
                'income_yuan', 'expenditure_yuan', 'tolerance_yuan',
                'income_source_locator', 'expenditure_source_locator'
            ) ~ " || case judgement"
                ~ " when 'must hold' then ' The document carries nothing over from last year nor into next year for these funds, so a subject''s income must equal its expenditure: one of the two tables is wrong; correct it so both agree.'"
                ~ " when 'carry' then ' Not a finding: the document carries ' || " ~ format_wan('coalesce(shown_carry_over_yuan, 0)')
                    ~ " || '万元 over from last year and ' || " ~ format_wan('coalesce(shown_carry_forward_yuan, 0)')
                    ~ " || '万元 into next year (' || " ~ fund_source_label('carry_fund_source')
                    ~ " || '), which the tables do not print per subject and which may explain the difference.'"
                ~ " when 'carry unstated' then ' Not a finding: the final account states no carry-over (年初 / 年末结转和结余) for these funds, which may explain the difference.'"
                ~ " when 'unread' then ' Not a finding: a printed amount of one of the two tables was not read.'"
                ~ " else '' end"
                ~ " || case when " ~ normalize_subject_name('income_subject_name') ~ " <> " ~ normalize_subject_name('expenditure_subject_name')
                ~ " then ' The income table names the subject “' || income_subject_name || '”, the expenditure table “' || expenditure_subject_name || '”.'"
                ~ " else '' end",
            'expected_source_locator': 'income_source_locator',
            'expected_source_text': 'income_source_text',
            'actual_source_locator': 'expenditure_source_locator',
            'actual_source_text': 'expenditure_source_text',
            'fact_ids': '[income_line_item_id, line_item_id]',
        }) }}
    from statused

)

select * from final
