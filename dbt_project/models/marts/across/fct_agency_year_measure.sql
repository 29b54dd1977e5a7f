{#-
    The agency-year panel of headline measures, long form: one row per agency × fiscal year × document
    kind × measure × fund source, with the change against the agency's previous year of the same kind.

    Measures: the stated totals (本年支出合计, 基本支出, 项目支出, 人员经费, 公用经费, 机关运行经费 …) and
    三公 by category (three_public_<category>). A budget document contributes its 预算数, a final account
    its 决算数. The change is computed only when the previous year's document covers the same scope
    (部门 vs 单位, see int_documents_scoped); comparability says why it is not. An amount a document
    prints twice differently is left out (is_ambiguous) and never compared.

    An agency's rows come from its own documents alone (its name is fixed by its id), so the panel is
    built per agency (macros/across/agencies_to_build.sql): an add-one run computes the agencies whose
    documents changed.
-#}

with

sides as (

    select * from {{ ref('int_execution_sides') }}
    where subject_kind = 'measure'
        and side in ('budget_document', 'actual')
        and {{ agencies_to_build() }}

),

agencies as (

    select * from {{ ref('int_agencies_resolved') }}
    where {{ agencies_to_build() }}

),

preferred as (

    select *
    from sides
    qualify dense_rank() over (
        partition by agency_id, fiscal_year, doc_kind, measure, fund_source
        order by case extraction_method when 'table' then 0 else 1 end
    ) = 1

),

measured as (

    select
        agency_id,
        fiscal_year,
        doc_kind,
        measure,
        fund_source,
        any_value(subject_name) as measure_label,
        count(distinct amount_yuan) > 1 as is_ambiguous,
        case when count(distinct amount_yuan) = 1 then any_value(amount_yuan) end as amount_yuan,
        arg_min(document_id, source_locator) as document_id,
        arg_min(document_scope, source_locator) as document_scope,
        count(distinct document_scope) > 1 as has_mixed_scope,
        arg_min(source_locator, source_locator) as source_locator,
        arg_min(source_text, source_locator) as source_text
    from preferred
    group by agency_id, fiscal_year, doc_kind, measure, fund_source

),

with_previous as (

    select
        *,
        lag(fiscal_year) over series as previous_fiscal_year,
        lag(amount_yuan) over series as previous_amount_yuan,
        lag(document_id) over series as previous_document_id,
        lag(document_scope) over series as previous_document_scope,
        lag(is_ambiguous) over series as is_previous_ambiguous
    from measured
    window series as (partition by agency_id, doc_kind, measure, fund_source order by fiscal_year)

),

assessed as (

    select
        *,
        case
            when previous_fiscal_year is null then 'no_earlier_year'
            when is_ambiguous or is_previous_ambiguous or amount_yuan is null or previous_amount_yuan is null
                then 'amount_ambiguous'
            when has_mixed_scope or document_scope <> previous_document_scope then 'different_scope'
            when fiscal_year - previous_fiscal_year > 1 then 'year_gap'
            else 'comparable'
        end as comparability
    from with_previous

),

final as (

    select
        {{ short_hash(['assessed.agency_id', 'assessed.fiscal_year', 'assessed.doc_kind', 'assessed.measure',
                       'assessed.fund_source']) }} as agency_year_measure_id,
        assessed.agency_id,
        agencies.agency_name,
        assessed.fiscal_year,
        assessed.doc_kind,
        case assessed.doc_kind when 'budget' then 'budget' else 'actual' end as amount_kind,
        assessed.measure,
        assessed.measure_label,
        assessed.fund_source,
        assessed.amount_yuan,
        assessed.is_ambiguous,
        assessed.document_id,
        assessed.document_scope,
        assessed.source_locator,
        assessed.source_text,
        assessed.previous_fiscal_year,
        assessed.previous_amount_yuan,
        assessed.previous_document_id,
        assessed.previous_document_scope,
        assessed.comparability,
        case
            when assessed.comparability = 'comparable'
                then cast(assessed.amount_yuan - assessed.previous_amount_yuan as decimal(20, 2))
        end as yoy_change_yuan,
        case
            when assessed.comparability = 'comparable' and assessed.previous_amount_yuan <> 0
                then cast(round((assessed.amount_yuan - assessed.previous_amount_yuan) / assessed.previous_amount_yuan, 4)
                    as decimal(12, 4))
        end as yoy_change_rate
    from assessed
    left join agencies
        on assessed.agency_id = agencies.agency_id

)

select * from final
