{#- 三公经费 amounts with a stable id and their document's agency, year and kind. -#}

{{ identified_facts('stg_ingested__three_public_expenses', 'three_public_expense_id',
                    key_columns=['document_id', 'category', 'amount_kind', 'extraction_method', 'source_locator']) }}
