"""The article reader: one document, a short explicit list of passes, raw records out.

    sections  -> lines, sheets, sentences, score headings, live-text clocks   (sections.py)
    teams     -> every team word, learned names included                      (teams.py)
    people    -> names and roles (spaCy's tagger settles sentence-initial words) (people.py)
    minutes   -> every time expression                                        (minutes.py)
    scores    -> every scoreline, its kind, and the results it states         (scores.py)
    matches   -> the match decision: fixtures, the main one, home sides       (matches.py)
    events    -> goals, cards, substitutions, injuries, ...                   (events.py)
    settle    -> what the score implies: goal counts, teams, second yellows   (settle.py)
    ahead     -> the matches it announces: fixture lists, 'next play', second legs (ahead.py)

Each pass reads what earlier passes left on the `Doc` and adds its own layer; none returns anything.
A batch of articles is read in two halves around one tagger call (`prepare`, then `finish`).
"""

from __future__ import annotations

from collections.abc import Callable

from transforms.clean import Article
from transforms.reader import ahead, events, matches, minutes, people, scores, sections, settle, teams
from transforms.reader.doc import Doc
from transforms.records import ArticleRecords
from transforms.teams import TeamBook

BEFORE_TAGGING = (sections.read, teams.read)
AFTER_TAGGING = (people.read, minutes.read, scores.read, matches.decide, events.read, settle.read, ahead.read)


def new_doc(article: Article, book: TeamBook, tagger: Callable | None = None) -> Doc:
    return Doc(article, book, book.lexicon, tagger, text=article.body)  # type: ignore[arg-type]


def prepare(doc: Doc) -> list[tuple[int, int]]:
    """The passes before people; returns the text windows the tagger must see."""
    for run in BEFORE_TAGGING:
        run(doc)
    return people.prepare(doc)


def finish(doc: Doc) -> ArticleRecords:
    """The passes from people on, once the tagger's windows are in `doc.tagged`."""
    try:
        for run in AFTER_TAGGING:
            run(doc)
        return records(doc)
    finally:
        doc.finder = None  # the finder's callbacks hold the doc: break the cycle for the collector
        doc.tagged = {}


def records(doc: Doc) -> ArticleRecords:
    sheet_people = doc.sheet_people
    return ArticleRecords(
        doc.article.source_id,
        doc.matches,
        doc.events,
        doc.people + sheet_people,
        sorted({t.team for t in doc.teams if t.team}),
    )


def read_article(article: Article, book: TeamBook, tagger: Callable | None = None) -> ArticleRecords:
    """One article, start to end."""
    doc = new_doc(article, book, tagger)
    prepare(doc)
    return finish(doc)


def read_batch(
    articles: list[Article], book: TeamBook, tagger: Callable | None = None
) -> list[ArticleRecords | Exception]:
    """A batch: every article prepared, the tagger called once on all their windows, then each finished.
    An article the reader chokes on gives its error, never the batch's."""
    docs: list[Doc | Exception] = []
    asks: list[tuple[Doc, list[tuple[int, int]]]] = []
    for a in articles:
        try:
            doc = new_doc(a, book, tagger)
            windows = prepare(doc)
            if windows:
                asks.append((doc, windows))
            docs.append(doc)
        except Exception as err:  # one odd article never costs the batch
            docs.append(err)
    if tagger is not None and asks:
        texts = (people.joined_windows(doc, windows) for doc, windows in asks)
        for (doc, windows), t in zip(asks, tagger.pipe(texts, batch_size=64), strict=True):  # type: ignore[attr-defined]
            people.keep_tagged(doc, windows, t)
    out: list[ArticleRecords | Exception] = []
    for d in docs:
        if isinstance(d, Exception):
            out.append(d)
            continue
        try:
            out.append(finish(d))
        except Exception as err:
            out.append(err)
    return out
