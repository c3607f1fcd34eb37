"""The data dictionary: what every table, view and column of the warehouse means.

Kept as Python data so one source feeds both the comments stored inside every new warehouse
(`COMMENT ON ...`, which BI tools and `duckdb_columns()` show next to the column) and the
Markdown reference in `docs/data-dictionary.md`. Regenerate the Markdown after editing:

    .venv/bin/python -m warehouse.dictionary
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb

DOC_PATH = Path(__file__).resolve().parent.parent / "docs" / "data-dictionary.md"


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str  # DuckDB type as duckdb_columns() spells it
    description: str


@dataclass(frozen=True, slots=True)
class Relation:
    name: str
    kind: str  # "table" or "view"
    description: str
    columns: tuple[Column, ...]


def _cols(*rows: tuple[str, str, str]) -> tuple[Column, ...]:
    return tuple(Column(*r) for r in rows)


_SPAN = (
    ("char_start", "INTEGER", "Start of the words that state it, as a character offset into sources.text."),
    ("char_end", "INTEGER", "End of those words (exclusive): substring(text, char_start + 1, char_end - char_start)."),
)
_SOURCE = ("source_id", "VARCHAR", "The article it was read from (-> sources.source_id).")

DICTIONARY: tuple[Relation, ...] = (
    Relation(
        "sources",
        "table",
        "One row per version of an article ever loaded: an article is known by its file name, and a file whose "
        "bytes changed (a correction) is a new version that supersedes the earlier one. Only current versions "
        "(`is_current`) are in the other tables; the rest is history. `text` is the decoded, cleaned text that "
        "every char_start/char_end in the warehouse points into.",
        _cols(
            (
                "source_id",
                "VARCHAR",
                "Key. Hash of the article's normalised content: the same article gets the "
                "same id on any machine and in any run.",
            ),
            ("file_name", "VARCHAR", "The article's file name in the folder it was read from."),
            (
                "published_date",
                "DATE",
                "Publication date from the article's own header or dateline; NULL when it states none.",
            ),
            ("publisher", "VARCHAR", "Publisher or agency when the text names it (e.g. Reuters); else NULL."),
            ("n_words", "INTEGER", "Words in the article text."),
            ("content_sha256", "VARCHAR", "SHA-256 of the article's raw bytes, before decoding."),
            ("ingested_at", "TIMESTAMP", "When this content was first loaded (UTC); kept on later runs."),
            (
                "encoding",
                "VARCHAR",
                "How the bytes were decoded: utf-16 or utf-32 by their byte-order mark, else utf-8, else cp1252, "
                "else latin-1.",
            ),
            ("n_chars", "INTEGER", "Characters in `text`."),
            (
                "text",
                "VARCHAR",
                "The decoded article text (an HTML page's text with its markup stripped, a stray NUL as a space), "
                "boilerplate blanked in place so offsets still hold.",
            ),
            (
                "parser",
                "VARCHAR",
                "Fingerprint of the parser code and reference data that read the article; "
                "a run with a different parser parses every article again.",
            ),
            (
                "is_current",
                "BOOLEAN",
                "True for the version whose records are in the tables; false once a newer version of the same "
                "file superseded it, or `matchwire run --prune` retracted it (its file left the folder).",
            ),
            (
                "superseded_by",
                "VARCHAR",
                "The source_id of the version of the same file that replaced this one; NULL while current, "
                "and for a version retracted by --prune.",
            ),
            ("retired_at", "TIMESTAMP", "When this version stopped being current (UTC); NULL while current."),
        ),
    ),
    Relation(
        "fixtures",
        "table",
        "One row per match, played or scheduled, however many articles report it (reports of one team "
        "pair within a day of each other are one match).",
        _cols(
            ("fixture_id", "VARCHAR", "Key. Hash of home team, away team, date and played/scheduled."),
            (
                "match_date",
                "DATE",
                "Calendar date of the match ('on Sunday' resolved against the article's "
                "date); NULL when no source allows it.",
            ),
            (
                "competition",
                "VARCHAR",
                "Canonical competition name, e.g. 'La Liga', 'Champions League'; NULL when unknown.",
            ),
            ("home_team", "VARCHAR", "Canonical home team name (one spelling per team across the warehouse)."),
            ("away_team", "VARCHAR", "Canonical away team name."),
            (
                "home_known",
                "BOOLEAN",
                "True when a source says plainly who was at home (a score line or line-up printed home "
                "first, 'at <ground>', 'away to', 'the hosts', the dateline city); False when no source "
                "does, and home_team is only the team named first.",
            ),
            (
                "home_score",
                "INTEGER",
                "Final home score (majority of the sources); NULL when not played or not "
                "reported. Shoot-out kicks are never counted.",
            ),
            ("away_score", "INTEGER", "Final away score; NULL when not played or not reported."),
            ("status", "VARCHAR", "played, scheduled, abandoned or postponed."),
            ("venue", "VARCHAR", "Stadium, when a source names it."),
            ("n_sources", "INTEGER", "Distinct articles that report this match."),
            (
                "score_note",
                "VARCHAR",
                "How the score was reached or found: 'after extra time', '4-3 on "
                "penalties', 'score counted from the goals reported'.",
            ),
            (
                "season",
                "VARCHAR",
                "European season of match_date, e.g. '2025-26' (August to May); 'undated' "
                "without a date. The Parquet partition key (folders season=2025-26/, season=undated/).",
            ),
            ("has_score_conflict", "BOOLEAN", "True when sources gave different final scores (the majority won)."),
            ("home_team_id", "VARCHAR", "The home team (-> teams.team_id)."),
            ("away_team_id", "VARCHAR", "The away team (-> teams.team_id)."),
        ),
    ),
    Relation(
        "events",
        "table",
        "One row per real match event (goal, card, substitution, injury, penalty, ...), however many "
        "articles report it. Minutes are the majority of the sources; the disagreement is kept.",
        _cols(
            ("event_id", "VARCHAR", "Key. Hash of fixture, event family, player and ordinal."),
            ("fixture_id", "VARCHAR", "The match (-> fixtures.fixture_id)."),
            (
                "event_type",
                "VARCHAR",
                "goal, yellow_card, second_yellow, red_card, substitution, injury, "
                "penalty_miss, penalty_won, woodwork, save, chance_missed, disallowed_goal.",
            ),
            (
                "minute",
                "INTEGER",
                "Match-clock minute before any added time: 90 for '90+10'; NULL when no source gives one.",
            ),
            ("added_time", "INTEGER", "Stoppage minutes: 10 for '90+10' or 'the 100th minute'; NULL when none."),
            (
                "player_id",
                "VARCHAR",
                "The actor (-> people.person_id, which players.player_id shares for a player): scorer, booked "
                "player, player coming on, injured player.",
            ),
            ("player_name", "VARCHAR", "The actor's canonical display name."),
            ("team", "VARCHAR", "The actor's own team, for an own goal too; NULL when no source says."),
            (
                "related_player_name",
                "VARCHAR",
                "Assist provider (goal), player going off (substitution), player fouled (card).",
            ),
            ("is_penalty", "BOOLEAN", "The goal (or miss) was from a penalty kick."),
            ("is_own_goal", "BOOLEAN", "The goal was an own goal: it counts for the other team."),
            ("n_sources", "INTEGER", "Distinct articles reporting this event."),
            ("minute_reported", "INTEGER[]", "Every clock (minute + added time) the sources gave, sorted."),
            ("has_minute_conflict", "BOOLEAN", "True when sources gave different clocks for this event."),
            (
                "home_score_after",
                "INTEGER",
                "Home score after this goal, in clock order; NULL on other events "
                "and once an earlier goal lacks a minute or a team.",
            ),
            ("away_score_after", "INTEGER", "Away score after this goal (see home_score_after)."),
            (
                "season",
                "VARCHAR",
                "The fixture's season (August to May, e.g. 2025-26, or 'undated'): the Parquet partition key.",
            ),
            ("team_id", "VARCHAR", "The actor's team (-> teams.team_id)."),
        ),
    ),
    Relation(
        "people",
        "table",
        "One row per real person named in the matches, however spelled: players, coaches, referees and others, "
        "told apart by `role` (events.player_id points here: a coach can be booked).",
        _cols(
            ("person_id", "VARCHAR", "Key. Hash of the spelling-blind name (and team for one-word names) and role."),
            ("name", "VARCHAR", "Canonical display name, with diacritics when any source has them."),
            (
                "team",
                "VARCHAR",
                "Canonical team (teams.name) their events and line-ups place them in most often, else the reference "
                "name of the team the text gives; NULL when that names no one team (a bare 'United').",
            ),
            ("role", "VARCHAR", "player, coach, referee or other."),
            ("aliases", "VARCHAR[]", "Every spelling seen in the sources, e.g. ['Tomas Varga', 'Tomás Varga']."),
            ("team_id", "VARCHAR", "Their team (-> teams.team_id)."),
        ),
    ),
    Relation(
        "players",
        "table",
        "One row per player named in the matches, however spelled: the `people` whose role is player, under "
        "the contract's column names. Coaches, referees and others are in `people`.",
        _cols(
            ("player_id", "VARCHAR", "Key. Hash of the spelling-blind name (and team for one-word names) and role."),
            ("name", "VARCHAR", "Canonical display name, with diacritics when any source has them."),
            (
                "team",
                "VARCHAR",
                "Canonical team (teams.name) their events and line-ups place them in most often, else the reference "
                "name of the team the text gives; NULL when that names no one team (a bare 'United').",
            ),
            ("role", "VARCHAR", "Always player here (the others are in people)."),
            ("aliases", "VARCHAR[]", "Every spelling seen in the sources, e.g. ['Tomas Varga', 'Tomás Varga']."),
            ("team_id", "VARCHAR", "Their team (-> teams.team_id)."),
        ),
    ),
    Relation(
        "teams",
        "table",
        "One row per team named anywhere in the warehouse, under its one canonical spelling: fixtures.home_team, "
        "away_team, events.team, players.team and appearances.team all hold these names, and the *_team_id / "
        "team_id columns point here.",
        _cols(
            ("team_id", "VARCHAR", "Key. Hash of the canonical name: the same team has the same id in every run."),
            ("name", "VARCHAR", "Canonical name, e.g. 'Manchester United' (never 'Man Utd' or 'United')."),
            ("country", "VARCHAR", "Country of the club or national team, from the reference data; NULL if unknown."),
            ("kind", "VARCHAR", "club or national, from the reference data; NULL for a team known only from the text."),
            ("source", "VARCHAR", "reference (in transforms/data) or text (a team the reader learned from articles)."),
        ),
    ),
    Relation(
        "appearances",
        "table",
        "One row per player per fixture they played in, from the line-ups the team sheets print and the "
        "substitutions reported: who started, who came on and when, and when each left. Players on the bench "
        "who never came on are not here.",
        _cols(
            ("appearance_id", "VARCHAR", "Key. Hash of the fixture and the player."),
            ("fixture_id", "VARCHAR", "-> fixtures.fixture_id."),
            ("team_id", "VARCHAR", "-> teams.team_id; NULL when no sheet or event tells the side."),
            ("team", "VARCHAR", "Canonical team name (teams.name)."),
            ("player_id", "VARCHAR", "-> players.player_id; NULL for a name the fixture's people did not bind."),
            ("player_name", "VARCHAR", "The player's display name."),
            ("is_starter", "BOOLEAN", "True for a player of the starting line-up, false for one who came on."),
            (
                "minute_on",
                "INTEGER",
                "0 for a starter; the minute a substitute came on (NULL when no source gives it).",
            ),
            (
                "minute_off",
                "INTEGER",
                "Minute they went off (substituted, sent off); NULL when no source says they left.",
            ),
            ("n_sources", "INTEGER", "Articles whose line-up or substitutions tell this appearance."),
        ),
    ),
    Relation(
        "event_mentions",
        "table",
        "Provenance of events: one row per event per article statement, with the words that state it "
        "and the minute that article gave.",
        _cols(
            ("event_id", "VARCHAR", "The event (-> events.event_id)."),
            _SOURCE,
            *_SPAN,
            ("minute", "INTEGER", "Minute as this article reports it (sources disagree)."),
            ("added_time", "INTEGER", "Added time as this article reports it."),
            (
                "rule",
                "VARCHAR",
                "Name of the extraction pattern that read it (for debugging the parser); "
                "'implied_by_second_yellow' for a first yellow card derived from the words telling the second.",
            ),
        ),
    ),
    Relation(
        "fixture_mentions",
        "table",
        "Provenance of fixtures: which article names which match, where, and the score it gave.",
        _cols(
            ("fixture_id", "VARCHAR", "The match (-> fixtures.fixture_id)."),
            _SOURCE,
            *_SPAN,
            (
                "home_team",
                "VARCHAR",
                "Home team as this article has it (may be the other way round from "
                "the fixture when the article does not say who was at home).",
            ),
            ("away_team", "VARCHAR", "Away team as this article has it."),
            ("home_score", "INTEGER", "Score of this article's home_team, when it gives one."),
            ("away_score", "INTEGER", "Score of this article's away_team, when it gives one."),
            (
                "rule",
                "VARCHAR",
                "Name of the pattern that found the match (headline, prose_beat, fixture_list, team_sheet, ...).",
            ),
        ),
    ),
    Relation(
        "quarantine",
        "table",
        "Every file or record that was rejected, with the stage and the reason. A run never stops for "
        "bad input; it lands here.",
        _cols(
            ("stage", "VARCHAR", "Where it was rejected: read, parse, validate or build."),
            ("file_name", "VARCHAR", "The article file, when known."),
            ("source_id", "VARCHAR", "The article's source_id, when it got that far."),
            ("reason", "VARCHAR", "Why, e.g. 'empty file', 'raw people: name failed str_length(2, 80)'."),
            ("record", "VARCHAR", "The rejected record as JSON, when it was a record."),
        ),
    ),
    Relation(
        "rejected_sources",
        "table",
        "Files that were refused as articles (empty, binary, too large, a duplicate of another file) and "
        "folder entries that are not files (sub-folders, dangling symlinks), kept with their bytes so nothing "
        "is lost. A refusal expires once its file loads fine.",
        _cols(
            ("file_name", "VARCHAR", "The refused file's name."),
            ("content_sha256", "VARCHAR", "SHA-256 of its bytes, when they were read."),
            ("size_bytes", "BIGINT", "Its size in bytes."),
            ("reason", "VARCHAR", "Why it was refused."),
            ("raw", "BLOB", "Its bytes, when they were read (files over the size limit are not)."),
            (
                "path",
                "VARCHAR",
                "Where the entry lies, relative to the articles folder, when its bytes were not read.",
            ),
        ),
    ),
    Relation(
        "raw_fixtures",
        "table",
        "What each article says about each match it names, before fusion: the input of `fixtures`, "
        "kept so incremental runs can fuse again without re-reading old articles.",
        _cols(
            _SOURCE,
            ("fixture_index", "INTEGER", "Position of the match within the article (0 = the article's own)."),
            ("home_team", "VARCHAR", "Canonical home team as the article has it."),
            ("away_team", "VARCHAR", "Canonical away team as the article has it."),
            ("home_score", "INTEGER", "Home score this article gives, if any."),
            ("away_score", "INTEGER", "Away score this article gives, if any."),
            ("status", "VARCHAR", "played, scheduled, abandoned or postponed, as this article tells it."),
            ("match_date", "DATE", "Date this article implies, if any."),
            ("competition", "VARCHAR", "Competition this article names, if any."),
            ("venue", "VARCHAR", "Venue this article names, if any."),
            ("home_known", "BOOLEAN", "The article says which side was at home (else the order is a guess)."),
            ("is_main", "BOOLEAN", "This is the match the article reports (not one mentioned in passing)."),
            ("score_note", "VARCHAR", "Extra time, shoot-out or how the score was found, as this article tells it."),
            *_SPAN,
            ("rule", "VARCHAR", "Name of the pattern that found the match."),
        ),
    ),
    Relation(
        "raw_events",
        "table",
        "Every event statement of every article, before fusion: the input of `events` and `event_mentions`.",
        _cols(
            _SOURCE,
            ("fixture_index", "INTEGER", "Which of the article's matches it belongs to (-> raw_fixtures)."),
            ("event_type", "VARCHAR", "Event type, same vocabulary as events.event_type."),
            ("player_name", "VARCHAR", "The actor's name as the article spells it."),
            ("team", "VARCHAR", "The actor's team as the article gives it, if any."),
            ("related_player_name", "VARCHAR", "Assist provider, player going off or player fouled, as spelled."),
            ("minute", "INTEGER", "Minute this article gives, if any."),
            ("added_time", "INTEGER", "Added time this article gives, if any."),
            ("is_penalty", "BOOLEAN", "This article says it was a penalty."),
            ("is_own_goal", "BOOLEAN", "This article says it was an own goal."),
            *_SPAN,
            ("rule", "VARCHAR", "Name of the extraction pattern that read it."),
        ),
    ),
    Relation(
        "raw_people",
        "table",
        "Every person each article names, before fusion: the input of `players`.",
        _cols(
            _SOURCE,
            ("name", "VARCHAR", "The name as the article spells it."),
            ("role", "VARCHAR", "player, coach, referee or other, as the article suggests."),
            ("team", "VARCHAR", "Team the article places them in, if any."),
            *_SPAN,
            ("rule", "VARCHAR", "Name of the pattern that found the person."),
        ),
    ),
    Relation(
        "fixture_timeline",
        "view",
        "Events of every match in clock order, with the score at each moment. Untimed events come last.",
        _cols(
            ("fixture_id", "VARCHAR", "The match (-> fixtures)."),
            ("match_date", "DATE", "Date of the match."),
            ("home_team", "VARCHAR", "Home team."),
            ("away_team", "VARCHAR", "Away team."),
            ("event_id", "VARCHAR", "The event (-> events)."),
            ("event_type", "VARCHAR", "Event type (see events.event_type)."),
            ("minute", "INTEGER", "Match-clock minute before added time."),
            ("added_time", "INTEGER", "Stoppage minutes."),
            ("player_name", "VARCHAR", "The actor."),
            ("team", "VARCHAR", "The actor's team as the events table has it."),
            ("related_player_name", "VARCHAR", "Assist provider, player going off or player fouled."),
            ("is_penalty", "BOOLEAN", "From a penalty kick."),
            ("is_own_goal", "BOOLEAN", "An own goal."),
            ("home_score_after", "INTEGER", "Home score after this goal (goals only)."),
            ("away_score_after", "INTEGER", "Away score after this goal (goals only)."),
            ("n_sources", "INTEGER", "Articles reporting the event."),
            ("has_minute_conflict", "BOOLEAN", "Sources disagree on the minute."),
            ("competition", "VARCHAR", "Competition of the match."),
            ("seq", "INTEGER", "Position of the event in the match's timeline, from 1."),
            ("clock", "VARCHAR", "The minute as printed: 15', 90+10'; NULL when unknown."),
            ("player_id", "VARCHAR", "The actor (-> players)."),
            (
                "actor_team",
                "VARCHAR",
                "The actor's team, filled from the players table or a team-mate "
                "(substitution partner, assist provider) when the event has none.",
            ),
            ("actor_side", "VARCHAR", "'home' or 'away': which of the two teams actor_team is."),
            (
                "home_score_now",
                "INTEGER",
                "Home score when the event happened; NULL for untimed events, "
                "scheduled matches, and after a goal whose scoring side is unknown.",
            ),
            ("away_score_now", "INTEGER", "Away score when the event happened (see home_score_now)."),
            ("minute_reported", "INTEGER[]", "Every clock the sources gave for this event."),
        ),
    ),
    Relation(
        "fixture_summary",
        "view",
        "One line per match: date, teams, score, scorers and cards as text, ordered by date. The place to start.",
        _cols(
            ("fixture_id", "VARCHAR", "The match (-> fixtures)."),
            ("match_date", "DATE", "Date of the match; undated matches come last."),
            ("season", "VARCHAR", "Season, e.g. '2025-26'."),
            ("competition", "VARCHAR", "Competition."),
            ("home_team", "VARCHAR", "Home team."),
            ("away_team", "VARCHAR", "Away team."),
            ("home_score", "INTEGER", "Final home score."),
            ("away_score", "INTEGER", "Final away score."),
            ("score", "VARCHAR", "The score as text, home first: '2-1'; NULL when not known."),
            ("result", "VARCHAR", "'home win', 'draw' or 'away win'; NULL without a score."),
            ("status", "VARCHAR", "played, scheduled, abandoned or postponed."),
            ("venue", "VARCHAR", "Stadium."),
            ("n_sources", "INTEGER", "Articles reporting the match."),
            (
                "home_scorers",
                "VARCHAR",
                'Goals credited to the home side in clock order, e.g. "Tomás '
                "Varga 15', Pieter Olsen 90+10' (pen)\"; own goals by away players marked (og).",
            ),
            ("away_scorers", "VARCHAR", "Goals credited to the away side, same format."),
            (
                "unplaced_scorers",
                "VARCHAR",
                "Goals no source ties to either team and the final score cannot "
                "place either; NULL when every goal is placed.",
            ),
            (
                "cards",
                "VARCHAR",
                "Bookings in clock order: player, minute, card (yellow, second yellow, red) and team when known.",
            ),
            ("yellow_cards", "INTEGER", "Yellow cards (a second yellow counts as red)."),
            ("red_cards", "INTEGER", "Red cards, straight or second yellow."),
            ("n_goals", "INTEGER", "Goal events recorded (may fall short of the score when sources omit some)."),
            ("n_events", "INTEGER", "Events of any type recorded for the match."),
            ("has_score_conflict", "BOOLEAN", "Sources gave different final scores."),
            ("score_note", "VARCHAR", "Extra time, shoot-out, or how the score was found."),
            (
                "home_known",
                "BOOLEAN",
                "A source says which side was at home; when False, home_team is only the team named first "
                "and 'home win' / 'away win' follow that order.",
            ),
        ),
    ),
    Relation(
        "player_fixture_stats",
        "view",
        "One row per person per match they are named in by an event: goals, assists, cards, "
        "substitutions, injury. Keyed by player_id where known, by name otherwise.",
        _cols(
            ("fixture_id", "VARCHAR", "The match (-> fixtures)."),
            ("match_date", "DATE", "Date of the match."),
            ("competition", "VARCHAR", "Competition."),
            ("home_team", "VARCHAR", "Home team of the match."),
            ("away_team", "VARCHAR", "Away team of the match."),
            ("player_id", "VARCHAR", "The person (-> players); NULL when only a name is known."),
            ("player_name", "VARCHAR", "Canonical name."),
            ("role", "VARCHAR", "player, coach, referee or other (from players)."),
            ("team", "VARCHAR", "Their team in this match, from the events, the players table or a team-mate."),
            ("side", "VARCHAR", "'home' or 'away' in this match; NULL when the team is unknown."),
            ("goals", "INTEGER", "Goals scored (own goals not included)."),
            ("penalties", "INTEGER", "Of those goals, penalties scored."),
            ("own_goals", "INTEGER", "Own goals."),
            ("assists", "INTEGER", "Goals they set up (they are the goal's related_player_name)."),
            ("penalties_missed", "INTEGER", "Penalties missed or saved."),
            ("penalties_won", "INTEGER", "Penalties won (fouled in the box)."),
            ("yellow", "INTEGER", "Yellow cards."),
            ("red", "INTEGER", "Red cards, straight or second yellow."),
            ("is_subbed_on", "BOOLEAN", "Came on as a substitute."),
            ("minute_on", "INTEGER", "Minute they came on; NULL when not subbed on or no minute given."),
            ("is_subbed_off", "BOOLEAN", "Was substituted off."),
            ("minute_off", "INTEGER", "Minute they went off; NULL when not subbed off or no minute given."),
            ("is_injured", "BOOLEAN", "Reported injured in the match."),
            ("n_events", "INTEGER", "Events naming them in this match, in any role."),
        ),
    ),
    Relation(
        "source_coverage",
        "view",
        "Which articles report which match, what score each gave and how many of the match's events each "
        "states. One row per match per article.",
        _cols(
            ("fixture_id", "VARCHAR", "The match (-> fixtures)."),
            ("match_date", "DATE", "Date of the match."),
            ("home_team", "VARCHAR", "Home team."),
            ("away_team", "VARCHAR", "Away team."),
            ("status", "VARCHAR", "Status of the match."),
            ("source_id", "VARCHAR", "The article (-> sources)."),
            ("file_name", "VARCHAR", "The article's file name."),
            ("publisher", "VARCHAR", "Publisher, when known."),
            ("published_date", "DATE", "Publication date, when known."),
            ("n_fixture_mentions", "INTEGER", "Times the article names the match (fixture_mentions rows)."),
            ("reported_home_score", "INTEGER", "Home score this article gives, turned to the fixture's home side."),
            ("reported_away_score", "INTEGER", "Away score this article gives, turned to the fixture's away side."),
            ("has_same_score", "BOOLEAN", "The article's score equals the fixture's; NULL when either is missing."),
            ("n_events", "INTEGER", "Distinct events of the match this article states."),
            ("n_event_mentions", "INTEGER", "Event statements of the match in this article (event_mentions rows)."),
            (
                "n_minute_disagreements",
                "INTEGER",
                "Of those, how many give a minute other than the fused one "
                "('in stoppage time' does not contradict 90+10).",
            ),
            ("first_mention_text", "VARCHAR", "The words where the article first names the match."),
        ),
    ),
)


def _deprecated() -> tuple[Relation, ...]:
    """The previous release's view names, described as what they are: the new views under the old column names."""
    from warehouse.views import DEPRECATED_VIEWS

    out = []
    for old, (new, renamed) in DEPRECATED_VIEWS.items():
        rel = next(r for r in DICTIONARY if r.name == new)
        note = f"Deprecated: the previous release's name of `{new}`, with its old column names; dropped next release."
        cols = tuple(Column(renamed.get(c.name, c.name), c.type, c.description) for c in rel.columns)
        out.append(Relation(old, "view", note, cols))
    return tuple(out)


