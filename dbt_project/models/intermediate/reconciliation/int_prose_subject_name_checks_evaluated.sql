{#-
    Rule LBL-PROSE-SUBJECT-NAME (what it says is in the reconciliation_rules seed): a subject the prose
    prints with its code (the subject_mention sentence flags: ``2010301 行政运行：主要用于…``, ``行政运行
    （2010301）``, each level of ``公共安全支出（204类）司法（06款）…``), amount or not, is named by one of the
    names the national classification gives the code (any year; names match as in LBL-SUBJECT-NAME).

    One check per document, code and printed name; a name some line item of the document already prints
    for the code (a table row, or a prose amount LBL-SUBJECT-NAME checks) is that line's check, not a
    second one. A code the bundled reference does not list, or lists only from a low-confidence
    reconstruction, is `unverified`: the reference is incomplete below class level, so an unknown code
    never makes a finding (REF-SUBJECT-CODE judges codes). A former name of the code passes, and the
    detail says which name the document's year uses.
-#}

with

sentence_flags as (

    select * from {{ ref('stg_ingested__sentence_flags') }}

),

documents as (

    select * from {{ ref('int_documents_identified') }}

),

line_items as (

    select * from {{ ref('int_line_items_resolved') }}

),

subjects as (

    select * from {{ ref('int_subjects_unioned') }}

),

printed_names as (

    select distinct
        document_id,
        coalesce(economic_subject_code, functional_subject_code) as subject_code,
        {{ normalize_subject_name('subject_name') }} as normalized_subject_name
    from line_items
    where (functional_subject_code is null) <> (economic_subject_code is null)

),

mentions as (

    select
        sentence_flags.document_id || '#' || sentence_flags.flag_index as line_item_id,
        sentence_flags.document_id,
        documents.fiscal_year,
        sentence_flags.value as subject_code,
        case left(sentence_flags.value, 1) when '2' then 'functional' else 'department' end as scheme,
        sentence_flags.matched_text as subject_name,
        {{ normalize_subject_name('sentence_flags.matched_text') }} as normalized_subject_name,
        sentence_flags.source_locator,
        sentence_flags.source_text,
        count(*) over (
            partition by sentence_flags.document_id, sentence_flags.value,
                {{ normalize_subject_name('sentence_flags.matched_text') }}
        ) as mention_count
    from sentence_flags
    left join documents
        on sentence_flags.document_id = documents.document_id
    where sentence_flags.flag = 'subject_mention'
        and not exists (
            select 1
            from printed_names
            where printed_names.document_id = sentence_flags.document_id
                and printed_names.subject_code = sentence_flags.value
                and printed_names.normalized_subject_name = {{ normalize_subject_name('sentence_flags.matched_text') }}
        )
    qualify row_number() over (
        partition by sentence_flags.document_id, sentence_flags.value,
            {{ normalize_subject_name('sentence_flags.matched_text') }}
        order by sentence_flags.flag_index
    ) = 1

),

reference as (

    {{ subject_reference_lookup('mentions', 'mentions.scheme', 'subject_code') | indent(4) }}

),

judged as (

    select
        mentions.*,
        reference.reference_name,
        reference.reference_names,
        case
            when reference.line_item_id is null or not reference.is_reliable then 'unverified'
            when reference.is_name_match then 'pass'
            else 'fail'
        end as status,
        {{ subject_names_match('mentions.normalized_subject_name', normalize_subject_name('reference.reference_name')) }}
            as is_name_of_the_year
    from mentions
    left join reference
        on mentions.line_item_id = reference.line_item_id

),

final as (

    select
        {{- amountless_audit_row_columns({
            'rule_id': "'LBL-PROSE-SUBJECT-NAME'",
            'check_key': "concat_ws('|', subject_code, subject_name)",
            'check_name': "'文字说明科目名称 ' || subject_code",
            'scope': 'subject_code',
            'status': 'status',
            'detail': "'The prose prints ' || subject_code || ' as “' || subject_name || '” (' || source_locator"
                ~ " || case when mention_count > 1 then ' and ' || (mention_count - 1) || ' more' else '' end || ')'"
                ~ " || case status"
                ~ " when 'fail' then ', which is not a name of its code in the national classification (' || reference_names || '): check the code and the name.'"
                ~ " when 'pass' then ', a name of its code in the national classification (' || reference_names || ')'"
                ~ " || case when not is_name_of_the_year then ', though not the one of ' || coalesce(cast(fiscal_year as varchar), 'its year') || ' (' || reference_name || ')' else '' end || '.'"
                ~ " else ': the bundled reference does not list ' || subject_code || ' with confidence (it is incomplete below class level), so the name cannot be checked. Drop the official list of the year into warehouse/reference/ to check it.'"
                ~ " end",
            'expected_source_locator': "'national classification'",
            'expected_source_text': 'reference_names',
            'actual_source_locator': 'source_locator',
            'actual_source_text': 'source_text',
            'fact_ids': 'cast([] as varchar[])',
        }) }}
    from judged

)

select * from final
