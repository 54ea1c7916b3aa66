"""What a run reads once and passes down: the data files, compiled, and the one tokenizer.

:func:`load_resources` reads each data file of ``build_scripts/data`` once
(glossary, gazetteer, topics, figures) and builds from them the gazetteer,
the glossary, the topics, the figures' vocabulary and indicators, and the
run's one tokenizer (:class:`~build_scripts.annotate.segmenter.Words`), whose
dictionary loads on first use: a run that remakes no seed and scans no text
never loads it.  The pipeline builds one :class:`Resources` per run and hands
it to every stage; nothing below reads a data file behind its back.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from build_scripts.annotate.figure_base import FIGURES_FILE, Vocabulary, figures_data, load_vocabulary
from build_scripts.annotate.figure_context import Indicator, load_indicators
from build_scripts.annotate.glossary import Glossary, load_glossary
from build_scripts.annotate.places import Gazetteer
from build_scripts.annotate.segmenter import Words, words_from_data
from build_scripts.annotate.topics import TOPICS_FILE, Topic, load_topics
from build_scripts.errors import DataFileError
from build_scripts.text.ingest import DATA_DIR, read_yaml


@dataclass
class Resources:
    """One run's gazetteer, glossary, topics, figure vocabulary and indicators, tokenizer and URL settings."""

    gazetteer: Gazetteer
    glossary: Glossary
    topics: list[Topic]
    vocabulary: Vocabulary
    indicators: tuple[Indicator, ...]
    words: Words
    site_url: str | None = None
    directory_urls: bool = True


def load_resources(site_url: str | None = None, directory_urls: bool = True, data_dir: Path = DATA_DIR,
                   glossary: Callable[[Words, dict], Glossary] | None = None) -> Resources:
    """Read each data file once and build the run's resources from it.

    ``glossary`` makes the glossary from the tokenizer and the file as read
    (the pipeline passes one that keeps it in its cache: generating pinyin
    costs more than everything else here); by default it is loaded.
    """
    gazetteer_path, glossary_path = data_dir / "gazetteer.yml", data_dir / "glossary.yml"
    topics_path = data_dir / TOPICS_FILE.name
    figures_path = data_dir / FIGURES_FILE.name
    gazetteer_data = read_yaml(gazetteer_path, DataFileError)
    glossary_data = read_yaml(glossary_path, DataFileError)
    figures = figures_data(figures_path)
    words = words_from_data(glossary_data, gazetteer_data, figures)
    gazetteer = Gazetteer(gazetteer_path, words, gazetteer_data)
    made = (glossary or (lambda words, data: load_glossary(glossary_path, words, data)))(words, glossary_data)
    made.words = words
    return Resources(gazetteer, made, load_topics(topics_path, words), load_vocabulary(figures, gazetteer, words),
                     load_indicators(figures, figures_path), words, site_url, directory_urls)
