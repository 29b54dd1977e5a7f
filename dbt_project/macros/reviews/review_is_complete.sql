{#- A review row that can decide a check: it names the check, says confirmed or dismissed, why, who and when. -#}
{% macro review_is_complete() -%}
    (
        check_id is not null
        and decision in ('confirmed', 'dismissed')
        and reason is not null
        and reviewed_by is not null
        and reviewed_at is not null
    )
{%- endmacro %}
