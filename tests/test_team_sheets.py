"""Tests for transforms.team_sheets: one per sheet format, on invented names, plus corpus and fuzz runs."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from schemas.models import EVENT_TYPES
from transforms.records import EventMention, TeamSheet
from transforms.team_sheets import read_team_sheets

CORPUS = Path("/work/shared/corpus/dev/articles")

Row = tuple[str, str | None, str | None, int | None, int | None, bool, bool, str | None]


def rows(sheet: TeamSheet) -> list[Row]:
    """Events as comparable tuples: (type, player, related, minute, added, penalty, own goal, team)."""
    return [
        (
            e.event_type,
            e.player_name,
            e.related_player_name,
            e.minute,
            e.added_time,
            e.is_penalty,
            e.is_own_goal,
            e.team,
        )
        for e in sheet.events
    ]


def assert_exact_spans(text: str, sheets: list[TeamSheet]) -> None:
    """Every span slices to the name it claims, and sits inside its sheet."""
    for sheet in sheets:
        assert 0 <= sheet.char_start < sheet.char_end <= len(text)
        assert sheet.side in (None, "home", "away")
        for player in sheet.players:
            assert text[player.char_start : player.char_end] == player.name
            assert sheet.char_start <= player.char_start and player.char_end <= sheet.char_end
        for event in sheet.events:
            assert isinstance(event, EventMention)
            assert event.event_type in EVENT_TYPES
            assert text[event.char_start : event.char_end] == event.player_name
            assert sheet.char_start <= event.char_start and event.char_end <= sheet.char_end
            assert event.minute is None or 1 <= event.minute <= 130
            assert event.team in (sheet.team, sheet.side, None) or event.is_own_goal


def names(sheet: TeamSheet, role: str = "player") -> list[str]:
    return [p.name for p in sheet.players if p.role == role]


# --------------------------------------------------------------------------- 1. BBC team sheets

BBC_LABELLED = (
    'Rival boss Ann Other: "We were second best." '
    "Northgate: Abbott, Barnes, Carver, Dalton, Ellis, Fenwick (Gill 33), Hart, Ingram, "
    "Jessop (Keeble 64), Lomax, Mercer (Noel Price 84). Subs Not Used: Oakes, Pryor. "
    "Booked: Lomax, Hart. Goals: Lomax 68, Quarry 75 og. "
    "Eastbrook Utd: Quarry, Rudd, Sayer, Tolley, Upton, Vane, Wragg (Yates 70), Xavier, Young, "
    "Zeller, Ashby. Subs: Bright. Sent off: Vane 75. Booked: Rudd, Vane. Goals: Ashby 80 pen. "
    "Att: 47,111 Ref: S Bennett (Kent)."
)


def test_bbc_labelled_sheet() -> None:
    sheets = read_team_sheets(BBC_LABELLED)
    assert_exact_spans(BBC_LABELLED, sheets)
    home, away = sheets
    assert (home.team, home.side, away.team, away.side) == ("Northgate", "home", "Eastbrook Utd", "away")
    assert BBC_LABELLED[home.char_start :].startswith("Northgate:")
    assert names(home)[:6] == ["Abbott", "Barnes", "Carver", "Dalton", "Ellis", "Fenwick"]
    assert "Noel Price" in names(home) and names(home)[-2:] == ["Oakes", "Pryor"]
    assert rows(home) == [
        ("substitution", "Gill", "Fenwick", 33, None, False, False, "Northgate"),
        ("substitution", "Keeble", "Jessop", 64, None, False, False, "Northgate"),
        ("substitution", "Noel Price", "Mercer", 84, None, False, False, "Northgate"),
        ("yellow_card", "Lomax", None, None, None, False, False, "Northgate"),
        ("yellow_card", "Hart", None, None, None, False, False, "Northgate"),
        ("goal", "Lomax", None, 68, None, False, False, "Northgate"),
        # listed under the team it helped; the scorer's own team is the other one
        ("goal", "Quarry", None, 75, None, False, True, "Eastbrook Utd"),
    ]
    assert rows(away) == [
        ("substitution", "Yates", "Wragg", 70, None, False, False, "Eastbrook Utd"),
        ("second_yellow", "Vane", None, 75, None, False, False, "Eastbrook Utd"),  # booked and sent off
        ("yellow_card", "Rudd", None, None, None, False, False, "Eastbrook Utd"),
        ("yellow_card", "Vane", None, None, None, False, False, "Eastbrook Utd"),
        ("goal", "Ashby", None, 80, None, True, False, "Eastbrook Utd"),
    ]
    assert names(away, "referee") == ["S Bennett"]


BBC_BARE = """The visitors held on for the win.

