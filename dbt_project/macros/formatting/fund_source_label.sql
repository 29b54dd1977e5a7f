{#- The documents' name of a fund source (一般公共预算, 财政拨款 …). -#}
{% macro fund_source_label(fund_source) -%}
    {{ vocabulary_label('fund_source', fund_source, "coalesce(" ~ fund_source ~ ", '全部资金')") }}
{%- endmacro %}
