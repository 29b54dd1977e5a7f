with

source as (

    select * from {{ source('ingested', 'line_items') }}

),

final as (

    select
        cast(line_item_id as varchar) as line_item_id,
        cast(document_id as varchar) as document_id,
        cast(functional_subject_code as varchar) as functional_subject_code,
        cast(economic_subject_code as varchar) as economic_subject_code,
        cast(subject_name as varchar) as subject_name,
        cast(expense_type as varchar) as expense_type,
        cast(fund_source as varchar) as fund_source,
        cast(amount_kind as varchar) as amount_kind,
        cast(amount_yuan as decimal(20, 2)) as amount_yuan,
        cast(reported_amount as varchar) as reported_amount,
        cast(reported_unit as varchar) as reported_unit,
        cast(code_source as varchar) as code_source,
        cast(table_title as varchar) as table_title,
        cast(other_source_locators as varchar) as other_source_locators,
        {{ source_position_casts() | indent(8) }},
        cast(extraction_method as varchar) as extraction_method
    from source

)

select * from final
