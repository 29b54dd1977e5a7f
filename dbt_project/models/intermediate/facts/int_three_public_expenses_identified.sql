{#- 三公经费 amounts with a stable id and their document's agency, year and kind. -#}

{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail',
          post_hook="{{ drop_documents_no_longer_current() }}") }}

{{ identified_facts('stg_ingested__three_public_expenses', 'three_public_expense_id',
                    key_columns=['document_id', 'category', 'amount_kind', 'extraction_method', 'source_locator']) }}
