{#- Lines of the 政府采购 item tables with a stable id and their document's agency, year and kind. -#}

{{ identified_facts('stg_ingested__procurement_line_items', 'procurement_line_item_id',
                    key_columns=['document_id', 'line_level', 'source_locator']) }}
