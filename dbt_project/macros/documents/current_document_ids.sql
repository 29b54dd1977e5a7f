{#-
    The document_ids of current documents (the newest parsed version of each disclosure, see
    int_documents_identified): facts and audit models keep only these, so a superseded version's
    rows leave the marts while dim_document keeps its history.
-#}
{% macro current_document_ids() -%}
    (select document_id from {{ ref('int_documents_identified') }} where is_current)
{%- endmacro %}


{#-
    Per-document incremental models (facts keyed by document): a document's rows depend only on its
    own staging rows, its documents row and the seeds, so a run builds only the current documents the
    table does not hold yet, and `drop_documents_no_longer_current` (post-hook) deletes the rows of
    documents deleted or superseded since. A change of the seeds, the models or the parser version
    makes the run a --full-refresh (orchestration/build_state.py), which gives the same rows.
-#}
{% macro documents_to_build() -%}
    document_id in {{ current_document_ids() }}
    {%- if is_incremental() %}
    and document_id not in (select distinct document_id from {{ this }})
    {%- endif %}
{%- endmacro %}


{% macro drop_documents_no_longer_current() -%}
    delete from {{ this }} where document_id not in {{ current_document_ids() }}
{%- endmacro %}
