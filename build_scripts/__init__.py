"""Build scripts for the annotated archive of grassroots Party-building reports.

Stages, one sub-package each, run in order by :mod:`build_scripts.pipeline`:
``text`` (decode seeds, structure passes, text rules, composite split,
assembly and conservation) → ``annotate`` (places, dates, document types,
glossary, topics, figures) → ``site`` (pages, search index, MkDocs hooks) and
``export`` (JSON/CSV data, data package); ``tools`` (bench, synth, bundle,
linkcheck) stand apart.  ``model`` and ``errors`` are shared by all.
"""
