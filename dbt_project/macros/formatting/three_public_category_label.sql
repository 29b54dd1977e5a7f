{#- The documents' name of a 三公 category. -#}
{% macro three_public_category_label(category) -%}
    {{ vocabulary_label('three_public_category', category, category) }}
{%- endmacro %}
