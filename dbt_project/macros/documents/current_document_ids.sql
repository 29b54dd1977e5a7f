{#-
    Per-document models: a document's rows depend only on its own rows of per-document inputs, its
    documents row and the seeds, so they are built document by document.

    A model is per-document when its folder (or its own config) sets `meta: {per_document: true}`
    (dbt_project.yml: the staging frames, intermediate/documents, intermediate/facts and
    intermediate/reconciliation). A per-document model that is `incremental` (facts, reconciliation)
    - reads, through `ref` below, only the rows of current documents of every per-document input, and
      on an incremental run only those of the current documents it does not hold yet;
    - replaces a document's rows as a whole (delete+insert by document_id), and its post-hook
      `drop_documents_no_longer_current` deletes the rows of documents deleted or superseded since.
    A new model in those folders inherits all of it from the folder config: it needs no filter of its
    own, only to compute each document's rows from that document's rows (a check across documents
    belongs in marts/across). A change of the seeds, the models or the parser version makes the run a
    --full-refresh (orchestration/build_state.py), which gives the same rows (tests/dbt).
-#}

{% macro current_document_ids() -%}
    {#- builtins.ref: the document list itself is never narrowed by the per-document ref below -#}
    (select document_id from {{ builtins.ref('int_documents_identified') }} where is_current)
{%- endmacro %}


{% macro is_per_document(node_config) -%}
    {{- return((node_config.get('meta') or {}).get('per_document', false)) -}}
{%- endmacro %}


{#- The documents a per-document incremental model builds in this run. -#}
{% macro documents_to_build() -%}
    document_id in {{ current_document_ids() }}
    {%- if is_incremental() %}
    and document_id not in (select distinct document_id from {{ this }})
    {%- endif %}
{%- endmacro %}


{% macro drop_documents_no_longer_current() -%}
    delete from {{ this }} where document_id not in {{ current_document_ids() }}
{%- endmacro %}


{#-
    dbt's ref, narrowed in per-document incremental models: a per-document input is read as
    `(select * from <input> where <documents_to_build>)`. Anywhere else (tables, marts, tests, unit
    tests) it is dbt's own ref.
-#}
{% macro ref() %}
    {%- set relation = builtins.ref(*varargs, **kwargs) -%}
    {%- if model is not mapping or model.get('resource_type') != 'model'
        or config.get('materialized') != 'incremental' or not is_per_document(config) -%}
        {{- return(relation) -}}
    {%- endif -%}
    {#- at parse time this records the dependency on the document list, so it is built first -#}
    {%- set documents = builtins.ref('int_documents_identified') -%}
    {%- if not execute -%}
        {{- return(relation) -}}
    {%- endif -%}
    {%- set input = graph.nodes.get(relation_unique_id(varargs)) -%}
    {%- if input is none or not is_per_document(input.config) -%}
        {{- return(relation) -}}
    {%- endif -%}
    {{- return('(select * from ' ~ relation ~ ' where ' ~ documents_to_build() ~ ')') -}}
{% endmacro %}


{#- The unique_id of the node `ref(...)` names (a model or a seed of this project). -#}
{% macro relation_unique_id(ref_arguments) -%}
    {%- set name = ref_arguments[-1] -%}
    {%- for resource_type in ['model', 'seed', 'snapshot'] -%}
        {%- set unique_id = resource_type ~ '.' ~ project_name ~ '.' ~ name -%}
        {%- if unique_id in graph.nodes -%}
            {{- return(unique_id) -}}
        {%- endif -%}
    {%- endfor -%}
    {{- return(none) -}}
{%- endmacro %}
