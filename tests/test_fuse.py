"""Build stage: several articles about one match fuse into one fixture, one event per real event."""

import polars as pl
import pytest

from transforms.clean import read_article
from transforms.fuse import fuse, name_key
from transforms.parse import parse_article, records_frames

A = "Fulham 2-1 Everton\n\nTomas Varga opened the scoring in the 15th minute. Pieter Olsen was sent off."
B = " date 2026-03-02 Fulham beat Everton 2-1 on Sunday. Varga scored in the 16th minute and Olsen was sent off."
C = " date 2026-03-02 Fulham won 2-1 against Everton on Sunday. Varga scored in the 15th minute."


def build(book, texts: list[str]) -> dict[str, pl.DataFrame]:
    recs = [parse_article(read_article(f"{i}.txt", t.encode()), *book) for i, t in enumerate(texts)]
    frames = records_frames(recs)
    return fuse(frames["fixtures"], frames["events"], frames["people"])


def test_one_fixture_one_goal_minute_by_majority(book) -> None:
    t = build(book, [A, B, C])
    fx = t["fixtures"].filter(pl.col("status") == "played")
    assert fx.height == 1
    row = fx.row(0, named=True)
    assert (row["home_team"], row["home_score"], row["away_score"], row["away_team"]) == ("Fulham", 2, 1, "Everton")
    assert row["n_sources"] == 3 and str(row["match_date"]) == "2026-03-01"
    goals = t["events"].filter(pl.col("event_type") == "goal")
    assert goals.height == 1
    g = goals.row(0, named=True)
    assert (g["player_name"], g["minute"], g["n_sources"], g["has_minute_conflict"]) == ("Tomas Varga", 15, 3, True)
    assert sorted(g["minute_reported"]) == [15, 16]
    assert t["event_mentions"].filter(pl.col("event_id") == g["event_id"]).height == 3
    reds = t["events"].filter(pl.col("event_type") == "red_card")
    assert reds.height == 1 and reds["n_sources"][0] == 2


def test_ids_do_not_depend_on_order(book) -> None:
    one, two = build(book, [A, B, C]), build(book, [C, A, B])
    for name in ("fixtures", "events", "players"):
        assert one[name].sort(one[name].columns[0]).equals(two[name].sort(two[name].columns[0]))


def test_name_key_folds_spellings() -> None:
    assert name_key("Vinícius Júnior") == name_key("Vinicius Jr") == "vinicius junior"


@pytest.fixture()
def book(book, tagger):
    """The team book with the tagger: what the flow hands the parser."""
    return book, tagger


def test_two_players_sharing_a_surname_stay_two(book) -> None:
    home = (
        "Fulham 2-1 Everton\n\nTom Varga, the Fulham striker, opened the scoring in the 10th minute. "
        "Everton's Leo Varga equalised in the 30th minute. Tom Varga scored the winner in the 80th minute."
    )
    away = (
        " date 2026-03-02 Fulham beat Everton 2-1 on Sunday. Fulham forward Tom Varga scored twice, "
        "in the 10th minute and in the 80th minute, either side of an equaliser from Everton defender Leo Varga."
    )
    t = build(book, [home, away])
    players = set(t["players"].filter(pl.col("role") == "player")["name"])
    assert {"Tom Varga", "Leo Varga"} <= players
    goals = t["events"].filter(pl.col("event_type") == "goal").sort("minute")
    assert goals["player_name"].to_list() == ["Tom Varga", "Leo Varga", "Tom Varga"]