DICTIONARY += _deprecated()


def relation(name: str) -> Relation:
    """The dictionary entry of one table or view."""
    return next(r for r in DICTIONARY if r.name == name)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def comment_statements(con: duckdb.DuckDBPyConnection) -> list[str]:
    """COMMENT ON statements for the relations and columns this connection actually has.

    Asks information_schema first, so a table or column that is missing (an older warehouse, a
    column renamed by someone else) is skipped instead of failing the load.
    """
    present: dict[str, tuple[str, set[str]]] = {}
    rows = con.execute(
        "select t.table_name, t.table_type, c.column_name from information_schema.tables t "
        "join information_schema.columns c using (table_catalog, table_schema, table_name) "
        "where t.table_schema = current_schema()"
    ).fetchall()
    for table, kind, column in rows:
        present.setdefault(table, ("VIEW" if kind == "VIEW" else "TABLE", set()))[1].add(column)
    out: list[str] = []
    for rel in DICTIONARY:
        if rel.name not in present:
            continue
        kind, columns = present[rel.name]
        out.append(f"comment on {kind.lower()} {_ident(rel.name)} is {_quote(rel.description)};")
        out += [
            f"comment on column {_ident(rel.name)}.{_ident(c.name)} is {_quote(c.description)};"
            for c in rel.columns
            if c.name in columns
        ]
    return out


