{{ staged_frame('agency_names') }}
