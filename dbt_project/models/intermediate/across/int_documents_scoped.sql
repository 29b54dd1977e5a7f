{#-
    Parsed documents with the scope they cover: `department` (部门预算/决算, the department with its
    subordinate units consolidated) or `unit` (单位预算/决算, one unit's own accounts). Figures of the
    two scopes are not comparable, so the series and the execution mart compare only like with like.

    The scope is read from what the document prints — its table titles (部门收支总表 vs 单位收支总表),
    then its file name (…bumen…, 部门…, 单位…) — and otherwise assumed `department`, the scope of almost
    every 部门预算公开; scope_basis says which, so an assumed scope can be told from a printed one.
    Only documents with an agency and a fiscal year: the across-document marts pair and chain by them.
-#}

with

documents as (

    select * from {{ ref('int_documents_identified') }}
    where status = 'parsed'
        -- a page whose agency or year is unknown has no place in a series across documents
        and agency_id is not null
        and fiscal_year is not null

),

line_items as (

    select * from {{ ref('int_line_items_resolved') }}

),

title_evidence as (

    select
        document_id,
        bool_or(regexp_matches(table_title, '单位(预算|决算|收支总表|收入总表|支出总表|财政拨款)')) as says_unit,
        bool_or(regexp_matches(table_title, '部门(预算|决算|收支总表|收入总表|支出总表|财政拨款)')) as says_department
    from line_items
    where table_title is not null
    group by document_id

),

final as (

    select
        documents.document_id,
        documents.agency_id,
        documents.agency_name,
        documents.short_name,
        documents.fiscal_year,
        documents.doc_kind,
        documents.source_file,
        case
            when title_evidence.says_unit and not title_evidence.says_department then 'unit'
            when title_evidence.says_department and not title_evidence.says_unit then 'department'
            when regexp_matches(documents.source_file, '单位(预算|决算)|danwei') then 'unit'
            when regexp_matches(documents.source_file, '部门(预算|决算)|bumen') then 'department'
            else 'department'
        end as document_scope,
        case
            when title_evidence.says_unit <> title_evidence.says_department then 'table_title'
            when regexp_matches(documents.source_file, '(单位|部门)(预算|决算)|danwei|bumen') then 'file_name'
            else 'assumed'
        end as scope_basis
    from documents
    left join title_evidence
        on documents.document_id = title_evidence.document_id

)

select * from final
