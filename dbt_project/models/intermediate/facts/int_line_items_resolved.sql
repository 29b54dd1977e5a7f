{#-
    Line items with their document's agency, year and kind, joined to the reference classifications.

    - A code absent from the reference is kept, never dropped: is_*_code_in_reference = false.
    - The reference name is the one in force in the document's fiscal year (else the current one).
    - Label check: the printed subject_name is compared with every name the code has had (documents
      lag renames), after removing blanks, （类）（款）（项） markers, leading numbering and printed
      codes; names match when equal or when one contains the other. Only high/medium-confidence
      reference rows can raise a mismatch. When both codes are present the name may name either.
-#}

with

line_items as (

    select * from {{ ref('stg_ingested__line_items') }}

),

documents as (

    select * from {{ ref('int_documents_identified') }}

),

subjects as (

    select * from {{ ref('int_subjects_unioned') }}

),

with_documents as (

    select
        line_items.*,
        documents.agency_id,
        documents.fiscal_year,
        documents.doc_kind,
        case left(line_items.economic_subject_code, 1)
            when '3' then 'department'
            when '5' then 'government'
        end as economic_subject_scheme,
        {{ normalize_subject_name('line_items.subject_name') }} as normalized_subject_name
    from line_items
    left join documents
        on line_items.document_id = documents.document_id

),

functional_reference as (

    {{ subject_reference_lookup('with_documents', "'functional'", 'functional_subject_code') | indent(4) }}

),

economic_reference as (

    {{ subject_reference_lookup('with_documents', "with_documents.economic_subject_scheme", 'economic_subject_code') | indent(4) }}

),

resolved as (

    select
        with_documents.*,
        case when with_documents.functional_subject_code is not null
            then functional_reference.line_item_id is not null end as is_functional_code_in_reference,
        case when with_documents.economic_subject_code is not null
            then economic_reference.line_item_id is not null end as is_economic_code_in_reference,
        functional_reference.reference_name as functional_reference_name,
        economic_reference.reference_name as economic_reference_name,
        functional_reference.reference_names as functional_reference_names,
        economic_reference.reference_names as economic_reference_names,
        functional_reference.is_reliable as is_functional_reference_reliable,
        economic_reference.is_reliable as is_economic_reference_reliable,
        functional_reference.is_name_match as is_functional_name_match,
        economic_reference.is_name_match as is_economic_name_match
    from with_documents
    left join functional_reference
        on with_documents.line_item_id = functional_reference.line_item_id
    left join economic_reference
        on with_documents.line_item_id = economic_reference.line_item_id

),

final as (

    select
        line_item_id,
        document_id,
        agency_id,
        fiscal_year,
        doc_kind,
        functional_subject_code,
        {{ code_level('functional_subject_code') }} as functional_subject_level,
        economic_subject_code,
        economic_subject_scheme,
        {{ code_level('economic_subject_code') }} as economic_subject_level,
        subject_name,
        coalesce(economic_reference_name, functional_reference_name) as reference_subject_name,
        functional_reference_name,
        economic_reference_name,
        expense_type,
        fund_source,
        amount_kind,
        {{ printed_figure_columns() | indent(8) }},
        extraction_method,
        code_source,
        table_title,
        prose_expense_scope,
        prose_fund_source,
        other_source_locators,
        is_functional_code_in_reference,
        is_economic_code_in_reference,
        coalesce(is_functional_code_in_reference, true)
            and coalesce(is_economic_code_in_reference, true) as is_code_in_reference,
        functional_reference_names,
        economic_reference_names,
        is_functional_reference_reliable,
        is_economic_reference_reliable,
        is_functional_name_match,
        is_economic_name_match,
        -- the reference names the printed name was compared with
        case
            when economic_subject_code is null then functional_reference_names
            when functional_subject_code is null then economic_reference_names
            else concat_ws(' | ', functional_reference_names, economic_reference_names)
        end as label_reference_names,
        -- null when the label cannot be checked: no printed name, unknown code, or low-confidence reference only
        case
            when normalized_subject_name is null or normalized_subject_name = '' then null
            when economic_subject_code is null
                then case when is_functional_reference_reliable then not is_functional_name_match end
            when functional_subject_code is null
                then case when is_economic_reference_reliable then not is_economic_name_match end
            when coalesce(is_functional_name_match, false) or coalesce(is_economic_name_match, false) then false
            when is_functional_reference_reliable or is_economic_reference_reliable then true
        end as is_label_mismatch
    from resolved

)

select * from final
