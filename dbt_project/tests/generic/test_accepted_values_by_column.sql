{#-
    dbt's `accepted_values` for several columns of a model at once (`values_by_column`: column → its
    accepted values, compared as quoted strings like the built-in's default): one row per column and
    value outside its list, `column_name`, the value (`value_field`, as text) and its row count
    (`n_records`), as the built-in returns them. A null is accepted, exactly as the built-in does
    (`null not in (…)` is not true). One test node per model instead of one per column: dbt spends ~50 ms
    of its own Python per node whatever the data, and the model is scanned once.
-#}
{% test accepted_values_by_column(model, values_by_column) %}

    {%- set outside = {} %}
    {%- for column, values in values_by_column.items() %}
        {%- do outside.update({column: column ~ " not in ('" ~ values | join("', '") ~ "')"}) %}
    {%- endfor %}

    with failing as materialized (

        select {{ values_by_column | join(', ') }}
        from {{ model }}
        where {{ outside.values() | join(' or ') }}

    )

    {% for column in values_by_column %}
    {%- if not loop.first %}
    union all
    {% endif %}
    select
        '{{ column }}' as column_name,
        cast({{ column }} as varchar) as value_field,
        count(*) as n_records
    from failing
    where {{ outside[column] }}
    group by {{ column }}
    {%- endfor %}

{% endtest %}
