with

line_items as (

    select * from {{ ref('int_line_items_resolved') }}

),

final as (

    select
        line_item_id,
        document_id,
        agency_id,
        fiscal_year,
        doc_kind,
        functional_subject_code,
        functional_subject_level,
        economic_subject_code,
        economic_subject_scheme,
        economic_subject_level,
        subject_name,
        reference_subject_name,
        expense_type,
        fund_source,
        amount_kind,
        {{ printed_figure_columns() | indent(8) }},
        extraction_method,
        code_source,
        table_title,
        other_source_locators,
        is_functional_code_in_reference,
        is_economic_code_in_reference,
        is_code_in_reference,
        label_reference_names,
        is_label_mismatch
    from line_items

)

select * from final
