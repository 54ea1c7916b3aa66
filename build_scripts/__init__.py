"""Build scripts for the annotated archive of grassroots Party-building reports.

Pipeline stages, one module each: ``ingest`` (decode seeds, read sidecars) →
``split`` (lines → blocks → structured units → reports) → ``clean`` (named,
ordered text rules) → ``annotate`` (regions, dates, document types) →
``render`` (Markdown pages) and ``export`` (JSON/CSV data).
``pipeline`` runs them in order; ``hooks`` lets MkDocs run the pipeline.
"""
