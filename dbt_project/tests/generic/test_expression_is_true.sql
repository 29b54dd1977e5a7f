{#- Rows where the boolean SQL `expression` is false (null counts as true, like dbt_utils). -#}
{% test expression_is_true(model, expression) %}

    select *
    from {{ model }}
    where not ({{ expression }})

{% endtest %}
