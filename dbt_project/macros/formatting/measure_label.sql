{#- The printed name of a stated-total measure (fct_reported_total.measure), e.g. 本年支出合计. -#}
{% macro measure_label(measure) -%}
    {{ vocabulary_label('measure', measure, measure) }}
{%- endmacro %}
