{{ staged_frame('line_items') }}
