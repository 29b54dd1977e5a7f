{#-
    Tolerance between two copies of one figure (REP-FIGURE, XTAB-SUBJECT): copies printed to the same
    precision are the same rounding of the same amount, so they must agree to the digit (326.71 against
    326.72万元 is a finding, not rounding); copies printed to different precisions (元 with decimals
    against 0.01万元, 208.8 against 208.80万元) may differ by the coarser one's rounding
    (rounding_tolerance of the two printed_rounding_yuan).
-#}
{% macro same_figure_tolerance(copy_rounding, reference_rounding) -%}
    case
        when {{ copy_rounding }} = {{ reference_rounding }} then cast(0 as decimal(20, 2))
        else {{ rounding_tolerance(copy_rounding, reference_rounding) }}
    end
{%- endmacro %}
