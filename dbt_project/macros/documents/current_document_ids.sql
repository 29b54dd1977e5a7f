{#-
    The document_ids of current documents (the newest parsed version of each disclosure, see
    int_documents_identified): facts and audit models keep only these, so a superseded version's
    rows leave the marts while dim_document keeps its history.
-#}
{% macro current_document_ids() -%}
    (select document_id from {{ ref('int_documents_identified') }} where is_current)
{%- endmacro %}
