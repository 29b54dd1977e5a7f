{#-
    The typed columns that say where an extracted row stands in its source document (locator, the
    printed text, page, bounding box). Every ingested evidence table carries them with the same types,
    so they are cast in one place.
-#}
{% macro source_position_casts() -%}
cast(source_locator as varchar) as source_locator,
cast(source_text as varchar) as source_text,
cast(source_page as integer) as source_page,
cast(source_bbox as varchar) as source_bbox
{%- endmacro %}
