{#-
    Per line item, what the classification reference says about its code in one scheme: the name valid
    in the document's year (else the latest), all names the code ever had, whether any reference row is
    reliable, and whether the printed name matches one of them. Functional and economic codes are looked
    up the same way; only the scheme and the code column differ, so the lookup lives here once.
    lines: a relation with line_item_id, fiscal_year and normalized_subject_name;
    scheme_expression: SQL for the reference scheme to match; code_column: the line's code column.
-#}
{% macro subject_reference_lookup(lines, scheme_expression, code_column) -%}
select
    {{ lines }}.line_item_id,
    first(
        subjects.subject_name
        order by
            ({{ lines }}.fiscal_year between coalesce(subjects.valid_from_year, 0)
                and coalesce(subjects.valid_to_year, 9999)) desc,
            coalesce(subjects.valid_to_year, 9999) desc
    ) as reference_name,
    string_agg(distinct subjects.subject_name, ' / ' order by subjects.subject_name) as reference_names,
    bool_or(subjects.confidence in ('high', 'medium')) as is_reliable,
    bool_or({{ subject_names_match(lines ~ '.normalized_subject_name', normalize_subject_name('subjects.subject_name')) }})
        as is_name_match
from {{ lines }}
inner join subjects
    on subjects.scheme = {{ scheme_expression }}
    and subjects.subject_code = {{ lines }}.{{ code_column }}
group by {{ lines }}.line_item_id
{%- endmacro %}
