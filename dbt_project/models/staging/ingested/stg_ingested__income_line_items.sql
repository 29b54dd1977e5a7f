{{ staged_frame('income_line_items') }}
