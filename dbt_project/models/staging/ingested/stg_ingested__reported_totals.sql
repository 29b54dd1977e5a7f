{{ staged_frame('reported_totals') }}
