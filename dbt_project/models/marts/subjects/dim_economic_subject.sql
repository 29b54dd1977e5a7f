{#-
    One row per economic subject code and scheme: department (部门预算支出经济分类, 301…) and
    government (政府预算支出经济分类, 501…). Renamed codes keep their other names in former_names.
-#}

with

subjects as (

    select * from {{ ref('int_subjects_unioned') }}

),

versions as (

    {{ subject_versions('subjects', ['department', 'government'], ['scheme', 'subject_code']) | indent(4) }}

),

history as (

    select
        scheme,
        subject_code,
        case when bool_or(valid_from_year is null) then null else min(valid_from_year) end as valid_from_year,
        case when bool_or(valid_to_year is null) then null else max(valid_to_year) end as valid_to_year,
        string_agg(subject_name, ' / ' order by coalesce(valid_from_year, 0)) filter (where version_rank > 1)
            as former_names,
        count(*) as name_count
    from versions
    group by scheme, subject_code

),

final as (

    select
        versions.subject_code,
        versions.scheme,
        versions.subject_name,
        versions.level,
        versions.level_label,
        versions.parent_code,
        versions.class_code,
        history.valid_from_year,
        history.valid_to_year,
        history.former_names,
        history.name_count,
        versions.confidence,
        versions.notes
    from versions
    inner join history
        on versions.scheme = history.scheme
        and versions.subject_code = history.subject_code
    where versions.version_rank = 1

)

select * from final