Abbott, Barnes, Carver, Dalton (Gill 67), Ellis, Fenwick, Hart, Ingram, Jessop (Keeble 56), Lomax, \
Mercer (Nash 74).

Subs Not Used: Oakes, Pryor.

Barnes, Hart.

Lomax 1, 29, Quarry 79 og.

Quarry, Rudd, Sayer, Tolley (Yates 45), Upton, Vane, Wragg, Xavier, Young, Zeller, Ashby.

Bright, Cole.

Vane (77).

Vane, Rudd.

: Ashby 40, Sayer 48 pen.

42,267

M Riley (W Yorkshire).
"""


def test_bbc_sheet_with_lost_labels_read_by_shape() -> None:
    sheets = read_team_sheets(BBC_BARE)
    assert_exact_spans(BBC_BARE, sheets)
    home, away = sheets
    assert (home.team, home.side, away.team, away.side) == (None, "home", None, "away")
    assert rows(home) == [
        ("substitution", "Gill", "Dalton", 67, None, False, False, "home"),
        ("substitution", "Keeble", "Jessop", 56, None, False, False, "home"),
        ("substitution", "Nash", "Mercer", 74, None, False, False, "home"),
        ("yellow_card", "Barnes", None, None, None, False, False, "home"),
        ("yellow_card", "Hart", None, None, None, False, False, "home"),
        ("goal", "Lomax", None, 1, None, False, False, "home"),
        ("goal", "Lomax", None, 29, None, False, False, "home"),
        ("goal", "Quarry", None, 79, None, False, True, "away"),
    ]
    assert rows(away) == [
        ("substitution", "Yates", "Tolley", 45, None, False, False, "away"),
        ("second_yellow", "Vane", None, 77, None, False, False, "away"),
        ("yellow_card", "Vane", None, None, None, False, False, "away"),
        ("yellow_card", "Rudd", None, None, None, False, False, "away"),
        ("goal", "Ashby", None, 40, None, False, False, "away"),
        ("goal", "Sayer", None, 48, None, True, False, "away"),
    ]
    assert names(away)[-2:] == ["Bright", "Cole"]  # the first bare list after an XI is the bench
    assert names(away, "referee") == ["M Riley"]


def test_bbc_chained_and_straight_red() -> None:
    text = (
        "Westham Town: Abbott, Barnes, Carver, Dalton, Ellis, Fenwick, Hart, Ingram (Jon Keeble 11), "
        "Jon Keeble (Lomax 79), Mercer, Nash, Orr (Pike 60 (Quinn 85)). Subs Not Used: Reed. "
        "Sent Off: Carver (35). Booked: Hart. Referee: R Styles (Hampshire)"
    )
    sheets = read_team_sheets(text)
    assert_exact_spans(text, sheets)
    (sheet,) = sheets
    assert rows(sheet) == [
        ("substitution", "Jon Keeble", "Ingram", 11, None, False, False, "Westham Town"),
        ("substitution", "Lomax", "Jon Keeble", 79, None, False, False, "Westham Town"),
        ("substitution", "Pike", "Orr", 60, None, False, False, "Westham Town"),
        ("substitution", "Quinn", "Pike", 85, None, False, False, "Westham Town"),
        ("red_card", "Carver", None, 35, None, False, False, "Westham Town"),
        ("yellow_card", "Hart", None, None, None, False, False, "Westham Town"),
    ]
    assert names(sheet, "referee") == ["R Styles"]


# --------------------------------------------------------------------------- 2. BBC web line-ups

LIVE_LINEUPS = """Northgate won at a canter.
Line-ups
Northgate
- 1Abbott
- 2BarnesBooked at 57mins
- 4de Vries
- 5EllisSubstituted forKeebleat 59'minutes
- 6van der Berg
- 7HartBooked at 30minsSent off at 75
- 8Ingram
- 9JessopSubstituted forNöelat 86'minutes
- 10Lomax
- 11Mercer
- 14Orr
Substitutes
- 12Keeble
- 16Nöel
- 23
Eastbrook
- 1Quarry
- 2Rudd
- 3Sayer
- 4TolleySent off at 80mins
- 5Upton
- 6Vane
- 7Wragg
- 8Xavier
- 9Young
- 10Zeller
- 11Ashby
Substitutes
- 12Bright
"""


def test_bbc_live_lineups() -> None:
    sheets = read_team_sheets(LIVE_LINEUPS)
    assert_exact_spans(LIVE_LINEUPS, sheets)
    home, away = sheets
    assert (home.team, home.side, away.team, away.side) == ("Northgate", "home", "Eastbrook", "away")
    assert rows(home) == [
        ("yellow_card", "Barnes", None, 57, None, False, False, "Northgate"),
        ("substitution", "Keeble", "Ellis", 59, None, False, False, "Northgate"),
        ("yellow_card", "Hart", None, 30, None, False, False, "Northgate"),
        ("second_yellow", "Hart", None, 75, None, False, False, "Northgate"),
        ("substitution", "Nöel", "Jessop", 86, None, False, False, "Northgate"),
    ]
    assert rows(away) == [("red_card", "Tolley", None, 80, None, False, False, "Eastbrook")]
    assert "de Vries" in names(home) and "van der Berg" in names(home) and "Nöel" in names(home)
    assert names(away)[-1] == "Bright"


# --------------------------------------------------------------------------- 3. scorer headers


def test_scorer_header_bullets() -> None:
    text = (
        "- Tomas Lenk - 28' Pen\n- Ivo Marek - 16'\n- Ivo Marek - 19'\n"
        "Marek sent off three minutes after scoring as Ridgeway draw\nIvo Marek scored early on.\n"
    )
    sheets = read_team_sheets(text)
    assert_exact_spans(text, sheets)
    home, away = sheets  # the clock restarts at 16': Lenk's team is listed first, Marek's second
    assert (home.team, home.side, away.side) == (None, "home", "away")
    assert rows(home) == [("goal", "Tomas Lenk", None, 28, None, True, False, "home")]
    assert rows(away) == [
        ("goal", "Ivo Marek", None, 16, None, False, False, "away"),
        ("red_card", "Ivo Marek", None, 19, None, False, False, "away"),  # the article says he was sent off
    ]


def test_scorer_header_repeat_without_sending_off_stays_a_goal() -> None:
    text = "- Ivo Marek - 16'\n- Ivo Marek - 45+1'\nMarek's double won it.\n"
    (sheet,) = read_team_sheets(text)
    assert rows(sheet) == [
        ("goal", "Ivo Marek", None, 16, None, False, False, None),
        ("goal", "Ivo Marek", None, 45, 1, False, False, None),
    ]


def test_labelled_scorer_lines() -> None:
    text = "Northgate 1 Eastbrook 2\nNorthgate: Quarry (og) 57'\nEastbrook: Rudd 70', Sayer 81'\nMore prose.\n"
    sheets = read_team_sheets(text)
    assert_exact_spans(text, sheets)
    home, away = sheets
    assert (home.team, home.side, away.team, away.side) == ("Northgate", "home", "Eastbrook", "away")
    assert rows(home) == [("goal", "Quarry", None, 57, None, False, True, "Eastbrook")]
    assert rows(away) == [
        ("goal", "Rudd", None, 70, None, False, False, "Eastbrook"),
        ("goal", "Sayer", None, 81, None, False, False, "Eastbrook"),
    ]


# --------------------------------------------------------------------------- 4. wire summaries


def test_wire_summary_without_team_labels() -> None:
    text = (
        "Northgate 1 Eastbrook 2\n\nScorers: J. Silva 49, K. Adeyemi 90+2pen\n"
        "Yellow cards: Moreno 65, Diaz 70\nRed card: Okafor 80\nSent off: Lund 88\n"
        "Subs used: Ortiz 74 (Baptiste)\nReferee: Paul Tanner\n\nProse.\n"
    )
    sheets = read_team_sheets(text)
    assert_exact_spans(text, sheets)
    (sheet,) = sheets
    assert (sheet.team, sheet.side) == (None, None)
    assert rows(sheet) == [
        ("goal", "J. Silva", None, 49, None, False, False, None),
        ("goal", "K. Adeyemi", None, 90, 2, True, False, None),
        ("yellow_card", "Moreno", None, 65, None, False, False, None),
        ("yellow_card", "Diaz", None, 70, None, False, False, None),
        ("red_card", "Okafor", None, 80, None, False, False, None),
        ("red_card", "Lund", None, 88, None, False, False, None),
        ("substitution", "Ortiz", "Baptiste", 74, None, False, False, None),
    ]
    assert names(sheet, "referee") == ["Paul Tanner"]


def test_wire_summary_with_team_labels() -> None:
    text = (
        "Scorers: Lyon: Aouar 28pen; Marseille: Payet 16, Kamara 45+1'\n"
        "Yellow card: Lyon: Moreno 65; Marseille: Diaz 70\n"
        "Substitutions: Lyon: Cornet for Depay 60; Marseille: Ortiz 74 (Baptiste), Lenz (Amavi 81)\n"
    )
    sheets = read_team_sheets(text)
    assert_exact_spans(text, sheets)
    lyon, marseille = sheets
    assert (lyon.team, lyon.side, marseille.team, marseille.side) == ("Lyon", "home", "Marseille", "away")
    assert rows(lyon) == [
        ("goal", "Aouar", None, 28, None, True, False, "Lyon"),
        ("yellow_card", "Moreno", None, 65, None, False, False, "Lyon"),
        ("substitution", "Cornet", "Depay", 60, None, False, False, "Lyon"),
    ]
    assert rows(marseille) == [
        ("goal", "Payet", None, 16, None, False, False, "Marseille"),
        ("goal", "Kamara", None, 45, 1, False, False, "Marseille"),
        ("yellow_card", "Diaz", None, 70, None, False, False, "Marseille"),
        ("substitution", "Ortiz", "Baptiste", 74, None, False, False, "Marseille"),
        ("substitution", "Amavi", "Lenz", 81, None, False, False, "Marseille"),
    ]


def test_impossible_minutes_are_not_minutes() -> None:
    text = "Scorers: Abbott 0, Barnes 131, Carver 45+1'\n"
    (sheet,) = read_team_sheets(text)
    assert rows(sheet) == [("goal", "Carver", None, 45, 1, False, False, None)]


# --------------------------------------------------------------------------- 5. live-text lines

LIVE_TEXT = """Match ends, Lyon 1, Nantes 2.
90'+2' Goal! Lyon 1, Nantes 2. Karim Adeyemi (Nantes) right footed shot from the centre of the box.
78' Booking Moreno (Lyon) is shown the yellow card for a bad foul.
70' Substitution, Lyon. Paul Ortiz replaces Leon Baptiste because of an injury.
67' Penalty missed! Still Lyon 1, Nantes 1. Toko Ekambi (Lyon) fails to capitalise on this great opportunity.
60' Own Goal by Ali Mensah, Lyon.  Lyon 1, Nantes 1.
55' Second yellow card to Diego Ramos (Nantes) for a bad foul.
55' Dismissal Diego Ramos (Nantes) is shown the red card.
12' Goal! Lyon 1, Nantes 0. Toko Ekambi (Lyon) converts the penalty with a right footed shot.
Goal! Lyon 0, Nantes 0. Abel Ruiz (Nantes) header from very close range.
"""


def test_live_text_lines() -> None:
    sheets = read_team_sheets(LIVE_TEXT)
    assert_exact_spans(LIVE_TEXT, sheets)
    by_team = {sheet.team: sheet for sheet in sheets}
    assert by_team["Lyon"].side == "home" and by_team["Nantes"].side == "away"
    assert rows(by_team["Nantes"]) == [
        ("goal", "Karim Adeyemi", None, 90, 2, False, False, "Nantes"),
        ("second_yellow", "Diego Ramos", None, 55, None, False, False, "Nantes"),  # 'Dismissal' not doubled
        ("goal", "Abel Ruiz", None, None, None, False, False, "Nantes"),  # no minute on the line
    ]
    assert rows(by_team["Lyon"]) == [
        ("yellow_card", "Moreno", None, 78, None, False, False, "Lyon"),
        ("substitution", "Paul Ortiz", "Leon Baptiste", 70, None, False, False, "Lyon"),
        ("injury", "Leon Baptiste", None, 70, None, False, False, "Lyon"),
        ("penalty_miss", "Toko Ekambi", None, 67, None, False, False, "Lyon"),
        ("goal", "Ali Mensah", None, 60, None, False, True, "Lyon"),  # own goal: his own team
        ("goal", "Toko Ekambi", None, 12, None, True, False, "Lyon"),
    ]


# --------------------------------------------------------------------------- 6. player ratings

RATINGS = """Northgate edged a thriller.

