{#-
    The columns every fact table carries for one printed figure: its amount in yuan, the figure and
    unit as printed, and where it stands in the source (locator, text, page, box). One list so that
    the intermediate fact models and their marts cannot drift apart in what they keep of the source.
    relation: prefix the columns with this relation name (for models that join).
-#}
{%- macro printed_figure_columns(relation=none) -%}
{%- set prefix = relation ~ '.' if relation else '' -%}
{%- for column in ['amount_yuan', 'reported_amount', 'reported_unit', 'source_locator', 'source_text',
                   'source_page', 'source_bbox'] -%}
{{ prefix }}{{ column }}{{ ',' if not loop.last }}
{% endfor -%}
{%- endmacro -%}
