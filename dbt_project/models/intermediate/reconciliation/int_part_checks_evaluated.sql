{#-
    Rule family `parts` (PART-BASIC-PROJECT, PART-PERSONNEL-PUBLIC, PART-THREE-PUBLIC, PART-VEHICLE;
    what each rule says is in the reconciliation_rules seed): parts add up to their whole (see macro
    parts_whole_checks), per subject line, for the stated totals and for the 三公 figures. A whole
    with no printed part is not checked; a part that is not printed counts as zero for 三公 (sentences
    list the non-zero categories) and for table figures (a blank cell), while a prose statement that
    gives only some parts (基本支出 but no 项目支出) is not checked. The 三公 vehicle subtotal is replaced
    by purchase + operation when only those are printed.
-#}

with

line_items as (

    select * from {{ ref('int_line_items_resolved') }}

),

reported_totals as (

    select * from {{ ref('int_reported_totals_identified') }}

),

three_public_expenses as (

    select * from {{ ref('int_three_public_expenses_identified') }}

),

line_basic_project as (

    {{ parts_whole_checks('line_items', 'expense_type', 'total', ['basic', 'project'],
        group_by=['document_id', 'functional_subject_code', 'economic_subject_code', 'fund_source', 'amount_kind'],
        id_column='line_item_id') | indent(4) }}

),

line_personnel_public as (

    {{ parts_whole_checks('line_items', 'expense_type', 'basic', ['personnel', 'public'],
        group_by=['document_id', 'functional_subject_code', 'economic_subject_code', 'fund_source', 'amount_kind'],
        id_column='line_item_id') | indent(4) }}

),

stated_basic_project as (

    {{ parts_whole_checks('reported_totals', 'measure', 'expenditure_total',
        ['basic_expenditure', 'project_expenditure', 'reserve_expenditure'],
        group_by=['document_id', 'fund_source', 'amount_kind'],
        id_column='reported_total_id') | indent(4) }}

),

stated_personnel_public as (

    {{ parts_whole_checks('reported_totals', 'measure', 'basic_expenditure',
        ['personnel_expenditure', 'public_expenditure'],
        group_by=['document_id', 'fund_source', 'amount_kind'],
        id_column='reported_total_id') | indent(4) }}

),

three_public_total as (

    {{ parts_whole_checks('three_public_expenses', 'category', 'total',
        ['overseas_travel', 'vehicle', 'official_reception'],
        group_by=['document_id', 'amount_kind'],
        id_column='three_public_expense_id',
        part_alternatives={'vehicle': ['vehicle_purchase', 'vehicle_operation']},
        missing_parts='always') | indent(4) }}

),

three_public_vehicle as (

    {{ parts_whole_checks('three_public_expenses', 'category', 'vehicle',
        ['vehicle_purchase', 'vehicle_operation'],
        group_by=['document_id', 'amount_kind'],
        id_column='three_public_expense_id',
        missing_parts='always') | indent(4) }}

),

line_checks as (

    select
        'PART-BASIC-PROJECT' as rule_id,
        '基本支出 + 项目支出 = 支出合计' as check_name,
        'total' as expense_type,
        *
    from line_basic_project

    union all by name

    select
        'PART-PERSONNEL-PUBLIC' as rule_id,
        '人员经费 + 公用经费 = 基本支出' as check_name,
        'basic' as expense_type,
        *
    from line_personnel_public

),

line_checks_described as (

    select
        {{- sum_check_columns(
            "'Line ' || concat_ws(' × ', functional_subject_code, economic_subject_code) || ' has ' || "
                ~ grouping_label('amount_kind', 'expense_type', 'fund_source') ~ " || ' that'",
            "'its ' || replace(replace(replace(replace(part_categories, 'basic', '基本支出'), 'project', '项目支出'),"
                ~ " 'personnel', '人员经费'), 'public', '公用经费') || ' add up to'",
            {
                'check_key': "concat_ws('|', 'line', coalesce(functional_subject_code, ''), coalesce(economic_subject_code, ''),"
                    ~ " fund_source, amount_kind)",
                'scope': "concat_ws(' × ', functional_subject_code, economic_subject_code)",
            }
        ) }}
    from line_checks

),

stated_checks as (

    select
        'PART-BASIC-PROJECT' as rule_id,
        '基本支出 + 项目支出 = 本年支出合计 (stated)' as check_name,
        'total' as expense_type,
        *
    from stated_basic_project

    union all by name

    select
        'PART-PERSONNEL-PUBLIC' as rule_id,
        '人员经费 + 公用经费 = 基本支出 (stated)' as check_name,
        'basic' as expense_type,
        *
    from stated_personnel_public

),

stated_checks_described as (

    select
        {{- sum_check_columns(
            "'The stated ' || " ~ measure_label('whole_category') ~ " || ' (' || "
                ~ grouping_label('amount_kind', "'total'", 'fund_source') ~ " || ')'",
            "'the stated ' || replace(replace(replace(replace(replace(part_categories, 'basic_expenditure', '基本支出'),"
                ~ " 'project_expenditure', '项目支出'), 'personnel_expenditure', '人员经费'),"
                ~ " 'reserve_expenditure', '单位预留机动经费'),"
                ~ " 'public_expenditure', '公用经费') || ' add up to'",
            {
                'check_key': "concat_ws('|', 'stated', whole_category, fund_source, amount_kind)",
                'scope': "'stated ' || whole_category",
            }
        ) }}
    from stated_checks

),

three_public_checks as (

    select
        'PART-THREE-PUBLIC' as rule_id,
        '因公出国（境）+ 公务用车 + 公务接待 = “三公”合计' as check_name,
        '“三公”经费合计' as whole_label,
        *
    from three_public_total

    union all by name

    select
        'PART-VEHICLE' as rule_id,
        '公务用车购置 + 运行 = 公务用车购置及运行费' as check_name,
        '公务用车购置及运行费' as whole_label,
        *
    from three_public_vehicle

),

three_public_checks_described as (

    select
        {{- sum_check_columns(
            "'The ' || whole_label || ' (' || " ~ amount_kind_label('amount_kind') ~ " || ')'",
            "'its parts (' || replace(replace(replace(replace(replace(part_categories, 'overseas_travel', '因公出国（境）'),"
                ~ " 'vehicle_purchase', '公务用车购置'), 'vehicle_operation', '公务用车运行'),"
                ~ " 'official_reception', '公务接待'), 'vehicle', '公务用车购置及运行') || ') add up to'",
            {
                'check_key': "concat_ws('|', whole_category, amount_kind)",
                'scope': "'three_public ' || whole_category",
                'expense_type': 'cast(null as varchar)',
                'fund_source': 'cast(null as varchar)',
            }
        ) }}
    from three_public_checks

),

final as (

    select * from line_checks_described
    union all by name
    select * from stated_checks_described
    union all by name
    select * from three_public_checks_described

)

select * from final
