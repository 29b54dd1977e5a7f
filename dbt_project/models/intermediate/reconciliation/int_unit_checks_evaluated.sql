{#-
    Rule family `unit` (UNIT-SIBLINGS; what it says is in the reconciliation_rules seed): an amount
    printed in another unit than every sibling listed with it. Extraction already decided each case and
    left an issue row: `unit_anomaly` when the stated sums settle the unit (厦门 prints 行政运行1183.39元
    among seven 万元 items, and only 1183.39万元 makes the eight add up to the stated 1841.55万元), so the
    amount is stored converted and the slip is certain: `fail`; `unit_suspect` when no sum settles it,
    so the amount is kept as printed and the check is `unverified`. expected_yuan is the amount in the
    siblings' unit (as stored for an anomaly), actual_yuan the amount in the printed unit.
-#}

{%- set unit_factor = "case {} when '亿元' then 100000000 when '万元' then 10000 else 1 end" %}

with

issues as (

    select * from {{ ref('stg_ingested__extraction_issues') }}
    where issue_kind in ('unit_anomaly', 'unit_suspect')
        and document_id in {{ current_document_ids() }}

),

line_items as (

    select * from {{ ref('int_line_items_resolved') }}

),

printed as (

    select
        *,
        regexp_extract(detail, '^(\S+) is printed in ', 1) as printed_amount,
        regexp_extract(detail, ' is printed in (\S+) among ', 1) as printed_unit,
        regexp_extract(detail, ' among \d+ siblings in (\S+?);', 1) as sibling_unit
    from issues

),

matched as (

    select
        printed.*,
        line_items.line_item_id,
        line_items.amount_kind,
        line_items.expense_type,
        line_items.fund_source,
        line_items.amount_yuan,
        line_items.reported_unit,
        concat_ws(' ', line_items.subject_name,
            coalesce(line_items.functional_subject_code, line_items.economic_subject_code)) as subject_label
    from printed
    left join line_items
        on line_items.document_id = printed.document_id
        and line_items.source_locator = printed.source_locator
        and line_items.source_text = printed.source_text
        and line_items.reported_amount = printed.printed_amount
        and line_items.expense_type = 'total'
    qualify row_number() over (
        partition by printed.document_id, printed.source_locator, printed.detail order by line_items.line_item_id
    ) = 1

),

valued as (

    select
        *,
        cast(amount_yuan / {{ unit_factor.format('reported_unit') }} * {{ unit_factor.format('printed_unit') }}
            as decimal(20, 2)) as printed_yuan,
        cast(amount_yuan / {{ unit_factor.format('reported_unit') }} * {{ unit_factor.format('sibling_unit') }}
            as decimal(20, 2)) as sibling_unit_yuan
    from matched

),

described as (

    select
        *,
        coalesce(subject_label || ' ', '') || '(' || source_locator || '): ' || detail
            || case issue_kind
                when 'unit_anomaly' then '. A unit slip: the amount is meant in ' || sibling_unit
                    || ' and is stored as ' || {{ format_wan('sibling_unit_yuan') }}
                    || '万元; the document should print the unit of its siblings.'
                else '. Nothing settles which unit is meant, so the amount is kept as printed: check it.'
            end as check_detail
    from valued

),

final as (

    select
        {{- audit_row_columns({
            'rule_id': "'UNIT-SIBLINGS'",
            'check_key': "concat_ws('|', source_locator, printed_amount)",
            'check_name': "'金额单位 ' || coalesce(subject_label, printed_amount)",
            'scope': 'coalesce(subject_label, printed_amount)',
            'expected_yuan': 'sibling_unit_yuan',
            'actual_yuan': 'printed_yuan',
            'difference_yuan': 'printed_yuan - sibling_unit_yuan',
            'addend_count': 'cast(null as bigint)',
            'tolerance_yuan': 'cast(0 as decimal(20, 2))',
            'status': "case issue_kind when 'unit_anomaly' then 'fail' else 'unverified' end",
            'detail': 'check_detail',
            'expected_source_locator': 'source_locator',
            'expected_source_text': 'detail',
            'actual_source_locator': 'source_locator',
            'actual_source_text': 'source_text',
            'fact_ids': 'case when line_item_id is null then [] else [line_item_id] end',
        }) }}
    from described

)

select * from final
