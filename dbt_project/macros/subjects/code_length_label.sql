{#- 类 / 款 / 项 for a code length of 3 / 5 / 7 digits ('科目' otherwise). -#}
{% macro code_length_label(length_expression) -%}
    case {{ length_expression }} when 3 then '类' when 5 then '款' when 7 then '项' else '科目' end
{%- endmacro %}
