"""Pandera (polars) models: the raw records a parse produces and the tidy tables of the contract.

The bottom floor of the project: it imports nothing of ours. The closed vocabularies live here
so that parse, fuse and load all answer to the same list.
"""

from __future__ import annotations

import datetime as dt

import pandera.polars as pa
import polars as pl

EVENT_TYPES = [
    "goal",
    "yellow_card",
    "second_yellow",
    "red_card",
    "substitution",
    "injury",
    "penalty_miss",
    "penalty_won",
    "woodwork",
    "save",
    "chance_missed",
    "disallowed_goal",
]
STATUSES = ["played", "scheduled", "abandoned", "postponed"]
ROLES = ["player", "coach", "referee", "other"]
MAX_MINUTE = 130  # 120 plus the longest stoppage anyone writes about


class _Spanned(pa.DataFrameModel):
    """Every raw record points at the words that state it."""

    source_id: str = pa.Field(str_startswith="src_")
    char_start: int = pa.Field(ge=0)
    char_end: int = pa.Field(ge=1)

    @pa.dataframe_check(error="char_end must be after char_start")
    def span_forward(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("char_end") > pl.col("char_start"))

    class Config:
        strict = False
        coerce = True


class RawFixture(_Spanned):
    """A match one article names (its own, one in passing, or one announced)."""

    fixture_index: int = pa.Field(ge=0)
    home_team: str = pa.Field(str_length={"min_value": 2, "max_value": 60})
    away_team: str = pa.Field(str_length={"min_value": 2, "max_value": 60})
    home_score: int | None = pa.Field(nullable=True, in_range={"min_value": 0, "max_value": 30})
    away_score: int | None = pa.Field(nullable=True, in_range={"min_value": 0, "max_value": 30})
    status: str = pa.Field(isin=STATUSES)
    match_date: dt.date | None = pa.Field(nullable=True)
    competition: str | None = pa.Field(nullable=True)
    venue: str | None = pa.Field(nullable=True)
    home_known: bool
    is_main: bool

    @pa.dataframe_check(error="a team cannot play itself")
    def two_teams(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("home_team") != pl.col("away_team"))


class RawEvent(_Spanned):
    """One article's statement of one match event."""

    fixture_index: int = pa.Field(ge=0)
    event_type: str = pa.Field(isin=EVENT_TYPES)
    player_name: str | None = pa.Field(nullable=True)
    team: str | None = pa.Field(nullable=True)
    related_player_name: str | None = pa.Field(nullable=True)
    minute: int | None = pa.Field(nullable=True, in_range={"min_value": 0, "max_value": MAX_MINUTE})
    added_time: int | None = pa.Field(nullable=True, in_range={"min_value": 0, "max_value": 30})
    is_penalty: bool
    is_own_goal: bool
    rule: str


class RawPerson(_Spanned):
    """A person one article names."""

    name: str = pa.Field(str_length={"min_value": 2, "max_value": 80})
    role: str = pa.Field(isin=ROLES)
    team: str | None = pa.Field(nullable=True)


class Sources(pa.DataFrameModel):
    source_id: str = pa.Field(unique=True)
    file_name: str
    published_date: dt.date | None = pa.Field(nullable=True)
    publisher: str | None = pa.Field(nullable=True)
    n_words: int = pa.Field(ge=0)
    content_sha256: str = pa.Field(str_length=64)
    ingested_at: dt.datetime
    is_current: bool
    superseded_by: str | None = pa.Field(nullable=True)

    @pa.dataframe_check(error="a current version is superseded by nothing")
    def current_not_superseded(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(~(pl.col("is_current") & pl.col("superseded_by").is_not_null()))

    class Config:
        strict = False
        coerce = True


class Fixtures(pa.DataFrameModel):
    fixture_id: str = pa.Field(unique=True)
    match_date: dt.date | None = pa.Field(nullable=True)
    competition: str | None = pa.Field(nullable=True)
    home_team: str
    away_team: str
    home_known: bool
    home_score: int | None = pa.Field(nullable=True, ge=0)
    away_score: int | None = pa.Field(nullable=True, ge=0)
    status: str = pa.Field(isin=STATUSES)
    venue: str | None = pa.Field(nullable=True)
    n_sources: int = pa.Field(ge=1)

    @pa.dataframe_check(error="a scheduled fixture has no score")
    def scheduled_unscored(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select((pl.col("status") != "scheduled") | pl.col("home_score").is_null())

    class Config:
        strict = False
        coerce = True


class Events(pa.DataFrameModel):
    event_id: str = pa.Field(unique=True)
    fixture_id: str
    event_type: str = pa.Field(isin=EVENT_TYPES)
    minute: int | None = pa.Field(nullable=True, in_range={"min_value": 0, "max_value": MAX_MINUTE})
    added_time: int | None = pa.Field(nullable=True, in_range={"min_value": 0, "max_value": 30})
    player_id: str | None = pa.Field(nullable=True)
    player_name: str | None = pa.Field(nullable=True)
    team: str | None = pa.Field(nullable=True)
    related_player_name: str | None = pa.Field(nullable=True)
    is_penalty: bool
    is_own_goal: bool
    n_sources: int = pa.Field(ge=1)

    class Config:
        strict = False
        coerce = True


class Players(pa.DataFrameModel):
    player_id: str = pa.Field(unique=True)
    name: str
    team: str | None = pa.Field(nullable=True)
    role: str = pa.Field(isin=ROLES)

    class Config:
        strict = False
        coerce = True


class People(pa.DataFrameModel):
    person_id: str = pa.Field(unique=True)
    name: str
    team: str | None = pa.Field(nullable=True)
    role: str = pa.Field(isin=ROLES)

    class Config:
        strict = False
        coerce = True


class EventMentions(pa.DataFrameModel):
    event_id: str
    source_id: str
    char_start: int = pa.Field(ge=0)
    char_end: int = pa.Field(ge=1)
    minute: int | None = pa.Field(nullable=True, in_range={"min_value": 0, "max_value": MAX_MINUTE})
    added_time: int | None = pa.Field(nullable=True, ge=0)

    class Config:
        strict = False
        coerce = True
        unique = ("event_id", "source_id", "char_start")


class Quarantine(pa.DataFrameModel):
    stage: str = pa.Field(isin=["read", "parse", "validate", "build"])
    file_name: str | None = pa.Field(nullable=True)
    source_id: str | None = pa.Field(nullable=True)
    reason: str
    record: str | None = pa.Field(nullable=True)

    class Config:
        strict = False
        coerce = True


RAW_MODELS: dict[str, type[pa.DataFrameModel]] = {
    "fixtures": RawFixture,
    "events": RawEvent,
    "people": RawPerson,
}
TABLE_MODELS: dict[str, type[pa.DataFrameModel]] = {
    "sources": Sources,
    "fixtures": Fixtures,
    "events": Events,
    "people": People,
    "players": Players,
    "event_mentions": EventMentions,
}
