{#- Named projects with a stable id and their document's agency, year and kind. -#}

{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail',
          post_hook="{{ drop_documents_no_longer_current() }}") }}

{{ identified_facts('stg_ingested__projects', 'project_id',
                    key_columns=['document_id', 'project_code', 'project_name', 'source_locator']) }}
