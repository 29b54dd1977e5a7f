{#-
    Every reconciliation check of every rule family, one row per document × rule × check_key, with
    its stable check_id. To add a rule: add its row to the reconciliation_rules seed, compute it in
    the model of its family (or a new int_<family>_checks_evaluated with the same columns) and list
    the model below. A failed amount check whose sides differ by a factor of 10,000 is reported as a
    unit_anomaly (a 元/万元 slip) rather than the rule's own finding kind.
-#}

{%- set rule_models = [
    'int_hierarchy_checks_evaluated',
    'int_total_checks_evaluated',
    'int_part_checks_evaluated',
    'int_balance_checks_evaluated',
    'int_income_checks_evaluated',
    'int_repeat_checks_evaluated',
    'int_cross_section_checks_evaluated',
    'int_label_checks_evaluated',
    'int_ratio_value_checks_evaluated',
    'int_ratio_zero_base_checks_evaluated',
    'int_ratio_direction_checks_evaluated',
    'int_ratio_repeat_checks_evaluated',
    'int_structure_checks_evaluated',
    'int_wording_checks_evaluated',
    'int_unit_checks_evaluated',
    'int_prose_economic_checks_evaluated',
    'int_cross_table_checks_evaluated',
    'int_procurement_checks_evaluated',
    'int_budget_comparison_checks_evaluated',
    'int_income_expenditure_checks_evaluated',
    'int_prose_subject_name_checks_evaluated',
] %}

with

{% for rule_model in rule_models -%}
{{ rule_model }} as (

    select * from {{ ref(rule_model) }}

),

{% endfor -%}

rules as (

    select * from {{ ref('reconciliation_rules') }}

),

unioned as (

    {% for rule_model in rule_models -%}
    select * from {{ rule_model }}
    {% if not loop.last %}union all by name
    {% endif %}
    {%- endfor %}

),

classified as (

    select
        unioned.*,
        unioned.status = 'fail'
            and unioned.expected_yuan <> 0
            and unioned.actual_yuan <> 0
            and (
                abs(unioned.actual_yuan - unioned.expected_yuan * 10000) <= unioned.tolerance_yuan * 10000
                or abs(unioned.expected_yuan - unioned.actual_yuan * 10000) <= unioned.tolerance_yuan * 10000
            ) as is_unit_anomaly,
        rules.finding_kind as rule_finding_kind
    from unioned
    left join rules
        on unioned.rule_id = rules.rule_id

),

final as (

    select
        {{ short_hash(['document_id', 'rule_id', 'check_key']) }} as check_id,
        document_id,
        rule_id,
        check_key,
        check_name,
        scope,
        amount_kind,
        expense_type,
        fund_source,
        expected_yuan,
        actual_yuan,
        difference_yuan,
        addend_count,
        tolerance_yuan,
        expected_percent,
        actual_percent,
        difference_percent,
        tolerance_percent,
        status,
        case
            when status <> 'fail' then null
            when is_unit_anomaly then 'unit_anomaly'
            else rule_finding_kind
        end as finding_kind,
        detail || case
            when is_unit_anomaly and rule_finding_kind <> 'unit_anomaly' then ' One side is 10,000 times the other: a 元/万元 unit slip is likely.'
            else ''
        end as detail,
        expected_source_locator,
        expected_source_text,
        actual_source_locator,
        actual_source_text,
        fact_ids
    from classified

)

select * from final
