{#-
    The sentence a reviewer acts on, for a stated figure (expected) compared with what it should
    equal (actual), e.g. "类 201 一般公共服务支出 is 774.70万元 (l105) but its 款 20132, 20137 add up to
    805.51万元 (20132: l107; 20137: l111): 30.81万元 more than stated, beyond the 0.02万元 rounding
    allowance." `stated` and `computed` are SQL text expressions; `computed` ends with its verb.
-#}
{% macro comparison_detail(stated, computed, expected, actual, tolerance, expected_locator='null', actual_locator='null') -%}
    {{ stated }} || ' is ' || {{ format_wan(expected) }} || '万元'
        || coalesce(' (' || {{ expected_locator }} || ')', '')
        || case when {{ actual }} = {{ expected }} then ' and ' else ' but ' end
        || {{ computed }} || ' ' || {{ format_wan(actual) }} || '万元'
        || coalesce(' (' || {{ actual_locator }} || ')', '')
        || case
            when {{ actual }} = {{ expected }} then '.'
            when abs({{ actual }} - {{ expected }}) <= {{ tolerance }}
                then ': the difference of ' || {{ format_signed_wan(actual ~ ' - ' ~ expected) }}
                    || '万元 is rounding (allowance ' || {{ format_wan(tolerance) }} || '万元).'
            else ': ' || {{ format_wan('abs(' ~ actual ~ ' - ' ~ expected ~ ')') }} || '万元 '
                || case when {{ actual }} > {{ expected }} then 'more' else 'less' end
                || ' than stated, beyond the ' || {{ format_wan(tolerance) }} || '万元 rounding allowance.'
        end
{%- endmacro %}
