{#-
    The reference rows of some schemes, each ranked among the rows of its code: version_rank 1 is the
    current name (latest valid_to_year, then latest valid_from_year; open ends count as latest). The
    subject dimensions keep rank 1 and fold the rest into former names, in the same order everywhere.
    subjects: the relation of reference rows; schemes: list of scheme values; partition_by: the
    columns that identify one code (scheme and code where codes of several schemes share a table).
-#}
{% macro subject_versions(subjects, schemes, partition_by) -%}
select
    *,
    row_number() over (
        partition by {{ partition_by | join(', ') }}
        order by coalesce(valid_to_year, 9999) desc, coalesce(valid_from_year, 0) desc
    ) as version_rank
from {{ subjects }}
where scheme in ('{{ schemes | join("', '") }}')
{%- endmacro %}
