{#-
    The three reference classifications as one table of subject versions: one row per
    (scheme, code, valid_from_year), with levels in English and the confidence parsed from notes.
    A user's official lists in BUDGET_REFERENCE_DIR (warehouse/reference/, see its README.md) replace
    the bundled rows of every code they list; without the variable the bundled seeds alone are used.
-#}

{%- set reference_dir = env_var('BUDGET_REFERENCE_DIR', '') %}
{%- set schemes = {
    'functional': 'functional_subjects',
    'department': 'economic_subjects_department',
    'government': 'economic_subjects_government',
} %}

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

bundled as (

    select 'functional' as scheme, * from functional_subjects
    union all
    select 'department' as scheme, * from department_subjects
    union all
    select 'government' as scheme, * from government_subjects

),

{% if reference_dir -%}
{#- header-only *.template.csv files keep every pattern matching a file #}
official as (

    {% for scheme, seed in schemes.items() -%}
    select
        '{{ scheme }}' as scheme,
        cast(code as varchar) as code,
        cast(name as varchar) as name,
        cast(level as varchar) as level,
        cast(parent_code as varchar) as parent_code,
        cast(nullif(cast(valid_from_year as varchar), '') as integer) as valid_from_year,
        cast(nullif(cast(valid_to_year as varchar), '') as integer) as valid_to_year,
        cast(notes as varchar) as notes
    from read_csv('{{ reference_dir }}/{{ seed }}*.csv', header = true, all_varchar = true, union_by_name = true)
    where nullif(trim(code), '') is not null
    {% if not loop.last %}union all
    {% endif %}
    {%- endfor %}

),

unioned as (

    select * from official
    union all by name
    select *
    from bundled
    where not exists (
        select 1 from official where official.scheme = bundled.scheme and official.code = bundled.code
    )

),
{%- else -%}
unioned as (

    select * from bundled

),
{%- endif %}

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
