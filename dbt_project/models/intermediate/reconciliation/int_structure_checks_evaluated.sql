{#-
    Rule family `structure` (what each rule says is in the reconciliation_rules seed), read from what
    extraction saw of the document's shape (stg_ingested__document_sections: contents entries and
    printed table titles) and of its prose (stg_ingested__sentence_flags). These checks compare no two
    amounts: the amount columns are null. Where the document cannot show the structure (no printed
    table at all) the check is `unverified`, never `fail`.
-#}

with

documents as (

    select * from {{ ref('int_documents_identified') }}
    where is_current

),

sections as (

    select sections.*
    from {{ ref('stg_ingested__document_sections') }} as sections
    inner join documents using (document_id)

),

flags as (

    select flags.*, documents.fiscal_year, documents.doc_kind
    from {{ ref('stg_ingested__sentence_flags') }} as flags
    inner join documents using (document_id)

),

contents as (

    select * from sections where section_kind = 'contents_entry'

),

printed as (

    select * from sections where section_kind = 'table'

),

{#- a standard kind named once on each side identifies the table even when the words differ -#}
key_counts as (

    select document_id, section_kind, standard_table_key, count(*) as key_count
    from sections
    where standard_table_key is not null
    group by all

),

{#- the printed title with the same words, else the closest one of the same kind containing them (or
    contained in them) -#}
word_matches as (

    select
        contents.document_id,
        contents.section_index,
        printed.section_index as printed_index
    from contents
    inner join printed
        on printed.document_id = contents.document_id
        and (
            printed.title_words = contents.title_words
            or (
                -- a containment must not cross kinds: 财政拨款支出预算表 is inside 政府性基金财政拨款支出预算表
                printed.standard_table_key is not distinct from contents.standard_table_key
                and (
                    (length(contents.title_words) >= 4 and contains(printed.title_words, contents.title_words))
                    or (length(printed.title_words) >= 4 and contains(contents.title_words, printed.title_words))
                )
            )
        )
    qualify row_number() over (
        partition by contents.document_id, contents.section_index
        order by abs(length(printed.title_words) - length(contents.title_words)), printed.section_index
    ) = 1

),

matched as (

    select
        contents.*,
        word_matches.printed_index as words_index,
        (
            select min(printed.section_index)
            from printed
            inner join key_counts as printed_keys
                on printed_keys.document_id = printed.document_id
                and printed_keys.section_kind = 'table'
                and printed_keys.standard_table_key = printed.standard_table_key
            inner join key_counts as listed_keys
                on listed_keys.document_id = contents.document_id
                and listed_keys.section_kind = 'contents_entry'
                and listed_keys.standard_table_key = contents.standard_table_key
            where printed.document_id = contents.document_id
                and printed.standard_table_key = contents.standard_table_key
                and printed_keys.key_count = 1
                and listed_keys.key_count = 1
        ) as key_index,
        (select count(*) from printed where printed.document_id = contents.document_id) as printed_count
    from contents
    left join word_matches
        on word_matches.document_id = contents.document_id
        and word_matches.section_index = contents.section_index

),

contents_matched as (

    select
        matched.*,
        coalesce(words_index, key_index) as printed_index,
        printed.title as printed_title,
        printed.source_locator as printed_locator
    from matched
    left join printed
        on printed.document_id = matched.document_id
        and printed.section_index = coalesce(matched.words_index, matched.key_index)

),

contents_checks as (

    select
        document_id,
        'STR-CONTENTS-TABLE' as rule_id,
        cast(section_index as varchar) as check_key,
        '目录表格 ' || title as check_name,
        standard_table_key as scope,
        case when printed_index is not null then 'pass' when printed_count = 0 then 'unverified' else 'fail' end
            as status,
        'The contents page lists “' || title || '” (' || source_locator || ')'
            || case
                when printed_index is not null and words_index is not null
                    then ', printed at ' || printed_locator || '.'
                when printed_index is not null
                    then ', printed under another title: “' || printed_title || '” (' || printed_locator || ').'
                when printed_count = 0
                    then ', but the document prints no titled table at all (tables published apart, or the text '
                        || 'stops before them): cannot be checked.'
                else ', but none of the ' || printed_count || ' tables the document prints has that title: '
                    || 'publish the table, or remove it from the contents.'
            end as detail,
        source_locator as expected_source_locator,
        title as expected_source_text,
        coalesce(printed_locator, source_locator) as actual_source_locator,  -- missing: the entry itself
        printed_title as actual_source_text
    from contents_matched

),

ordered as (

    select
        *,
        lag(printed_index) over (partition by document_id order by section_index) as previous_printed_index,
        lag(title) over (partition by document_id order by section_index) as previous_title,
        lag(printed_locator) over (partition by document_id order by section_index) as previous_printed_locator
    from contents_matched
    where printed_index is not null

),

order_summary as (

    select
        document_id,
        count(*) as matched_count,
        arg_min(title, section_index) filter (where printed_index < previous_printed_index) as late_title,
        arg_min(printed_locator, section_index) filter (where printed_index < previous_printed_index)
            as late_locator,
        arg_min(previous_title, section_index) filter (where printed_index < previous_printed_index)
            as early_title,
        arg_min(previous_printed_locator, section_index) filter (where printed_index < previous_printed_index)
            as early_locator,
        min(source_locator) as contents_locator
    from ordered
    group by document_id
    having count(*) >= 2

),

order_checks as (

    select
        document_id,
        'STR-TABLE-ORDER' as rule_id,
        'contents_order' as check_key,
        '表格顺序' as check_name,
        cast(null as varchar) as scope,
        case when late_title is null then 'pass' else 'fail' end as status,
        case
            when late_title is null
                then 'The ' || matched_count || ' tables found are printed in the order of the contents page ('
                    || contents_locator || ').'
            else 'The contents page (' || contents_locator || ') lists “' || early_title || '” before “' || late_title
                || '”, but “' || late_title || '” is printed first (' || late_locator || ', then ' || early_locator
                || '): reorder the tables or the contents.'
        end as detail,
        contents_locator as expected_source_locator,
        early_title as expected_source_text,
        late_locator as actual_source_locator,
        late_title as actual_source_text
    from order_summary

),

title_years as (

    select
        printed.document_id,
        'table|' || printed.section_index as check_key,
        'table title' as place,
        cast(regexp_extract(printed.title, '((?:19|20)\d{2})\s*年', 1) as integer) as printed_year,
        regexp_extract(printed.title, '(?:19|20)\d{2}\s*年') as matched_text,
        printed.source_locator,
        printed.title as source_text
    from printed
    where regexp_matches(printed.title, '(?:19|20)\d{2}\s*年')

    union all

    select
        document_id,
        'heading|' || source_locator || '|' || matched_text,
        'heading',
        cast(value as integer),
        matched_text,
        source_locator,
        source_text
    from flags
    where flag = 'year' and is_heading

),

year_checks as (

    select
        title_years.document_id,
        'STR-TITLE-YEAR' as rule_id,
        title_years.check_key,
        '标题年度 ' || title_years.matched_text as check_name,
        cast(title_years.printed_year as varchar) as scope,
        case
            when documents.fiscal_year is null then 'unverified'
            when title_years.printed_year = documents.fiscal_year then 'pass'
            when title_years.place = 'heading' and documents.doc_kind = 'budget'
                and title_years.printed_year = documents.fiscal_year - 1 then 'unverified'
            else 'fail'
        end as status,
        'The ' || title_years.place || ' “' || title_years.source_text || '” (' || title_years.source_locator
            || ') names ' || title_years.printed_year || '年'
            || case
                when documents.fiscal_year is null then '; the document''s fiscal year is unknown: cannot be checked.'
                when title_years.printed_year = documents.fiscal_year then ', the document''s fiscal year.'
                when title_years.place = 'heading' and documents.doc_kind = 'budget'
                    and title_years.printed_year = documents.fiscal_year - 1
                    then ', the year before this ' || documents.fiscal_year || ' budget (a report on last year''s '
                        || 'execution may say so): check it is not a leftover of last year''s template.'
                else ', but the document is the ' || documents.fiscal_year || ' '
                    || case documents.doc_kind when 'budget' then '部门预算' else '部门决算' end
                    || ': correct the year.'
            end as detail,
        cast(documents.fiscal_year as varchar) as expected_source_text,
        'document fiscal year' as expected_source_locator,
        title_years.source_locator as actual_source_locator,
        title_years.source_text as actual_source_text
    from title_years
    inner join documents using (document_id)
    where title_years.place = 'table title' or title_years.printed_year <> documents.fiscal_year
        or documents.fiscal_year is null

),

standard_tables as (

    select * from {{ ref('standard_tables') }}

),

{#- the national set of tables, checked once the document's tables section is there (five or more of
    them printed); before 2021 the templates differed by year and province, so a missing one is
    unverified there -#}
standard_presence as (

    select
        documents.document_id,
        documents.fiscal_year,
        standard_tables.table_key,
        standard_tables.table_label,
        standard_tables.table_order,
        (
            select min(printed.source_locator)
            from printed
            where printed.document_id = documents.document_id
                and printed.standard_table_key = standard_tables.table_key
        ) as printed_locator,
        (
            select count(distinct printed.standard_table_key)
            from printed
            inner join standard_tables as known
                on known.table_key = printed.standard_table_key
            where printed.document_id = documents.document_id
        ) as standard_printed_count,
        (
            select arg_min(printed.source_locator, printed.section_index)
            from printed
            where printed.document_id = documents.document_id
        ) as first_printed_locator
    from documents
    cross join standard_tables

),

standard_checks as (

    select
        document_id,
        'STR-STANDARD-TABLE' as rule_id,
        table_key as check_key,
        '标准表格 ' || table_label as check_name,
        table_key as scope,
        case
            when printed_locator is not null then 'pass'
            when fiscal_year >= 2021 then 'fail'
            else 'unverified'
        end as status,
        case
            when printed_locator is not null
                then 'The standard table ' || table_label || ' is printed (' || printed_locator || ').'
            else 'The document prints ' || standard_printed_count || ' of the 9 standard tables but no '
                || table_label || case
                    when fiscal_year >= 2021 then ': publish it (empty, with a note, if the agency has no such funds).'
                    else ': templates before 2021 did not all require it, so this cannot be judged.'
                end
        end as detail,
        cast(null as varchar) as expected_source_locator,
        table_label as expected_source_text,
        coalesce(printed_locator, first_printed_locator) as actual_source_locator,  -- missing: where tables start
        cast(null as varchar) as actual_source_text
    from standard_presence
    where standard_printed_count >= 5

),

unioned as (

    select * from standard_checks
    union all by name
    select * from contents_checks
    union all by name
    select * from order_checks
    union all by name
    select * from year_checks

),

final as (

    select
        {{- amountless_audit_row_columns({'fact_ids': 'cast([] as varchar[])'}) }}
    from unioned

)

select * from final
