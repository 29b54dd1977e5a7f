{#-
    Times arrive as ISO-8601 text: one that does not parse is null rather than a failed build. Agency
    names lose their blanks (PDF text often spaces characters out: 北 京 市), and an empty name is null.
-#}
{%- set without_blanks = "nullif(regexp_replace(cast({0} as varchar), '\\s+', '', 'g'), '')" -%}
{{ staged_frame('documents', expressions={
    'ingested_at': 'try_cast(ingested_at as timestamptz)',
    'file_modified_at': 'try_cast(file_modified_at as timestamptz)',
    'agency_name': without_blanks.format('agency_name'),
    'short_name': without_blanks.format('short_name'),
}) }}
