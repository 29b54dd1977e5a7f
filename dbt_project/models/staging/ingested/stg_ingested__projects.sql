with

source as (

    select * from {{ source('ingested', 'projects') }}

),

final as (

    select
        cast(document_id as varchar) as document_id,
        cast(project_code as varchar) as project_code,
        cast(project_name as varchar) as project_name,
        cast(budget_yuan as decimal(20, 2)) as budget_yuan,
        cast(actual_yuan as decimal(20, 2)) as actual_yuan,
        cast(reported_unit as varchar) as reported_unit,
        {{ source_position_casts() | indent(8) }},
        cast(amount_locators as varchar) as amount_locators,
        cast(other_source_locators as varchar) as other_source_locators,
        cast(extraction_method as varchar) as extraction_method
    from source

)

select * from final
