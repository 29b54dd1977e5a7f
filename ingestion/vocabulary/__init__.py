"""The disclosure vocabulary: every Chinese word or mark the readers, the extractors and the coverage tool
recognise, each concept in one module as a small rule table.

A new wording is one row here (and one test in ``tests/ingestion/vocabulary``); no extractor lists a
keyword of its own. The modules are leaves: they import nothing from the rest of the package, so
``ingestion.schemas`` and the dbt label seed (``tools.vocabulary_labels``) can build from the same keys.

* :mod:`~ingestion.vocabulary.fund_sources` — 一般公共预算, 政府性基金, 财政拨款 … → ``fund_source``;
* :mod:`~ingestion.vocabulary.amount_kinds` — budget vs actual words (预算/年初/预计 vs 决算/执行/实支);
* :mod:`~ingestion.vocabulary.measures` — stated totals, expense types (and the parts a prose sentence
  names for its economic amounts) and 三公 categories;
* :mod:`~ingestion.vocabulary.percentages` — share / change / completion rate, and change directions;
* :mod:`~ingestion.vocabulary.breaks` — where a clause, a sentence and a paragraph end;
* :mod:`~ingestion.vocabulary.numerals` — Chinese numerals, list ordinals, money and count units;
* :mod:`~ingestion.vocabulary.subject_levels` — 类/款/项;
* :mod:`~ingestion.vocabulary.table_titles` — what a table's title says about its contents;
* :mod:`~ingestion.vocabulary.standard_tables` — which standard table a title or contents entry names;
* :mod:`~ingestion.vocabulary.wording` — template residue, truncated explanations, bare figures, years;
* :mod:`~ingestion.vocabulary.rules` — the row (word, key, settings) the word tables share.
"""
