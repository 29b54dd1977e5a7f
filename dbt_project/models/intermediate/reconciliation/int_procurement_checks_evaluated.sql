{#-
    Rule PROC-PARTS (what it says is in the reconciliation_rules seed): the 政府采购 total against its
    goods + works + services parts (macro parts_whole_checks), per document, fund source and amount
    kind, whether the figures come from the 政府采购预算表 or from the prose. A part that is not printed
    counts as zero only when the total and the printed parts come from one table (a blank cell); a
    sentence that gives only some parts is not checked.
-#}

with

reported_totals as (

    select * from {{ ref('int_reported_totals_identified') }}

),

procurement_parts as (

    {{ parts_whole_checks('reported_totals', 'measure', 'procurement_total',
        ['procurement_goods', 'procurement_works', 'procurement_services'],
        group_by=['document_id', 'fund_source', 'amount_kind'],
        id_column='reported_total_id') | indent(4) }}

),

final as (

    select
        {{- sum_check_columns(
            "'The 政府采购 total (' || " ~ amount_kind_label('amount_kind') ~ " || ')'",
            "'its parts (' || replace(replace(replace(part_categories, 'procurement_goods', '货物'),"
                ~ " 'procurement_works', '工程'), 'procurement_services', '服务') || ') add up to'",
            {
                'rule_id': "'PROC-PARTS'",
                'check_name': "'货物 + 工程 + 服务 = 政府采购合计'",
                'check_key': "concat_ws('|', 'procurement', fund_source, amount_kind)",
                'scope': "'procurement_total'",
                'expense_type': 'cast(null as varchar)',
            }
        ) }}
    from procurement_parts

)

select * from final
