{#-
    The tables (document_id, table_number) in which extraction left a printed amount unread
    (amount_not_read, column_not_extracted): a sum or comparison over such a table cannot fail, since
    the difference may be the unread amount. `extraction_issues` is a relation or CTE of
    stg_ingested__extraction_issues rows.
-#}
{% macro tables_with_unread_amounts(extraction_issues) -%}
    select distinct
        document_id,
        regexp_extract(source_locator, '\bt(\d+)\b', 1) as table_number
    from {{ extraction_issues }}
    where issue_kind in ('amount_not_read', 'column_not_extracted')
        and regexp_matches(source_locator, '\bt\d+\b')
{%- endmacro %}
