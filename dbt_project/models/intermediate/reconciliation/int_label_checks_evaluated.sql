{#-
    Rule families `label` and `reference` (LBL-SUBJECT-NAME, REF-SUBJECT-CODE, LBL-SUBJECT-CONTEXT;
    what each rule says is in the reconciliation_rules seed), one check per document and distinct
    printed subject. The name check uses int_line_items_resolved's comparison and is not run when the
    code is unknown or only low-confidence reference rows exist; a name the income table (收入预算总表 /
    收入决算表) prints for a code is checked the same way when no expenditure line of the document
    prints that name for the code (the same name printed in both tables is one check); the context check runs only when the
    tables have the prose's grouping at all, and its prose amount is actual_yuan. These checks compare
    no two amounts: expected_yuan and difference_yuan are null.
-#}

{%- set table_grouping = ['document_id', 'amount_kind', 'expense_type', 'fund_source', 'classification'] %}

with

line_items as (

    select * from {{ ref('int_line_items_resolved') }}

),

subjects as (

    select * from {{ ref('int_subjects_unioned') }}

),

income_line_items as (

    select * from {{ ref('int_income_line_items_identified') }}

),

income_names as (

    select
        income_line_item_id as line_item_id,
        document_id,
        fiscal_year,
        amount_kind,
        functional_subject_code,
        subject_name,
        {{ normalize_subject_name('subject_name') }} as normalized_subject_name,
        source_locator,
        source_text
    from income_line_items
    where functional_subject_code is not null
        and {{ normalize_subject_name('subject_name') }} <> ''
        and not exists (
            select 1
            from line_items
            where line_items.document_id = income_line_items.document_id
                and line_items.functional_subject_code = income_line_items.functional_subject_code
                and line_items.economic_subject_code is null
                and {{ normalize_subject_name('line_items.subject_name') }}
                    = {{ normalize_subject_name('income_line_items.subject_name') }}
        )
    qualify row_number() over (
        partition by document_id, functional_subject_code, {{ normalize_subject_name('subject_name') }}
        order by source_locator, income_line_item_id
    ) = 1

),

income_reference as (

    {{ subject_reference_lookup('income_names', "'functional'", 'functional_subject_code') | indent(4) }}

),

income_labels as (

    select
        income_names.line_item_id,
        income_names.document_id,
        'income' as source_table,
        income_names.functional_subject_code,
        cast(null as varchar) as economic_subject_code,
        income_names.subject_name,
        income_names.amount_kind,
        cast(null as varchar) as expense_type,
        cast(null as varchar) as fund_source,
        income_names.source_locator,
        income_names.source_text,
        income_reference.reference_names as label_reference_names,
        not income_reference.is_name_match as is_label_mismatch,
        1 as line_count
    from income_names
    inner join income_reference
        on income_names.line_item_id = income_reference.line_item_id
    where income_reference.is_reliable

),

labels as (

    select
        *,
        count(*) over (
            partition by document_id, functional_subject_code, economic_subject_code, {{ normalize_subject_name('subject_name') }}
        ) as line_count
    from line_items
    where is_label_mismatch is not null
    qualify row_number() over (
        partition by document_id, functional_subject_code, economic_subject_code, {{ normalize_subject_name('subject_name') }}
        order by case when extraction_method = 'table' then 0 else 1 end, source_locator, line_item_id
    ) = 1

),

all_labels as (

    select
        line_item_id, document_id, 'expenditure' as source_table, functional_subject_code, economic_subject_code,
        subject_name, amount_kind, expense_type, fund_source, source_locator, source_text,
        label_reference_names, is_label_mismatch, line_count
    from labels
    union all by name
    select * from income_labels

),

label_checks as (

    select
        document_id,
        'LBL-SUBJECT-NAME' as rule_id,
        concat_ws('|', case when source_table = 'income' then 'income' end,
            coalesce(functional_subject_code, ''), coalesce(economic_subject_code, ''), subject_name)
            as check_key,
        '科目名称 ' || concat_ws(' × ', functional_subject_code, economic_subject_code) as check_name,
        concat_ws(' × ', functional_subject_code, economic_subject_code) as scope,
        amount_kind,
        expense_type,
        fund_source,
        case when is_label_mismatch then 'fail' else 'pass' end as status,
        'Line ' || concat_ws(' × ', functional_subject_code, economic_subject_code)
            || case when source_table = 'income' then ' of the income table' else '' end || ' is printed as “'
            || subject_name || '” (' || source_locator
            || case when line_count > 1 then ' and ' || (line_count - 1) || ' more' else '' end || ')'
            || case
                when is_label_mismatch
                    then ', which is not a name of its code in the national classification (' || label_reference_names
                        || '): check the code and the name.'
                else ', a name of its code in the national classification (' || label_reference_names || ').'
            end as detail,
        'national classification' as expected_source_locator,
        label_reference_names as expected_source_text,
        source_locator as actual_source_locator,
        source_text as actual_source_text,
        [line_item_id] as fact_ids
    from all_labels

),

printed_codes as (

    select
        document_id,
        'functional' as classification,
        functional_subject_code as subject_code,
        is_functional_code_in_reference as is_in_reference,
        subject_name,
        line_item_id,
        source_locator,
        source_text,
        extraction_method
    from line_items
    where functional_subject_code is not null

    union all

    select
        document_id,
        economic_subject_scheme as classification,
        economic_subject_code as subject_code,
        is_economic_code_in_reference as is_in_reference,
        subject_name,
        line_item_id,
        source_locator,
        source_text,
        extraction_method
    from line_items
    where economic_subject_code is not null

),

distinct_codes as (

    select
        *,
        count(*) over (partition by document_id, classification, subject_code) as line_count,
        list(line_item_id) over (partition by document_id, classification, subject_code) as line_item_ids
    from printed_codes
    qualify row_number() over (
        partition by document_id, classification, subject_code
        order by case when extraction_method = 'table' then 0 else 1 end, source_locator, line_item_id
    ) = 1

),

with_parents as (

    select
        distinct_codes.*,
        parent.subject_code as parent_code,
        parent.subject_name as parent_name
    from distinct_codes
    left join subjects as parent
        on parent.scheme = coalesce(distinct_codes.classification, 'department')
        and parent.subject_code = left(distinct_codes.subject_code, length(distinct_codes.subject_code) - 2)
    qualify row_number() over (
        partition by distinct_codes.document_id, distinct_codes.classification, distinct_codes.subject_code
        order by coalesce(parent.valid_to_year, 9999) desc
    ) = 1

),

{#
    Where the reference stops: the nearest ancestor of an unknown code that the reference holds, and
    whether the reference lists any code one level below it that it is sure of. The bundled reference
    holds some classes only at 类 level (204 公共安全支出 without its 款), and under some 款 only a
    reconstructed 项 marked confidence=low (20899's 2089901, where the editions may use 2089999), so a
    code under them cannot be judged: it is `unverified`, not a finding. Economic codes deeper than 款
    are never national (local extensions).
#}
with_reference_depth as (

    select
        with_parents.*,
        ancestor.subject_code as known_ancestor_code,
        ancestor.subject_name as known_ancestor_name,
        not is_in_reference
            and ancestor.subject_code is not null
            and (classification = 'functional' or length(with_parents.subject_code) <= 5)
            and not exists (
                select 1
                from subjects as below
                where below.scheme = ancestor.scheme
                    and length(below.subject_code) = length(ancestor.subject_code) + 2
                    and starts_with(below.subject_code, ancestor.subject_code)
                    and below.confidence is distinct from 'low'
            ) as is_beyond_reference
    from with_parents
    left join subjects as ancestor
        on ancestor.scheme = coalesce(with_parents.classification, 'department')
        and length(ancestor.subject_code) < length(with_parents.subject_code)
        and starts_with(with_parents.subject_code, ancestor.subject_code)
    qualify row_number() over (
        partition by with_parents.document_id, with_parents.classification, with_parents.subject_code
        order by length(ancestor.subject_code) desc nulls last, coalesce(ancestor.valid_to_year, 9999) desc
    ) = 1

),

reference_checks as (

    select
        document_id,
        'REF-SUBJECT-CODE' as rule_id,
        concat_ws('|', coalesce(classification, 'economic'), subject_code) as check_key,
        '科目编码 ' || subject_code as check_name,
        subject_code as scope,
        cast(null as varchar) as amount_kind,
        cast(null as varchar) as expense_type,
        cast(null as varchar) as fund_source,
        case when is_in_reference then 'pass' when is_beyond_reference then 'unverified' else 'fail' end as status,
        'Code ' || subject_code || coalesce(' (' || subject_name || ')', '') || ', printed at ' || source_locator
            || case when line_count > 1 then ' and on ' || (line_count - 1) || ' more lines' else '' end
            || case
                when is_in_reference then ', is in the national classification.'
                when is_beyond_reference then ' cannot be checked: the bundled reference lists '
                    || known_ancestor_code || ' ' || known_ancestor_name || ' but nothing below it that it is sure of (its '
                    || case length(known_ancestor_code) when 3 then '款' else '项' end
                    || ' are missing from the list or unconfirmed, not missing from the national classification). Drop the official '
                    || 'list of the year into warehouse/reference/ to check it.'
                else ', is not in the national '
                    || case classification
                        when 'functional' then '支出功能分类'
                        when 'department' then '部门预算支出经济分类'
                        when 'government' then '政府预算支出经济分类'
                        else '支出经济分类'
                    end
                    || coalesce('; it looks like a local extension of ' || parent_code || ' ' || parent_name, '')
                    || ': kept as printed.'
            end as detail,
        'national classification' as expected_source_locator,
        cast(null as varchar) as expected_source_text,
        source_locator as actual_source_locator,
        source_text as actual_source_text,
        line_item_ids as fact_ids
    from with_reference_depth

),

prose_subjects as (

    select
        *,
        'functional' as classification,
        functional_subject_code as subject_code
    from line_items
    where extraction_method = 'narrative'
        and functional_subject_code is not null
        and economic_subject_code is null

    union all

    select
        *,
        'economic' as classification,
        economic_subject_code as subject_code
    from line_items
    where extraction_method = 'narrative'
        and economic_subject_code is not null
        and functional_subject_code is null

),

table_subjects as (

    select
        document_id,
        amount_kind,
        expense_type,
        fund_source,
        case when economic_subject_code is null then 'functional' else 'economic' end as classification,
        coalesce(functional_subject_code, economic_subject_code) as subject_code,
        min(source_locator) as source_locator
    from line_items
    where extraction_method = 'table'
        and (functional_subject_code is null) <> (economic_subject_code is null)
    group by all

),

context as (

    select
        prose.*,
        exists (
            select 1
            from table_subjects
            where {{ columns_equal('table_subjects', 'prose', table_grouping) | indent(12) }}
                and table_subjects.subject_code = prose.subject_code
        ) as is_in_tables,
        (
            select string_agg(table_subjects.subject_code, ', ' order by table_subjects.subject_code)
            from table_subjects
            where {{ columns_equal('table_subjects', 'prose', table_grouping) | indent(12) }}
                and left(table_subjects.subject_code, 3) = left(prose.subject_code, 3)
        ) as table_codes_of_class,
        (
            select min(table_subjects.source_locator)
            from table_subjects
            where {{ columns_equal('table_subjects', 'prose', table_grouping) | indent(12) }}
        ) as table_locator
    from prose_subjects as prose

),

context_checks as (

    select
        document_id,
        'LBL-SUBJECT-CONTEXT' as rule_id,
        concat_ws('|', classification, subject_code, amount_kind, expense_type, fund_source, source_locator)
            as check_key,
        '文字说明科目 ' || subject_code || ' 见于表格' as check_name,
        subject_code as scope,
        amount_kind,
        expense_type,
        fund_source,
        amount_yuan as actual_yuan,
        case when is_in_tables then 'pass' else 'fail' end as status,
        'The prose gives ' || {{ format_wan('amount_yuan') }} || '万元 for ' || subject_code
            || coalesce(' “' || subject_name || '”', '') || ' (' || source_locator || ')'
            || case
                when is_in_tables
                    then ', a subject the tables list for ' || {{ grouping_label('amount_kind', 'expense_type', 'fund_source') }} || '.'
                else ', but the tables of ' || {{ grouping_label('amount_kind', 'expense_type', 'fund_source') }}
                    || ' (from ' || table_locator || ') list no ' || subject_code
                    || coalesce(' (their 类 ' || left(subject_code, 3) || ' lines are ' || table_codes_of_class || ')',
                        ' and no line of 类 ' || left(subject_code, 3))
                    || ': check which subject the prose means.'
            end as detail,
        table_locator as expected_source_locator,
        table_codes_of_class as expected_source_text,
        source_locator as actual_source_locator,
        source_text as actual_source_text,
        [line_item_id] as fact_ids
    from context
    where table_locator is not null

),

unioned as (

    select * from label_checks
    union all by name
    select * from reference_checks
    union all by name
    select * from context_checks

),

final as (

    select
        {{- audit_row_columns({
            'expected_yuan': 'cast(null as decimal(20, 2))',
            'actual_yuan': 'cast(actual_yuan as decimal(20, 2))',
            'difference_yuan': 'cast(null as decimal(20, 2))',
            'addend_count': 'cast(null as bigint)',
            'tolerance_yuan': 'cast(null as decimal(20, 2))',
        }) }}
    from unioned

)

select * from final
