{#-
    A mart's row count and column types, logged by its post-hook as one line of dbt's event stream:
    `relation metadata: {"row_count": N, "columns": [[name, type, nullable], ...]}`.
    The Dagster step (orchestration/defs/dbt/events.py) puts them on the mart's materialization as soon
    as dbt reports the model, while dbt goes on. Reading them from the file after the build instead
    held back every event from the first mart on until dbt had finished, so the event log was written
    after dbt rather than beside it (the writes, not the SQL, were most of an add-one run's dbt step).
    The hook renders no SQL: dbt runs nothing for it. It runs before the post-hooks of the model's own
    folder (dbt appends those), so a per-document incremental mart counts only current documents' rows.
-#}
{% macro log_relation_metadata() -%}
    {%- if execute and model.config.materialized in ('table', 'view', 'incremental') -%}
        {#- a per-document incremental mart's next post-hook drops the documents no longer current -#}
        {%- set current_only = ' where document_id in ' ~ current_document_ids()
            if model.config.materialized == 'incremental' and is_per_document(model.config) else '' -%}
        {%- set count = run_query('select count(*) from ' ~ this ~ current_only).columns[0].values()[0] -%}
        {%- set described = run_query(
            "select column_name, data_type, is_nullable from information_schema.columns"
            ~ " where table_catalog = '" ~ this.database ~ "' and table_schema = '" ~ this.schema ~ "'"
            ~ " and table_name = '" ~ this.identifier ~ "' order by ordinal_position"
        ) -%}
        {%- set columns = [] -%}
        {%- for row in described.rows -%}
            {%- do columns.append([row[0], row[1], row[2] == 'YES']) -%}
        {%- endfor -%}
        {{- log('relation metadata: ' ~ tojson({'row_count': count | int, 'columns': columns}), info=True) -}}
    {%- endif -%}
{%- endmacro %}
