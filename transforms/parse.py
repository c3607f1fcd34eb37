"""Parse stage: a batch of articles in, their raw records (fixtures, events, people) out, as frames.

The reading itself is `transforms/reader/` (a document and its passes); this module runs it on a
batch and turns the records into typed frames for validation.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from transforms.clean import Article
from transforms.records import ArticleRecords
from transforms.teams import TeamBook

FIXTURE_COLUMNS = [
    "source_id",
    "fixture_index",
    "home_team",
    "away_team",
    "home_score",
    "away_score",
    "status",
    "match_date",
    "competition",
    "venue",
    "home_known",
    "is_main",
    "score_note",
    "char_start",
    "char_end",
    "rule",
]
EVENT_COLUMNS = [
    "source_id",
    "fixture_index",
    "event_type",
    "player_name",
    "team",
    "related_player_name",
    "minute",
    "added_time",
    "is_penalty",
    "is_own_goal",
    "char_start",
    "char_end",
    "rule",
]
PEOPLE_COLUMNS = ["source_id", "name", "role", "team", "char_start", "char_end", "rule"]
RAW_SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "fixtures": {
        "source_id": pl.String,
        "fixture_index": pl.Int32,
        "home_team": pl.String,
        "away_team": pl.String,
        "home_score": pl.Int32,
        "away_score": pl.Int32,
        "status": pl.String,
        "match_date": pl.Date,
        "competition": pl.String,
        "venue": pl.String,
        "home_known": pl.Boolean,
        "is_main": pl.Boolean,
        "score_note": pl.String,
        "char_start": pl.Int32,
        "char_end": pl.Int32,
        "rule": pl.String,
    },
    "events": {
        "source_id": pl.String,
        "fixture_index": pl.Int32,
        "event_type": pl.String,
        "player_name": pl.String,
        "team": pl.String,
        "related_player_name": pl.String,
        "minute": pl.Int32,
        "added_time": pl.Int32,
        "is_penalty": pl.Boolean,
        "is_own_goal": pl.Boolean,
        "char_start": pl.Int32,
        "char_end": pl.Int32,
        "rule": pl.String,
    },
    "people": {
        "source_id": pl.String,
        "name": pl.String,
        "role": pl.String,
        "team": pl.String,
        "char_start": pl.Int32,
        "char_end": pl.Int32,
        "rule": pl.String,
    },
}


def records_frames(records: list[ArticleRecords]) -> dict[str, pl.DataFrame]:
    """Raw records of many articles as three frames with fixed column types, ready for validation."""
    fixtures: list[tuple[object, str, int | None]] = []
    events: list[tuple[object, str, int | None]] = []
    people: list[tuple[object, str, int | None]] = []
    for rec in records:
        fixtures += [(f, rec.source_id, i) for i, f in enumerate(rec.fixtures)]
        events += [(e, rec.source_id, None) for e in rec.events]
        people += [(p, rec.source_id, None) for p in rec.people]
    return {
        "fixtures": _frame(fixtures, RAW_SCHEMAS["fixtures"], FIXTURE_COLUMNS),
        "events": _frame(events, RAW_SCHEMAS["events"], EVENT_COLUMNS),
        "people": _frame(people, RAW_SCHEMAS["people"], PEOPLE_COLUMNS),
    }


def _frame(
    items: list[tuple[object, str, int | None]], schema: dict[str, pl.DataType], attrs: list[str]
) -> pl.DataFrame:
    """Column by column from (record, source id, fixture index): no dict per row. The source id is the
    article's; a fixture's index is its place in the article; other columns are the records' attributes."""
    columns = []
    for col, dtype in schema.items():
        if col == "source_id":
            values = [sid for _, sid, _ in items]
        elif col == "fixture_index" and items and items[0][2] is not None:
            values = [i for _, _, i in items]
        elif col in attrs:
            values = [getattr(rec, col, None) for rec, _, _ in items]
        else:
            values = [None] * len(items)
        columns.append(pl.Series(col, values, dtype=dtype))
    return pl.DataFrame(columns)


def parse_articles(
    articles: list[Article], book: TeamBook, tagger: Callable | None = None
) -> list[ArticleRecords | Exception]:
    """The parse stage for a batch: one result per article; an article the reader chokes on gives its error."""
    from transforms.reader import read_batch

    return read_batch(articles, book, tagger)


def parse_article(article: Article, book: TeamBook, tagger: Callable | None = None) -> ArticleRecords:
    """The parse stage for one article; `tagger` (a spaCy pipeline) settles sentence-initial names."""
    from transforms.reader import read_article

    return read_article(article, book, tagger)
