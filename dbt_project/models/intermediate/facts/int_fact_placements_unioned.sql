{#-
    Where each printed source of a document sits on its page: one row per document × locator that a PDF
    reader placed (page and box "x0,top,x1,bottom" in points). Reconciliation sides name their source by
    locator only; audit_reconciliation looks their boxes up here.
-#}

with

line_items as (

    select document_id, source_locator, source_page, source_bbox
    from {{ ref('stg_ingested__line_items') }}

),

reported_totals as (

    select document_id, source_locator, source_page, source_bbox
    from {{ ref('stg_ingested__reported_totals') }}

),

three_public_expenses as (

    select document_id, source_locator, source_page, source_bbox
    from {{ ref('stg_ingested__three_public_expenses') }}

),

projects as (

    select document_id, source_locator, source_page, source_bbox
    from {{ ref('stg_ingested__projects') }}

),

stated_ratios as (

    select document_id, source_locator, source_page, source_bbox
    from {{ ref('stg_ingested__stated_ratios') }}

),

unioned as (

    select * from line_items
    union all
    select * from reported_totals
    union all
    select * from three_public_expenses
    union all
    select * from projects
    union all
    select * from stated_ratios

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
