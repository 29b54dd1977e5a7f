{#-
    The printed percentages of `relation` (stg_ingested__stated_ratios) with what every ratio rule
    reads: the printed precision (percent_decimals, half_unit = half a unit of the last printed
    decimal), the direction words, and how the percentage is recomputed from the figures ingestion
    tied to it — `form` (ratio / from_current / from_prior), the two printed figures x_yuan and
    y_yuan, and numerator_yuan ÷ base_yuan. One row per stated ratio; the ratio rule models
    (int_ratio_*_checks_evaluated) all start here.
-#}
{% macro stated_ratio_operands(relation) -%}
    with directed as (

        select
            *,
            cast(coalesce(length(nullif(split_part(percent_text, '.', 2), '')), 0) as integer) as percent_decimals,
            case
                when change_direction in ('increase', 'decrease') then change_direction
                when rate_direction in ('increase', 'decrease') then rate_direction
            end as known_direction,
            case change_direction when 'increase' then '增加' when 'decrease' then '减少' else '增加（减少）' end
                as change_word,
            case rate_direction when 'increase' then '增长' when 'decrease' then '下降' else '增长（下降）' end
                as rate_word,
            coalesce(subject_label, '(unnamed)') as subject
        from {{ relation }}
        where document_id in {{ current_document_ids() }}  {#- superseded versions are not checked #}

    ),

    {# How the percentage is recomputed: x and y are the two printed figures it depends on. #}
    formed as (

        select
            *,
            case
                when ratio_kind in ('share', 'completion_rate') then 'ratio'
                when change_yuan is not null and prior_yuan is not null then 'ratio'
                when change_yuan is not null and current_yuan is not null
                    and (known_direction is not null or change_yuan = 0) then 'from_current'
                when current_yuan is not null and prior_yuan is not null then 'from_prior'
            end as form,
            case when known_direction = 'decrease' then -1 else 1 end as direction_sign,
            case
                when ratio_kind = 'share' then part_yuan
                when ratio_kind = 'completion_rate' then actual_yuan
                when change_yuan is not null then change_yuan
                else prior_yuan
            end as x_yuan,
            case
                when ratio_kind = 'share' then whole_yuan
                when ratio_kind = 'completion_rate' then budget_yuan
                when change_yuan is not null and prior_yuan is not null then prior_yuan
                else current_yuan
            end as y_yuan
        from directed

    ),

    operands as (

        select
            *,
            case form
                when 'ratio' then x_yuan
                when 'from_current' then x_yuan
                when 'from_prior' then abs(y_yuan - x_yuan)
            end as numerator_yuan,
            case form
                when 'ratio' then y_yuan
                when 'from_current' then y_yuan - direction_sign * x_yuan
                when 'from_prior' then x_yuan
            end as base_yuan,
            cast(0.5 / power(10, percent_decimals) as decimal(18, 10)) as half_unit
        from formed

    ),

    select * from operands
{%- endmacro %}
