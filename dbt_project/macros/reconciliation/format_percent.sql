{#- Render a percentage (a number of percent points, e.g. 40.0076) with 4 decimals for detail sentences. -#}
{% macro format_percent(expression, decimals=4) -%}
    printf('%.{{ decimals }}f', cast({{ expression }} as double))
{%- endmacro %}
