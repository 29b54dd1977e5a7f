{#-
    Where each printed source of a document sits on its page: one row per document × locator that a PDF
    reader placed (page and box "x0,top,x1,bottom" in points). Reconciliation sides name their source by
    locator only; audit_reconciliation looks their boxes up here. Every staging frame of printed facts
    contributes the same four columns, so the union is written once over the list of frames.
-#}
{%- set placed_frames = [
    'stg_ingested__line_items',
    'stg_ingested__income_line_items',
    'stg_ingested__reported_totals',
    'stg_ingested__procurement_line_items',
    'stg_ingested__three_public_expenses',
    'stg_ingested__projects',
    'stg_ingested__stated_ratios',
    'stg_ingested__document_sections',
    'stg_ingested__sentence_flags',
    'stg_ingested__stated_comparisons',
] %}

with

unioned as (

    {% for frame in placed_frames -%}
    select document_id, source_locator, source_page, source_bbox from {{ ref(frame) }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    -- one locator is one printed line or cell, so every copy carries the same box
    select
        document_id,
        source_locator,
        min(source_page) as source_page,
        min(source_bbox) as source_bbox
    from unioned
    where source_bbox is not null
    group by document_id, source_locator

)

select * from final