def apply_comments(con: duckdb.DuckDBPyConnection) -> int:
    """Store the dictionary in the warehouse as comments; returns how many were set."""
    statements = comment_statements(con)
    if statements:
        con.execute("\n".join(statements))
    return len(statements)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown() -> str:
    """The dictionary as a Markdown reference, tables first, then views."""
    lines = [
        "# Data dictionary",
        "",
        "Generated from `warehouse/dictionary.py` (`.venv/bin/python -m warehouse.dictionary`); do not edit "
        "by hand. The same descriptions are stored in every warehouse as comments: "
        "`select table_name, column_name, comment from duckdb_columns()`.",
        "",
        "Tables: " + ", ".join(f"[`{r.name}`](#{r.name})" for r in DICTIONARY if r.kind == "table"),
        "",
        "Views: " + ", ".join(f"[`{r.name}`](#{r.name})" for r in DICTIONARY if r.kind == "view"),
        "",
    ]
    for rel in DICTIONARY:
        lines += [
            f"## {rel.name}",
            "",
            f"*{rel.kind}*. {_cell(rel.description)}",
            "",
            "| column | type | meaning |",
            "|---|---|---|",
        ]
        lines += [f"| `{c.name}` | {c.type} | {_cell(c.description)} |" for c in rel.columns]
        lines.append("")
    return "\n".join(lines)


def write_markdown(path: Path = DOC_PATH) -> Path:
    """Write the Markdown reference (run once after editing the dictionary, commit the output)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_markdown(), encoding="utf-8")
    return path


if __name__ == "__main__":  # pragma: no cover
    sys.stdout.write(f"wrote {write_markdown()}\n")
