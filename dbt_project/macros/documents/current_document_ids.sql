{#-
    Per-document models: a document's rows depend only on its own rows of per-document inputs, its
    documents row and the seeds, so they are built document by document.

    A model is per-document when its folder (or its own config) sets `meta: {per_document: true}`
    (dbt_project.yml: the staging frames, intermediate/documents, intermediate/facts and
    intermediate/reconciliation). A per-document model that is `incremental` (facts, reconciliation)
    - reads, through `ref` below, only the rows of current documents of every per-document input, and
      on an incremental run only those of the documents new since the previous build
      (int_documents_changed);
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


{#-
    The documents a per-document incremental model builds in this run: every current one on a full
    refresh, the new ones (int_documents_changed) on an incremental run. A model holds every other
    current document already, with the rows it computed when that document was new (none for most
    documents in most check models).
-#}
{% macro documents_to_build() -%}
    {%- if is_incremental() -%}
    document_id in (select document_id from {{ builtins.ref('int_documents_changed') }} where is_new)
    {%- else -%}
    document_id in {{ current_document_ids() }}
    {%- endif -%}
{%- endmacro %}


{#- The post-hook: the rows of the documents current at the previous build and no longer. -#}
{% macro drop_documents_no_longer_current() -%}
    {#- the ref, rendered when dbt parses the hook, is what makes every model using it depend on the list -#}
    {%- set changed = builtins.ref('int_documents_changed') -%}
    {%- if is_incremental() -%}
    delete from {{ this }}
    where document_id in (select document_id from {{ changed }} where is_gone)
    {%- else -%}
    delete from {{ this }} where document_id not in {{ current_document_ids() }}
    {%- endif -%}
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
    {#- at parse time this records the dependencies on the document lists, so they are built first -#}
    {%- set documents = builtins.ref('int_documents_identified') -%}
    {%- set changed = builtins.ref('int_documents_changed') -%}
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


{#-
    The documents audit_document_quality reports: the current ones and the rejected ones (a superseded
    version is history in dim_document). Its pre-hook drops the rows of the others before an increment.
-#}
{% macro is_reported_document() -%}
    (is_current or status <> 'parsed')
{%- endmacro %}


{% macro drop_documents_not_reported() -%}
    {%- if is_incremental() -%}
    delete from {{ this }} where document_id not in (
        select document_id from {{ builtins.ref('int_documents_identified') }} where {{ is_reported_document() }}
    )
    {%- endif -%}
{%- endmacro %}
