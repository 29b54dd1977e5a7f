{{ staged_frame('stated_comparisons') }}
