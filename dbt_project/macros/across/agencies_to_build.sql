{#-
    Per-agency models: the comparisons across documents (a budget against the final account of the same
    agency and year, what an agency published year by year) depend only on the documents of one agency,
    so an add-one run rebuilds the rows of the agencies whose documents changed and keeps the others.

    int_agencies_changed says which agencies those are (their set of documents differs from the one the
    previous build recorded). A per-agency model (dbt_project.yml: `incremental`, strategy `append`,
    pre-hook `drop_agencies_to_rebuild`)
    - deletes, before it runs, every row of those agencies (an agency whose last document left has no
      rows to insert, so delete+insert by key would keep its old rows);
    - reads its inputs narrowed with `where {{ agencies_to_build() }}`, so it computes only their rows.
    A full refresh (any change of the seeds, the models or the parser: orchestration/build_state.py)
    rebuilds all agencies, and gives the same rows (tests/dbt/test_document_versions.py).
-#}

{% macro agencies_to_build(agency_column='agency_id') -%}
    {#- always a ref, so that dbt builds int_agencies_changed first, also before a full refresh -#}
    {%- set changed = ref('int_agencies_changed') -%}
    {%- if is_incremental() -%}
        {{ agency_column }} in (select agency_id from {{ changed }} where is_changed)
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}


{#-
    The pre-hook: the rows of every changed agency. agency_columns: the columns naming an agency (a row
    about two agencies belongs to both); also_where: rows the model computes again on every run.
-#}
{% macro drop_agencies_to_rebuild(agency_columns=['agency_id'], also_where=none) -%}
    {%- if is_incremental() -%}
        delete from {{ this }} where
        {%- for column in agency_columns %} {{ agencies_to_build(column) }} {{ 'or' if not loop.last }}{% endfor %}
        {%- if also_where %} or {{ also_where }}{% endif %}
    {%- endif -%}
{%- endmacro %}
