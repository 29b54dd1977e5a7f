{#-
    Parts → whole within a group: the row whose `category_column` is `whole` (expected) against the
    sum of the rows whose category is in `parts` (actual). A group is checked when the whole and at
    least one part are printed and, per `missing_parts`, when a part is not printed:
      'always' — it counts as zero (三公 sentences list only the non-zero categories);
      'table'  — it counts as zero when the whole and the printed parts come from one table (a blank
                 cell), otherwise the group is not checked (prose often states only some parts, and
                 another table may simply not print that part);
      'never'  — the group is not checked.
    A figure printed more than once in a group is taken once (`order_by` picks it).
    `part_alternatives` maps a part to the categories that make it up when the part itself is not
    printed, e.g. {'vehicle': ['vehicle_purchase', 'vehicle_operation']}: 三公 tables often print the
    two vehicle lines without their subtotal.
-#}
{% macro parts_whole_checks(
    relation,
    category_column,
    whole,
    parts,
    group_by,
    amount_column='amount_yuan',
    id_column='fact_id',
    locator_column='source_locator',
    text_column='source_text',
    order_by="case when extraction_method = 'table' then 0 else 1 end, source_locator",
    part_alternatives={},
    missing_parts='table',
    method_column='extraction_method'
) -%}
    {%- set categories = [whole] + parts -%}
    {%- for part, alternatives in part_alternatives.items() -%}
        {%- for alternative in alternatives if alternative not in categories -%}
            {%- do categories.append(alternative) -%}
        {%- endfor -%}
    {%- endfor %}
    with pw_printed as (

        select
            {% for column in group_by %}{{ column }},
            {% endfor -%}
            {{ category_column }} as pw_category,
            {{ amount_column }} as pw_amount_yuan,
            cast({{ id_column }} as varchar) as pw_fact_id,
            {{ locator_column }} as pw_source_locator,
            {{ text_column }} as pw_source_text,
            {{ printed_rounding_yuan(amount_column) }} as pw_rounding_yuan,
            {% if method_column %}{{ method_column }} = 'table'{% else %}true{% endif %} as pw_is_table,
            regexp_extract({{ locator_column }}, '(?:^|\s)t(\d+)', 1) as pw_table
        from {{ relation }}
        where {{ category_column }} in ('{{ categories | join("', '") }}')
            and {{ amount_column }} is not null
        qualify row_number() over (
            partition by {% for column in group_by %}{{ column }}, {% endfor %}{{ category_column }}
            order by {{ order_by }}
        ) = 1

    ),

    pw_rows as (

        select
            *,
            {% if part_alternatives -%}
            case
            {%- for part, alternatives in part_alternatives.items() %}
                when pw_category in ('{{ alternatives | join("', '") }}') then '{{ part }}'
            {%- endfor %}
                else pw_category
            end as pw_slot
            {%- else -%}
            pw_category as pw_slot
            {%- endif %}
        from pw_printed as candidate
        where candidate.pw_category in ('{{ ([whole] + parts) | join("', '") }}')
        {%- for part, alternatives in part_alternatives.items() %}
            or (
                candidate.pw_category in ('{{ alternatives | join("', '") }}')
                and not exists (
                    select 1
                    from pw_printed as printed_part
                    where {{ null_safe_join('printed_part', 'candidate', group_by) | indent(20) }}
                        and printed_part.pw_category = '{{ part }}'
                )
            )
        {%- endfor %}

    ),

    pw_parts as (

        select
            {% for column in group_by %}{{ column }},
            {% endfor -%}
            {{ addend_aggregates('pw_', 'pw_category', 'part_categories', ' + ') | indent(12) }},
            count(distinct pw_slot) as printed_part_count,
            bool_and(pw_is_table) as are_parts_from_tables,
            min(pw_table) as first_part_table,
            max(pw_table) as last_part_table
        from pw_rows
        where pw_category <> '{{ whole }}'
        group by all

    ),

    pw_checks as (

        select
            {% for column in group_by %}whole_row.{{ column }},
            {% endfor -%}
            whole_row.pw_category as whole_category,
            {{ sum_check_sides('whole_row', 'pw_', 'part_rows', ['part_categories']) | indent(12) }}
        from pw_rows as whole_row
        inner join pw_parts as part_rows
            on {{ null_safe_join('whole_row', 'part_rows', group_by) }}
        where whole_row.pw_category = '{{ whole }}'
        {%- if missing_parts == 'table' %}
            and (
                part_rows.printed_part_count = {{ parts | length }}
                or (
                    whole_row.pw_is_table and part_rows.are_parts_from_tables
                    and part_rows.first_part_table = whole_row.pw_table
                    and part_rows.last_part_table = whole_row.pw_table
                )
            )
        {%- elif missing_parts == 'never' %}
            and part_rows.printed_part_count = {{ parts | length }}
        {%- endif %}

    )

    select
        *,
        {{ reconciliation_status('difference_yuan', 'tolerance_yuan') }} as status
    from pw_checks
{%- endmacro %}
