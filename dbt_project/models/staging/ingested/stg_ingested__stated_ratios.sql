with

source as (

    select * from {{ source('ingested', 'stated_ratios') }}

),

final as (

    select
        cast(stated_ratio_id as varchar) as stated_ratio_id,
        cast(document_id as varchar) as document_id,
        cast(ratio_kind as varchar) as ratio_kind,
        cast(printed_percent as varchar) as printed_percent,
        cast(percent as decimal(18, 6)) as percent,
        cast(percent as varchar) as percent_text,
        cast(subject_label as varchar) as subject_label,
        cast(base_label as varchar) as base_label,
        cast(part_yuan as decimal(20, 2)) as part_yuan,
        cast(whole_yuan as decimal(20, 2)) as whole_yuan,
        cast(current_yuan as decimal(20, 2)) as current_yuan,
        cast(prior_yuan as decimal(20, 2)) as prior_yuan,
        cast(change_yuan as decimal(20, 2)) as change_yuan,
        cast(change_direction as varchar) as change_direction,
        cast(rate_direction as varchar) as rate_direction,
        cast(actual_yuan as decimal(20, 2)) as actual_yuan,
        cast(budget_yuan as decimal(20, 2)) as budget_yuan,
        cast(base_status as varchar) as base_status,
        cast(reported_unit as varchar) as reported_unit,
        cast(note as varchar) as note,
        cast(figures_locator as varchar) as figures_locator,
        {{ source_position_casts() | indent(8) }}
    from source

)

select * from final
