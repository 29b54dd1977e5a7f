{{ staged_frame('extraction_issues') }}
