{#- Stated totals with a stable id and their document's agency, year and kind. -#}

{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail',
          post_hook="{{ drop_documents_no_longer_current() }}") }}

{{ identified_facts('stg_ingested__reported_totals', 'reported_total_id',
                    key_columns=['document_id', 'measure', 'amount_kind', 'fund_source', 'extraction_method',
                                 'source_locator']) }}
