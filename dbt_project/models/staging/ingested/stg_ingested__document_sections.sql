with

source as (

    select * from {{ source('ingested', 'document_sections') }}

),

final as (

    select
        cast(document_id as varchar) as document_id,
        cast(section_kind as varchar) as section_kind,
        cast(section_index as integer) as section_index,
        cast(title as varchar) as title,
        cast(title_words as varchar) as title_words,
        cast(standard_table_key as varchar) as standard_table_key,
        cast(nonzero_figure_count as integer) as nonzero_figure_count,
        {{ source_position_casts() | indent(8) }}
    from source

)

select * from final
