{#- Two normalized subject names match when equal or when one (of at least two characters) contains the other. -#}
{% macro subject_names_match(left_name, right_name) -%}
    (
        {{ left_name }} = {{ right_name }}
        or (length({{ left_name }}) >= 2 and contains({{ right_name }}, {{ left_name }}))
        or (length({{ right_name }}) >= 2 and contains({{ left_name }}, {{ right_name }}))
    )
{%- endmacro %}
