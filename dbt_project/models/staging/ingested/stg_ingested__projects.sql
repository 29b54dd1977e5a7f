{{ staged_frame('projects') }}
