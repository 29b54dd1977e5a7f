{#-
    One figure per comparable line (execution_key) and side. A table figure is preferred over a copy
    in prose. When the preferred figures of a side disagree (two tables, or two documents of the same
    agency, year and kind), the amount is left out (amount_yuan null, value_count > 1) and
    printed_values lists every figure with its place: audit_cross_document reports it.
-#}

with

sides as (

    select * from {{ ref('int_execution_sides') }}
    where {{ agencies_to_build() }}

),

preferred as (

    select *
    from sides
    qualify dense_rank() over (
        partition by execution_key, side
        order by case extraction_method when 'table' then 0 else 1 end
    ) = 1

),

final as (

    select
        execution_key,
        side,
        {{ execution_key_attributes() | indent(8) }},
        arg_min(subject_name, fact_id) filter (where subject_name is not null) as subject_name,
        count(distinct amount_yuan) as value_count,
        count(distinct document_id) as document_count,
        case when count(distinct amount_yuan) = 1 then any_value(amount_yuan) end as amount_yuan,
        arg_min(document_id, source_locator) as document_id,
        arg_min(document_scope, source_locator) as document_scope,
        arg_min(source_locator, source_locator) as source_locator,
        arg_min(source_text, source_locator) as source_text,
        string_agg(
            {{ format_wan('amount_yuan') }} || '万元 (' || document_id || ' ' || source_locator || ')', '; '
            order by document_id, source_locator
        ) as printed_values,
        list(fact_id order by fact_id) as fact_ids
    from preferred
    group by execution_key, side

)

select * from final
