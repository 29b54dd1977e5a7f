{#- agency_id: the stable short hash of the agency's full official name (whitespace removed upstream). -#}
{% macro agency_id(agency_name) -%}
    case when {{ agency_name }} is not null then {{ short_hash([agency_name]) }} end
{%- endmacro %}
