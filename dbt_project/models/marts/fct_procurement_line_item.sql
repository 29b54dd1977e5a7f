with

procurement_line_items as (

    select * from {{ ref('int_procurement_line_items_identified') }}

),

final as (

    select
        procurement_line_item_id,
        document_id,
        agency_id,
        fiscal_year,
        doc_kind,
        procurement_kind,
        line_level,
        project_name,
        economic_subject_name,
        item_name,
        organisation_form,
        amount_kind,
        {{ printed_figure_columns() | indent(8) }},
        table_title,
        extraction_method
    from procurement_line_items

)

select * from final
