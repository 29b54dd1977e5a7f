{#-
    A printed subject name reduced to what identifies it: blanks, （类）（款）（项） markers, a leading
    printed code (2013701, 2013701-), a leading enumerator (（1）, 1., 一、) and 其中： are removed and
    brackets made half-width, so 一般公共服务支出（类） compares equal to 一般公共服务支出.
-#}
{% macro normalize_subject_name(name_expression) -%}
    regexp_replace(
        regexp_replace(
            regexp_replace(
                regexp_replace(
                    replace(replace(regexp_replace({{ name_expression }}, '\s+', '', 'g'), '（', '('), '）', ')'),
                    '\((类|款|项)\)', '', 'g'
                ),
                '^(其中[:：])', ''
            ),
            '^\(?[0-9一二三四五六七八九十]+[)、.．]', ''
        ),
        '^[0-9]{3,}[-—:：.、]?', ''
    )
{%- endmacro %}
