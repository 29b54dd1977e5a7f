{#-
    The columns an execution_key determines (agency, year, subject or measure, expense type, fund
    source), taken once per group of figures that share the key. Every figure of a key carries the
    same values, so any_value is exact; the list lives here so that the per-side figures and the
    budget-execution mart describe a line alike.
-#}
{% macro execution_key_attributes() -%}
any_value(agency_id) as agency_id,
any_value(fiscal_year) as fiscal_year,
any_value(subject_kind) as subject_kind,
any_value(functional_subject_code) as functional_subject_code,
any_value(economic_subject_code) as economic_subject_code,
any_value(measure) as measure,
any_value(expense_type) as expense_type,
any_value(fund_source) as fund_source
{%- endmacro %}
