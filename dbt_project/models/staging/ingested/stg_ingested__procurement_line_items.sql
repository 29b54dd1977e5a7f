{{ staged_frame('procurement_line_items') }}
