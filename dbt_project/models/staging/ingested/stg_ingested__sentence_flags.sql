with

source as (

    select * from {{ source('ingested', 'sentence_flags') }}

),

final as (

    select
        cast(document_id as varchar) as document_id,
        cast(flag_index as integer) as flag_index,
        cast(sentence_index as integer) as sentence_index,
        cast(flag as varchar) as flag,
        cast(matched_text as varchar) as matched_text,
        cast(value as varchar) as value,
        cast(is_heading as boolean) as is_heading,
        {{ source_position_casts() | indent(8) }}
    from source

)

select * from final
