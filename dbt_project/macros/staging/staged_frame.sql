{#-
    The staging model of one ingested frame: the Parquet file's columns cast to the types the model's
    properties file declares (`data_type`), in the order it lists them. The properties file is the one
    place a staging column is named, typed and described, so a column added to a frame is one entry
    there, and a column shared by several frames (source_locator, amount_yuan …) is typed the same in
    each (tests/dbt/test_project_structure.py checks both).
    frame: the table of the `ingested` source.
    expressions: column name → SQL for a column that needs more than a cast (a cleaned or derived value).
-#}
{% macro staged_frame(frame, expressions={}) -%}
with

source as (

    select * from {{ source('ingested', frame) }}

),

final as (

    select
    {%- for column in model.columns.values() %}
        {%- set cast = 'cast(' ~ column.name ~ ' as ' ~ column.data_type ~ ')' %}
        {{ expressions.get(column.name, cast) }} as {{ column.name }}{{ ',' if not loop.last }}
    {%- endfor %}
    from source

)

select * from final
{%- endmacro %}
