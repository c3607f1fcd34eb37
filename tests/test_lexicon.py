"""Every row of the football vocabulary (transforms/data/*_words.csv) is read as its example says.

A row's `example` is an invented sentence using it; the reader must get from it what the row
claims: the event, the result, the announced fixture, the kind of score. Rows that say something did
not happen (negations, near misses, hypotheticals) must leave no event. Each row is its own test case,
named by table and phrase, so a failure names the entry to fix.
"""

from __future__ import annotations

import re

import pytest

from transforms.clean import read_article
from transforms.reader import finish, new_doc, prepare
from transforms.reader import read_article as read_doc
from transforms.records import ArticleRecords
from warehouse.reference import lexicon, spacy_tagger, team_book

LEX = lexicon()
HEADING = "Northbrook 2-1 Eastwick\n\n"  # a played match for events to belong to (invented clubs)
KNOWN = {"Northbrook": "Arsenal", "Eastwick": "Chelsea"}  # listed clubs: the phrase is tested, not name learning


def with_known_clubs(text: str) -> str:
    for invented, listed in KNOWN.items():
        text = text.replace(invented, listed)
    return text


@pytest.fixture(scope="module")
def reader_parts():
    return team_book(), spacy_tagger()


def read(text: str, parts, date: str | None = "2026-03-07") -> ArticleRecords:
    book, tagger = parts
    header = f" date {date} " if date else ""
    article = read_article("example.txt", (header + text).encode())
    return read_doc(article, book, tagger)


def rows(table: str, **where: str) -> list[dict[str, str]]:
    return [r for r in LEX.rows(table, **where) if r.get("example")]


def ids(table_rows: list[dict[str, str]]) -> list[str]:
    return [f"{r['phrase']}|{r.get('event') or r.get('kind')}" for r in table_rows]


# ---- events ---------------------------------------------------------------------------------------
FAMILY = {"red_card": {"red_card", "second_yellow"}, "second_yellow": {"second_yellow"}}
EVENT_ROWS = [r for r in rows("event_words") if r["event"] not in ("negation", "shootout", "assist")]
NEGATION_ROWS = rows("event_words", event="negation")


@pytest.mark.parametrize("row", EVENT_ROWS, ids=ids(EVENT_ROWS))
def test_event_phrase_reads_its_example(row, reader_parts) -> None:
    rec = read(HEADING + row["example"], reader_parts)
    wanted = FAMILY.get(row["event"], {row["event"]})
    got = [e for e in rec.events if e.event_type in wanted]
    assert got, f"{row['phrase']!r}: no {row['event']} in {row['example']!r}; got {[e.event_type for e in rec.events]}"
    actors = {e.player_name for e in got} | {e.related_player_name for e in got}
    assert actors & {"Tomas Varga", "Pieter Olsen", "Samir Haddou", None}


@pytest.mark.parametrize("row", NEGATION_ROWS, ids=ids(NEGATION_ROWS))
def test_negation_leaves_no_event(row, reader_parts) -> None:
    rec = read(HEADING + row["example"], reader_parts)
    told = [e for e in rec.events if e.event_type != "woodwork"]  # hitting the post is a fact, not a goal
    assert not told, f"{row['phrase']!r}: {[(e.event_type, e.player_name) for e in told]}"


# ---- results --------------------------------------------------------------------------------------
RESULT_ROWS = [r for r in rows("result_words") if "Northbrook" in r["example"] and "Eastwick" in r["example"]]


@pytest.mark.parametrize("row", RESULT_ROWS, ids=ids(RESULT_ROWS))
def test_result_phrase_reads_its_example(row, reader_parts) -> None:
    scored = any(ch.isdigit() for ch in row["example"])  # a result without a score names its clubs as listed
    rec = read(row["example"] if scored else with_known_clubs(row["example"]), reader_parts)
    played = [f for f in rec.fixtures if f.status == "played"]
    assert played, f"{row['phrase']!r}: no match read from {row['example']!r}"
    main = played[0]
    us, them = ("Northbrook", "Eastwick") if scored else ("Arsenal", "Chelsea")
    assert {main.home_team, main.away_team} == {us, them}
    if main.home_score is None or row["outcome"] not in ("win", "lose", "draw"):
        return
    ours = main.home_score if main.home_team == us else main.away_score
    theirs = main.away_score if main.home_team == us else main.home_score
    assert {"win": ours > theirs, "lose": ours < theirs, "draw": ours == theirs}[row["outcome"]], (ours, theirs)
    if row["home"] == "subject":
        assert (main.home_team, main.home_known) == (us, True)
    elif row["home"] == "object":
        assert (main.home_team, main.home_known) == (them, True)


