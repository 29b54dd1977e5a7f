with

source as (

    select * from {{ source('ingested', 'income_line_items') }}

),

final as (

    select
        cast(income_line_item_id as varchar) as income_line_item_id,
        cast(document_id as varchar) as document_id,
        cast(functional_subject_code as varchar) as functional_subject_code,
        cast(subject_name as varchar) as subject_name,
        cast(income_source as varchar) as income_source,
        cast(parent_income_source as varchar) as parent_income_source,
        cast(amount_kind as varchar) as amount_kind,
        {{ printed_figure_casts() | indent(8) }},
        cast(table_title as varchar) as table_title,
        cast(other_source_locators as varchar) as other_source_locators,
        cast(extraction_method as varchar) as extraction_method
    from source

)

select * from final
