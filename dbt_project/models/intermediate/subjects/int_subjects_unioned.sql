{#-
    The three reference classifications as one table of subject versions: one row per
    (scheme, code, valid_from_year), with levels in English and the confidence parsed from notes.
-#}

with

functional_subjects as (

    select * from {{ ref('functional_subjects') }}

),

department_subjects as (

    select * from {{ ref('economic_subjects_department') }}

),

government_subjects as (

    select * from {{ ref('economic_subjects_government') }}

),

unioned as (

    select 'functional' as scheme, * from functional_subjects
    union all
    select 'department' as scheme, * from department_subjects
    union all
    select 'government' as scheme, * from government_subjects

),

final as (

    select
        scheme,
        code as subject_code,
        name as subject_name,
        case level when '类' then 'class' when '款' then 'section' when '项' then 'item' end as level,
        level as level_label,
        nullif(parent_code, '') as parent_code,
        left(code, 3) as class_code,
        case when length(code) >= 5 then left(code, 5) end as section_code,
        valid_from_year,
        valid_to_year,
        coalesce(regexp_extract(notes, 'confidence=(\w+)', 1), 'low') as confidence,
        notes
    from unioned

)

select * from final
