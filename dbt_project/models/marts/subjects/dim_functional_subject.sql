{#-
    One row per functional subject code of the reference. A renamed code has several reference rows;
    the current name is subject_name and the others are kept in former_names / name_history.
-#}

with

subjects as (

    select * from {{ ref('int_subjects_unioned') }}

),

versions as (

    {{ subject_versions('subjects', ['functional'], ['subject_code']) | indent(4) }}

),

history as (

    select
        subject_code,
        case when bool_or(valid_from_year is null) then null else min(valid_from_year) end as valid_from_year,
        case when bool_or(valid_to_year is null) then null else max(valid_to_year) end as valid_to_year,
        string_agg(subject_name, ' / ' order by coalesce(valid_from_year, 0)) filter (where version_rank > 1)
            as former_names,
        string_agg(
            subject_name || ' (' || coalesce(cast(valid_from_year as varchar), '…') || '–'
                || coalesce(cast(valid_to_year as varchar), '') || ')',
            '; ' order by coalesce(valid_from_year, 0)
        ) as name_history,
        count(*) as name_count
    from versions
    group by subject_code

),

final as (

    select
        versions.subject_code,
        versions.subject_name,
        versions.level,
        versions.level_label,
        versions.parent_code,
        versions.class_code,
        versions.section_code,
        history.valid_from_year,
        history.valid_to_year,
        history.former_names,
        history.name_history,
        history.name_count,
        versions.confidence,
        versions.notes
    from versions
    inner join history
        on versions.subject_code = history.subject_code
    where versions.version_rank = 1

)

select * from final
