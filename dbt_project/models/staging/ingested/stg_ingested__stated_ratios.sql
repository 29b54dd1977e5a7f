{#- percent_text: the percentage as text, whose decimals are its printed precision. -#}
{{ staged_frame('stated_ratios', expressions={'percent_text': 'cast(percent as varchar)'}) }}