Player ratings Northgate: Abbott (7), Barnes (6), Carver (5), Dalton (6), Ellis (7), Fenwick (6), \
Hart (5), Ingram (6), Jessop (6), Lomax (6), Mercer (6).

Subs: Keeble (6), Nash (5).

Eastbrook Rovers: Quarry (7), Rudd (5), Sayer (6), Tolley (6), Upton (6), Vane (6), Wragg (6), \
Xavier (7), Young (7), Zeller (7), Ashby (9).

Subs: Bright (6), Cole (5), Dane (7).

Man of the match: Ashby
"""


def test_player_ratings_are_players_not_events() -> None:
    sheets = read_team_sheets(RATINGS)
    assert_exact_spans(RATINGS, sheets)
    home, away = sheets
    assert (home.team, home.side, away.team, away.side) == ("Northgate", "home", "Eastbrook Rovers", "away")
    assert home.events == [] and away.events == []
    assert names(home) == [
        "Abbott", "Barnes", "Carver", "Dalton", "Ellis", "Fenwick", "Hart", "Ingram", "Jessop", "Lomax",
        "Mercer", "Keeble", "Nash",
    ]  # fmt: skip
    assert names(away)[-3:] == ["Bright", "Cole", "Dane"]
    assert {p.rule for p in home.players} == {"sheet_player_ratings", "sheet_player_ratings_on"}


# --------------------------------------------------------------------------- robustness


def test_rules_name_the_format_under_the_sheet_prefix() -> None:
    rules = {e.rule for s in read_team_sheets(BBC_LABELLED + "\n" + LIVE_TEXT) for e in s.events}
    assert rules == {"sheet_bbc", "sheet_live_text"}


def test_no_sheet_gives_empty_list() -> None:
    assert read_team_sheets("") == []
    assert read_team_sheets("Northgate beat Eastbrook 2-1. Abbott, Barnes and Carver all scored.") == []


def test_fuzz_never_raises_and_spans_stay_exact() -> None:
    rng = random.Random(20240601)
    fragments = [
        "Goals: ", "Booked: ", "Sent off: ", "Subs Not Used: ", "Scorers: ", "Att: ", "Ref: ", "Goal! ",
        "Substitution, ", " replaces ", "Booked at ", "Substituted for", "at 59'minutes", " og", " pen",
        "(", ")", ", ", ". ", "\n", "- ", ":", "'", "+", "90", "45+2", "0", "131", "7", "Smith", "de Jong",
        "O'Neil", "Öz", "Northgate", " (Lyon)", " is shown the yellow card", "Own Goal by ", "–", ";",
    ]  # fmt: skip
    alphabet = "abcXYZ é()-,.:;'+0123456789\n\t"
    for _ in range(1500):
        if rng.random() < 0.5:
            text = "".join(rng.choice(fragments) for _ in range(rng.randint(0, 60)))
        else:
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 300)))
        assert_exact_spans(text, read_team_sheets(text))


def test_long_odd_text_is_fast() -> None:
    text = ("Abbott (" * 3000) + ("- Smith - " * 3000) + ("Goal! " * 2000) + ",".join(["Smith"] * 5000)
    started = time.perf_counter()
    read_team_sheets(text)
    assert time.perf_counter() - started < 5.0


# --------------------------------------------------------------------------- the development corpus


@pytest.mark.skipif(not CORPUS.is_dir(), reason="development corpus not available")
def test_every_corpus_article_reads_with_exact_spans() -> None:
    articles = sorted(CORPUS.glob("*.txt"))
    assert articles
    for path in articles:
        text = path.read_text(encoding="utf-8")
        assert_exact_spans(text, read_team_sheets(text))
        lines = text.splitlines(keepends=True)
        random.Random(path.name).shuffle(lines)  # mangled copies must not break it either
        shuffled = "".join(lines)
        assert_exact_spans(shuffled, read_team_sheets(shuffled))