STATUS_ROWS = rows("result_words", kind="status")


@pytest.mark.parametrize("row", STATUS_ROWS, ids=ids(STATUS_ROWS))
def test_status_word_gives_the_main_match_its_status(row, reader_parts) -> None:
    rec = read(HEADING + row["example"], reader_parts)
    assert rec.fixtures and rec.fixtures[0].status == row["outcome"], [(f.home_team, f.status) for f in rec.fixtures]


# ---- scores ---------------------------------------------------------------------------------------
SCORE_ROWS = rows("score_words")


@pytest.mark.parametrize("row", SCORE_ROWS, ids=ids(SCORE_ROWS))
def test_score_word_gives_its_kind(row, reader_parts) -> None:
    book, tagger = reader_parts
    doc = new_doc(read_article("example.txt", (HEADING + row["example"]).encode()), book, tagger)
    prepare(doc)
    finish(doc)
    start = len(HEADING)
    kinds = {s.kind for s in doc.scores if s.start >= start} | {h.kind for h in doc.headings if h.start >= start}
    assert row["kind"] in kinds, (row["example"], kinds)


# ---- fixtures ahead -------------------------------------------------------------------------------
ANNOUNCE_ROWS = rows("ahead_words", kind="announce")
CUE_ROWS = rows("ahead_words", kind="past") + rows("ahead_words", kind="hypothetical")


def scheduled(rec: ArticleRecords):
    return [f for f in rec.fixtures if f.status == "scheduled"]


@pytest.mark.parametrize("row", ANNOUNCE_ROWS, ids=ids(ANNOUNCE_ROWS))
def test_announcement_gives_a_scheduled_fixture(row, reader_parts) -> None:
    rec = read(with_known_clubs(row["example"]), reader_parts)
    [fx] = scheduled(rec)
    assert {fx.home_team, fx.away_team} == {"Arsenal", "Chelsea"}
    home = {"subject": "Arsenal", "first": "Arsenal", "other": "Chelsea"}.get(row["home"])
    assert fx.home_known == (home is not None)
    if home:
        assert fx.home_team == home


@pytest.mark.parametrize("row", CUE_ROWS, ids=ids(CUE_ROWS))
def test_past_and_hypothetical_words_announce_nothing(row, reader_parts) -> None:
    assert not scheduled(read(with_known_clubs(row["example"]), reader_parts)), row["example"]


SECOND_LEG_ROWS = rows("ahead_words", kind="second_leg")


@pytest.mark.parametrize("row", SECOND_LEG_ROWS, ids=ids(SECOND_LEG_ROWS))
def test_second_leg_is_the_main_match_the_other_way_round(row, reader_parts) -> None:
    rec = read(HEADING + row["example"], reader_parts)
    [fx] = scheduled(rec)
    assert (fx.home_team, fx.away_team, fx.home_known) == ("Eastwick", "Northbrook", True)


# ---- team words -----------------------------------------------------------------------------------
PLAYER_NOUN_ROWS = rows("team_words", means="player_noun")


@pytest.mark.parametrize("row", PLAYER_NOUN_ROWS, ids=ids(PLAYER_NOUN_ROWS))
def test_country_before_a_player_role_is_no_side(row, reader_parts) -> None:
    played = [f for f in read(row["example"], reader_parts).fixtures if f.status == "played"]
    assert all("Eastwick" in (f.home_team, f.away_team) for f in played)
    country = row["example"].split()[1]
    assert all(country not in (f.home_team, f.away_team) for f in played)


