with

projects as (

    select * from {{ ref('int_projects_identified') }}

),

final as (

    select
        project_id,
        document_id,
        agency_id,
        fiscal_year,
        doc_kind,
        project_code,
        project_name,
        budget_yuan,
        actual_yuan,
        reported_unit,
        source_locator,
        source_text,
        source_page,
        source_bbox,
        amount_locators,
        other_source_locators,
        extraction_method
    from projects

)

select * from final
