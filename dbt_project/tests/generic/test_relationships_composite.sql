{#-
    Every non-null combination of the `field_map` keys (columns of the model) exists as the
    combination of the `field_map` values (columns of `to`): a relationships test over a composite key.
-#}
{% test relationships_composite(model, to, field_map) %}

    with child as (

        select * from {{ model }}

    ),

    parent as (

        select * from {{ to }}

    )

    select child.*
    from child
    where {% for from_column in field_map %}{% if not loop.first %} and {% endif %}child.{{ from_column }} is not null{% endfor %}
        and not exists (
            select 1
            from parent
            where {% for from_column, to_column in field_map.items() %}{% if not loop.first %} and {% endif %}parent.{{ to_column }} = child.{{ from_column }}{% endfor %}
        )

{% endtest %}