SIDE_ROWS = rows("team_words", means="home") + rows("team_words", means="away")


@pytest.mark.parametrize("row", SIDE_ROWS, ids=ids(SIDE_ROWS))
def test_a_side_word_tells_who_was_at_home(row, reader_parts) -> None:
    """A side word naming no team, opening the sentence after one about Northbrook alone, is about
    Northbrook; one before a name is about that team."""
    example = row["example"]
    lead = "Northbrook beat Eastwick 4-2 on Saturday.\n\nNorthbrook started well. "
    text = example if re.search(r"\d-\d", example) else lead + example
    after = example[example.lower().find(row["phrase"].lower()) + len(row["phrase"]) :]
    named = next((t for t in ("Northbrook", "Eastwick") if after.lstrip().startswith(t)), "Northbrook")
    home = named if row["means"] == "home" else ({"Northbrook", "Eastwick"} - {named}).pop()
    [m] = [f for f in read(text, reader_parts).fixtures if f.status == "played"]
    assert (m.home_team, m.home_known) == (home, True), text


# ---- nicknames ------------------------------------------------------------------------------------
NICKNAME_ROWS = rows("nicknames")


@pytest.mark.parametrize("row", NICKNAME_ROWS, ids=[f"{r['nickname']}|{r['team']}" for r in NICKNAME_ROWS])
def test_a_nickname_names_its_team_when_the_team_plays(row, reader_parts) -> None:
    """With the team named in the article's score line, the nickname in its example is read as that team."""
    from transforms.reader import new_doc, prepare

    book, tagger = reader_parts
    text = f" date 2026-03-07 {row['team']} 1-0 Eastwick\n\n{row['example']}"
    doc = new_doc(read_article("nick.txt", text.encode()), book, tagger)
    prepare(doc)
    at = text.lower().find(row["nickname"].lower(), text.find("\n\n"))
    heading = {t.team for t in doc.teams if t.start < text.find("\n\n") and t.team}
    told = {t.team for t in doc.teams if t.start <= at < t.end}
    assert told and told <= heading, (told, heading)


def test_every_nickname_names_a_team_as_the_reader_spells_it(reader_parts) -> None:
    from transforms.reader.teams import canonical_name

    book, _ = reader_parts
    assert [(r["nickname"], r["team"]) for r in NICKNAME_ROWS if canonical_name(book, r["team"]) != r["team"]] == []


BENEFIT_ROWS = rows("team_words", means="benefit")
CONCEDE_ROWS = rows("team_words", means="concede")


@pytest.mark.parametrize("row", BENEFIT_ROWS + CONCEDE_ROWS, ids=ids(BENEFIT_ROWS + CONCEDE_ROWS))
def test_the_team_a_goal_helped_or_hurt_gives_the_scorers_side(row, reader_parts) -> None:
    """'Varga's strike gave Northbrook the win' (benefit) and 'Eastwick trailed to a Varga penalty'
    (concede): either way Varga plays for Northbrook, whichever side the score line puts first."""
    for heading in ("Northbrook 2-1 Eastwick\n\n", "Eastwick 1-2 Northbrook\n\n"):
        goals = [e for e in read(heading + row["example"], reader_parts).events if e.event_type == "goal"]
        assert [(e.player_name, e.team) for e in goals] == [("Tomas Varga", "Northbrook")], heading


SQUAD_ROWS = rows("team_words", means="squad")


@pytest.mark.parametrize("row", SQUAD_ROWS, ids=ids(SQUAD_ROWS))
def test_words_that_say_which_of_a_clubs_teams_played_are_no_part_of_its_name(row, reader_parts) -> None:
    """'The Northbrook men's soccer team edged out Eastwick 3-2': the result is Northbrook's, a club
    nobody listed, read as if its name stood alone."""
    [fx] = [f for f in read(row["example"], reader_parts).fixtures if f.status == "played"]
    assert {(fx.home_team, fx.home_score), (fx.away_team, fx.away_score)} == {("Northbrook", 3), ("Eastwick", 2)}
