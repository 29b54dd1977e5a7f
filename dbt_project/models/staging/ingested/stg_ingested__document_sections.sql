{{ staged_frame('document_sections') }}
