"""Where each kind of generated page lives under ``docs/``: one name per folder, a leaf module."""

from __future__ import annotations

REPORTS_DIR = "reports"


SOURCES_DIR = "sources"


DATA_DIR = "data"


GLOSSARY_DIR = "glossary"


REGIONS_DIR = "regions"


TOPICS_DIR = "topics"


FIGURES_DIR = "figures"


REVIEW_DIR = "review"


METHOD_DIR = "method"
