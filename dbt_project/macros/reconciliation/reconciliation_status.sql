{#- pass when both sides are equal, rounding when the difference is within the tolerance, else fail. -#}
{% macro reconciliation_status(difference, tolerance) -%}
    case
        when {{ difference }} = 0 then 'pass'
        when abs({{ difference }}) <= {{ tolerance }} then 'rounding'
        else 'fail'
    end
{%- endmacro %}
