{#- The documents' name of a 三公 category. -#}
{% macro three_public_category_label(category) -%}
    case {{ category }}
        when 'total' then '“三公”经费合计'
        when 'overseas_travel' then '因公出国（境）费'
        when 'vehicle' then '公务用车购置及运行费'
        when 'vehicle_purchase' then '公务用车购置费'
        when 'vehicle_operation' then '公务用车运行维护费'
        when 'official_reception' then '公务接待费'
        else {{ category }}
    end
{%- endmacro %}
