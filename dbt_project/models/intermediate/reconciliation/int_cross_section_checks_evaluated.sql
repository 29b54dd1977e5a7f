{#-
    Rule family `cross_section` (XSEC-ECO-THREE-PUBLIC; what it says is in the reconciliation_rules
    seed): an economic line that is a 三公 category against the 三公 figure of the same document and
    amount kind:
      30212 / 50207 ↔ overseas_travel, 30217 / 50206 ↔ official_reception,
      30231 / 50208 ↔ vehicle_operation, 31013 ↔ vehicle_purchase.
    The economic figure is taken by function-free lines, preferring expense type total, then basic,
    public; fund source general public budget, then all. A basic-only figure can legitimately be lower
    than the 三公 figure (project spending): such a pair is not compared; a basic-only figure above the
    三公 figure, or a total-expenditure figure that differs, is a finding.
-#}

with

line_items as (

    select * from {{ ref('int_line_items_resolved') }}

),

three_public_expenses as (

    select * from {{ ref('int_three_public_expenses_identified') }}

),

category_codes (economic_subject_code, category, category_label) as (

    values
        ('30212', 'overseas_travel', '因公出国（境）费'),
        ('50207', 'overseas_travel', '因公出国（境）费'),
        ('30217', 'official_reception', '公务接待费'),
        ('50206', 'official_reception', '公务接待费'),
        ('30231', 'vehicle_operation', '公务用车运行维护费'),
        ('50208', 'vehicle_operation', '公务用车运行维护费'),
        ('31013', 'vehicle_purchase', '公务用车购置费')

),

economic_figures as (

    select
        line_items.*,
        category_codes.category,
        category_codes.category_label
    from line_items
    inner join category_codes
        on line_items.economic_subject_code = category_codes.economic_subject_code
    where line_items.functional_subject_code is null
    qualify row_number() over (
        partition by line_items.document_id, line_items.amount_kind, category_codes.category
        order by
            case line_items.expense_type when 'total' then 0 when 'basic' then 1 when 'public' then 2 else 3 end,
            case line_items.fund_source when 'general_public_budget' then 0 when 'all' then 1 else 2 end,
            case when line_items.extraction_method = 'table' then 0 else 1 end,
            line_items.source_locator
    ) = 1

),

three_public_figures as (

    select *
    from three_public_expenses
    qualify row_number() over (
        partition by document_id, amount_kind, category
        order by case when extraction_method = 'table' then 0 else 1 end, source_locator
    ) = 1

),

{#- each side's printed rounding: the allowance is the coarser one's (macro rounding_tolerance) #}
{%- set tolerance = rounding_tolerance(
    printed_rounding_yuan('economic.amount_yuan', 'economic.reported_amount', 'economic.reported_unit'),
    printed_rounding_yuan('three_public.amount_yuan', 'three_public.reported_amount', 'three_public.reported_unit')
) %}

final as (

    select
        economic.document_id,
        'XSEC-ECO-THREE-PUBLIC' as rule_id,
        concat_ws('|', economic.category, economic.amount_kind) as check_key,
        economic.economic_subject_code || ' = “三公” ' || economic.category_label as check_name,
        economic.economic_subject_code || ' ↔ ' || economic.category as scope,
        economic.amount_kind,
        economic.expense_type,
        economic.fund_source,
        three_public.amount_yuan as expected_yuan,
        economic.amount_yuan as actual_yuan,
        economic.amount_yuan - three_public.amount_yuan as difference_yuan,
        1 as addend_count,
        {{ tolerance }} as tolerance_yuan,
        {{ reconciliation_status('economic.amount_yuan - three_public.amount_yuan', tolerance) }}
            as status,
        {{ comparison_detail(
            "'The “三公” ' || economic.category_label",
            "'economic line ' || economic.economic_subject_code || coalesce(' ' || economic.subject_name, '') || ' ('"
                ~ " || " ~ grouping_label('economic.amount_kind', 'economic.expense_type', 'economic.fund_source')
                ~ " || ') is'",
            'three_public.amount_yuan', 'economic.amount_yuan', tolerance,
            'three_public.source_locator', 'economic.source_locator'
        ) }}
            || case
                when economic.expense_type <> 'total' and economic.amount_yuan < three_public.amount_yuan
                    then ' The economic line covers ' || {{ grouping_label('economic.amount_kind', 'economic.expense_type', 'economic.fund_source') }}
                        || ' only; project spending may explain the difference.'
                else ''
            end as detail,
        three_public.source_locator as expected_source_locator,
        three_public.source_text as expected_source_text,
        economic.source_locator as actual_source_locator,
        economic.source_text as actual_source_text,
        [three_public.three_public_expense_id, economic.line_item_id] as fact_ids
    from economic_figures as economic
    inner join three_public_figures as three_public
        on {{ columns_equal('economic', 'three_public', ['document_id', 'amount_kind', 'category']) | indent(8) }}
    -- A basic-only economic line below the 三公 figure is not comparable (project spending covers the rest).
    where not (
        economic.expense_type <> 'total'
        and economic.amount_yuan < three_public.amount_yuan - {{ tolerance }}
    )

)

select * from final
