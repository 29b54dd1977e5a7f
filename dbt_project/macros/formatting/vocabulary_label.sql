{#- The documents' name of a vocabulary key (seed vocabulary_labels, generated from ingestion.vocabulary
    by `python -m tools.vocabulary_labels`), or `fallback` when the key has none. -#}
{% macro vocabulary_label(vocabulary_name, key_expression, fallback) -%}
    coalesce(
        (
            select vocabulary_labels.label_zh
            from {{ ref('vocabulary_labels') }} as vocabulary_labels
            where vocabulary_labels.vocabulary_name = '{{ vocabulary_name }}'
                and vocabulary_labels.vocabulary_key = {{ key_expression }}
        ),
        {{ fallback }}
    )
{%- endmacro %}
