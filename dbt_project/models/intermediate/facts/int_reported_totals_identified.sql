{#- Stated totals with a stable id and their document's agency, year and kind. -#}

{{ identified_facts('stg_ingested__reported_totals', 'reported_total_id',
                    key_columns=['document_id', 'measure', 'amount_kind', 'fund_source', 'extraction_method',
                                 'source_locator']) }}
