{#- Named projects with a stable id and their document's agency, year and kind. -#}

{{ identified_facts('stg_ingested__projects', 'project_id',
                    key_columns=['document_id', 'project_code', 'project_name', 'source_locator']) }}
