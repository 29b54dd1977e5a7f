with

source as (

    select * from {{ source('ingested', 'stated_comparisons') }}

),

final as (

    select
        cast(stated_comparison_id as varchar) as stated_comparison_id,
        cast(document_id as varchar) as document_id,
        cast(comparison as varchar) as comparison,
        cast(wording as varchar) as wording,
        cast(subject_label as varchar) as subject_label,
        cast(actual_yuan as decimal(20, 2)) as actual_yuan,
        cast(actual_reported_amount as varchar) as actual_reported_amount,
        cast(budget_yuan as decimal(20, 2)) as budget_yuan,
        cast(budget_reported_amount as varchar) as budget_reported_amount,
        cast(reported_unit as varchar) as reported_unit,
        cast(note as varchar) as note,
        cast(figures_locator as varchar) as figures_locator,
        {{ source_position_casts() | indent(8) }}
    from source

)

select * from final
