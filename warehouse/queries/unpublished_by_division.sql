-- "Which departments of this district have not published their final account, or left tables empty?"
-- Known agencies of each division (any that ever published) without a document of a kind in a year,
-- and, for published documents, the standard tables that are missing or declared empty.
-- Narrow it with e.g. `where division_name = '普陀区' and doc_kind = 'final_account'`.
select * from (
    select d.division_name, d.fiscal_year, d.doc_kind, d.agency_name,
           'document missing' as what, null as detail
    from marts.audit_division_completeness as d
    where not d.has_published

    union all

    select coalesce(c.county, c.city, c.province, '(unplaced or central)') as division_name, c.fiscal_year, c.doc_kind,
           c.agency_name, c.item_label || ': ' || c.status as what, c.detail
    from marts.audit_document_completeness as c
    where c.item_kind = 'table' and c.status <> 'present'
)
order by division_name, fiscal_year, doc_kind, agency_name, what;
