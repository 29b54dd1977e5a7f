{{ staged_frame('three_public_expenses') }}
