with

income_line_items as (

    select * from {{ ref('int_income_line_items_identified') }}

),

final as (

    select
        income_line_item_id,
        document_id,
        agency_id,
        fiscal_year,
        doc_kind,
        functional_subject_code,
        functional_subject_level,
        subject_name,
        income_source,
        parent_income_source,
        amount_kind,
        unit_code,
        unit_name,
        {{ printed_figure_columns() | indent(8) }},
        table_title,
        other_source_locators,
        extraction_method
    from income_line_items

)

select * from final
