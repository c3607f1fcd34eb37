"""Teams and line-ups after fusion: one spelling and one id per team, keys in DuckDB, appearances from sheets."""

from __future__ import annotations

import duckdb
import polars as pl
import pytest

from transforms.clean import read_article
from transforms.fuse import fuse
from transforms.parse import parse_articles, records_frames
from transforms.squads import side_of

CANON = {"Man Utd": "Manchester United", "Spurs": "Tottenham Hotspur"}.get


@pytest.mark.parametrize(
    ("name", "home", "away", "expected"),
    [
        ("Manchester United", "Manchester United", "Arsenal", "Manchester United"),
        ("Man Utd", "Manchester United", "Arsenal", "Manchester United"),  # the reference alias
        ("United", "Manchester United", "Arsenal", "Manchester United"),  # a shorter form of one side
        ("home", "Manchester United", "Arsenal", "Manchester United"),
        ("away", "Manchester United", "Arsenal", "Arsenal"),
        ("United", "Manchester United", "Newcastle United", None),  # both sides: no guess
        ("Spurs", "Manchester United", "Arsenal", "Tottenham Hotspur"),  # neither side: its reference name
        ("Rovers", "Manchester United", "Arsenal", None),  # neither, and unknown
        (None, "Manchester United", "Arsenal", None),
    ],
)
def test_a_team_name_is_settled_against_its_fixtures_sides(name, home, away, expected) -> None:
    assert side_of(name, home, away, CANON) == expected


SHEET_REPORT = (
    "Northgate 1-1 Eastbrook Utd\n\n"
    "Lomax put Northgate ahead in the 68th minute before Ashby levelled from the penalty spot.\n\n"
    "Northgate: Abbott, Barnes, Carver, Dalton, Ellis, Fenwick (Gill 33), Hart, Ingram, "
    "Jessop (Keeble 64), Lomax, Mercer (Noel Price 84). Subs Not Used: Oakes, Pryor. "
    "Booked: Lomax, Hart. Goals: Lomax 68. "
    "Eastbrook Utd: Quarry, Rudd, Sayer, Tolley, Upton, Vane, Wragg (Yates 70), Xavier, Young, "
    "Zeller, Ashby. Subs: Bright. Sent off: Vane 75. Booked: Rudd, Vane. Goals: Ashby 80 pen. "
    "Att: 47,111 Ref: S Bennett (Kent).\n"
)


@pytest.fixture(scope="module")
def sheet_tables(book, tagger) -> dict[str, pl.DataFrame]:
    [records] = parse_articles([read_article("report.txt", SHEET_REPORT.encode())], book, tagger)
    frames = records_frames([records])
    return fuse(frames["fixtures"], frames["events"], frames["people"], book)


def test_appearances_come_from_the_line_ups(sheet_tables) -> None:
    played = {r["player_name"]: r for r in sheet_tables["appearances"].iter_rows(named=True)}
    assert "Oakes" not in played and "Pryor" not in played and "Bright" not in played  # benched, never on
    assert sum(r["is_starter"] for r in played.values()) == 22
    starter = played["Abbott"]
    assert (starter["is_starter"], starter["minute_on"], starter["minute_off"], starter["team"]) == (
        True,
        0,
        None,
        "Northgate",
    )
    assert (played["Fenwick"]["minute_off"], played["Gill"]["is_starter"], played["Gill"]["minute_on"]) == (
        33,
        False,
        33,
    )
    assert (played["Noel Price"]["minute_on"], played["Mercer"]["minute_off"]) == (84, 84)
    assert played["Vane"]["minute_off"] == 75  # sent off
    assert played["Yates"]["minute_on"] == 70 and played["Yates"]["team"] == played["Quarry"]["team"] is not None
    teams = dict(zip(sheet_tables["teams"]["name"], sheet_tables["teams"]["team_id"], strict=True))
    assert all(teams[r["team"]] == r["team_id"] for r in played.values())
    ids = set(sheet_tables["players"]["player_id"])
    assert all(r["player_id"] in ids for r in played.values())


def test_every_team_column_holds_canonical_names_with_their_ids(seeds_run) -> None:
    _, warehouse = seeds_run
    with duckdb.connect(str(warehouse / "matchwire.duckdb"), read_only=True) as con:
        # an event's team is one of its fixture's two sides, spelled as the fixture spells it
        stray = con.execute(
            "select count(*) from events e join fixtures f using (fixture_id) "
            "where e.team is not null and e.team not in (f.home_team, f.away_team)"
        ).fetchone()[0]
        assert stray == 0
        for table, name, key in (
            ("fixtures", "home_team", "home_team_id"),
            ("fixtures", "away_team", "away_team_id"),
            ("events", "team", "team_id"),
            ("players", "team", "team_id"),
            ("appearances", "team", "team_id"),
        ):
            wrong = con.execute(
                f"select count(*) from {table} x left join teams t on t.team_id = x.{key} "
                f"where (x.{name} is null) <> (x.{key} is null) "
                f"or (x.{key} is not null and t.name is distinct from x.{name})"
            ).fetchone()[0]
            assert wrong == 0, (table, name)
        assert (
            con.execute("select count(*) from teams").fetchone()[0]
            == con.execute("select count(distinct name) from teams").fetchone()[0]
        )


def test_keys_are_declared_for_bi_tools(seeds_run) -> None:
    _, warehouse = seeds_run
    with duckdb.connect(str(warehouse / "matchwire.duckdb"), read_only=True) as con:
        found = con.execute(
            "select table_name, constraint_type, constraint_column_names, referenced_table "
            "from duckdb_constraints() where constraint_type in ('PRIMARY KEY', 'FOREIGN KEY')"
        ).fetchall()
    primary = {t: cols for t, kind, cols, _ in found if kind == "PRIMARY KEY"}
    foreign = {(t, cols[0], ref) for t, kind, cols, ref in found if kind == "FOREIGN KEY"}
    assert primary == {
        "teams": ["team_id"],
        "sources": ["source_id"],
        "people": ["person_id"],
        "fixtures": ["fixture_id"],
        "players": ["player_id"],
        "events": ["event_id"],
        "appearances": ["appearance_id"],
    }
    assert {
        ("fixtures", "home_team_id", "teams"),
        ("fixtures", "away_team_id", "teams"),
        ("events", "fixture_id", "fixtures"),
        ("events", "player_id", "people"),
        ("people", "team_id", "teams"),
        ("event_mentions", "event_id", "events"),
        ("event_mentions", "source_id", "sources"),
        ("fixture_mentions", "fixture_id", "fixtures"),
        ("appearances", "fixture_id", "fixtures"),
        ("appearances", "player_id", "players"),
    } <= foreign


def test_people_hold_everyone_and_players_only_players(seeds_run) -> None:
    _, warehouse = seeds_run
    with duckdb.connect(str(warehouse / "matchwire.duckdb"), read_only=True) as con:
        roles = dict(con.execute("select role, count(*) from people group by role").fetchall())
        assert roles.get("coach", 0) + roles.get("referee", 0) > 0, roles  # the seeds name coaches
        assert con.execute("select distinct role from players").fetchall() == [("player",)]
        assert con.execute("select count(*) from players").fetchone()[0] == roles["player"]
        same = con.execute(
            "select count(*) from players p join people x on x.person_id = p.player_id "
            "where x.name = p.name and x.aliases = p.aliases"
        ).fetchone()[0]
        assert same == roles["player"]
