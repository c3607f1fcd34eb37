"""Parse stage on short articles written for the tests: results, goals, cards, subs, injuries."""

import pytest

from transforms.clean import read_article
from transforms.parse import parse_article


def parse(book, text: str):
    return parse_article(read_article("t.txt", text.encode()), *book)


def events(rec, etype: str) -> list[tuple]:
    return sorted((e.player_name, e.minute, e.added_time) for e in rec.events if e.event_type == etype)


def test_headline_score_line_home_first(book) -> None:
    rec = parse(book, "Fulham 0-2 Everton\n\nEverton won at Craven Cottage.")
    main = rec.fixtures[0]
    assert (main.home_team, main.home_score, main.away_score, main.away_team) == ("Fulham", 0, 2, "Everton")
    assert main.is_main and main.home_known


def test_prose_win_over_and_result_in_passing(book) -> None:
    rec = parse(
        book,
        "Brentford claimed a dramatic 2-1 victory over Burnley on Sunday, while Chelsea, "
        "who beat Watford 3-1 on Saturday, stay top. Tomas Varga scored in the 12th minute.",
    )
    got = {(f.home_team, f.home_score, f.away_score, f.away_team) for f in rec.fixtures}
    assert ("Brentford", 2, 1, "Burnley") in got and ("Chelsea", 3, 1, "Watford") in got
    assert rec.fixtures[0].home_team == "Brentford"


def test_running_scores_are_not_results(book) -> None:
    rec = parse(book, "Fulham 3-1 Everton\n\nTomas Varga made it 2-0 before the break and Fulham went 3-0 up.")
    assert [(f.home_score, f.away_score) for f in rec.fixtures] == [(3, 1)]


def test_goals_with_minutes_penalty_and_own_goal(book) -> None:
    rec = parse(
        book,
        "Fulham 2-1 Everton\n\n"
        "Tomas Varga opened the scoring in the 15th minute with a low drive. "
        "Everton levelled four minutes into the second half when Pieter Olsen headed home. "
        "Samir Haddou converted a penalty in the 10th minute of stoppage time.",
    )
    assert events(rec, "goal") == [("Pieter Olsen", 49, None), ("Samir Haddou", 90, 10), ("Tomas Varga", 15, None)]
    pen = next(e for e in rec.events if e.player_name == "Samir Haddou")
    assert pen.is_penalty


def test_near_misses_are_not_goals(book) -> None:
    rec = parse(
        book,
        "Fulham 0-0 Everton\n\nTomas Varga fired wide in the 20th minute and Pieter Olsen "
        "struck the post on the hour. Samir Haddou almost scored late on.",
    )
    assert events(rec, "goal") == []
    assert events(rec, "woodwork") == [("Pieter Olsen", 60, None)]


def test_cards(book) -> None:
    rec = parse(
        book,
        "Fulham 1-0 Everton\n\nTomas Varga was booked in the 30th minute. "
        "Pieter Olsen was sent off in the 80th minute and Samir Haddou later saw red for a "
        "second booking.",
    )
    assert events(rec, "yellow_card") == [("Tomas Varga", 30, None)]
    assert events(rec, "red_card") == [("Pieter Olsen", 80, None)]
    assert [e[0] for e in events(rec, "second_yellow")] == ["Samir Haddou"]


def test_substitutions_and_injuries(book) -> None:
    rec = parse(
        book,
        "Fulham 1-0 Everton\n\nTomas Varga limped off after 20 minutes and was replaced by "
        "Pieter Olsen. Samir Haddou came on for Dario Kell with ten minutes left.",
    )
    subs = sorted(
        (e.player_name, e.related_player_name, e.minute) for e in rec.events if e.event_type == "substitution"
    )
    assert subs == [("Pieter Olsen", "Tomas Varga", 20), ("Samir Haddou", "Dario Kell", 80)]
    assert events(rec, "injury") == [("Tomas Varga", 20, None)]


def test_surnames_bind_to_full_names(book) -> None:
    rec = parse(book, "Fulham 1-0 Everton\n\nTomas Varga was lively early on. Varga scored in the 70th minute.")
    assert events(rec, "goal") == [("Tomas Varga", 70, None)]


def test_coaches_and_places_are_not_players(book) -> None:
    rec = parse(
        book,
        "Fulham 1-0 Everton\n\nCoach Marco Bellini praised his side at Craven Cottage. "
        "Tomas Varga scored after 12 minutes.",
    )
    roles = {p.name: p.role for p in rec.people}
    assert roles.get("Marco Bellini") == "coach"
    assert "Craven Cottage" not in roles
    assert roles["Tomas Varga"] == "player"


def test_every_mention_span_holds_the_player_name(book) -> None:
    text = (
        "Fulham 2-1 Everton\n\nTomas Varga opened the scoring in the 15th minute. Pieter Olsen was booked. "
        "Samir Haddou came on for Dario Kell.\n\nFulham: Keeper, Varga, Kell (Haddou 70). Booked: Olsen."
    )
    rec = parse(book, text)
    assert rec.events
    for e in rec.events:
        assert text[e.char_start : e.char_end].split()[-1] in (e.player_name or "")


@pytest.fixture()
def book(book, tagger):
    """The team book with the tagger: what the flow hands the parser."""
    return book, tagger


def test_injury_phrasings(book) -> None:
    rec = parse(
        book,
        "Fulham 1-0 Everton\n\nPieter Olsen replaced the injured Tomas Varga at half time. "
        "Everton's Samir Haddou and Dario Kell were forced off with knocks. "
        "A clumsy tackle on Jon Marsh, forcing him off after 70 minutes, went unpunished.",
    )
    hurt = sorted(e.player_name for e in rec.events if e.event_type == "injury")
    assert hurt == ["Dario Kell", "Jon Marsh", "Samir Haddou", "Tomas Varga"]
    subs = [(e.player_name, e.related_player_name) for e in rec.events if e.event_type == "substitution"]
    assert subs == [("Pieter Olsen", "Tomas Varga")]


def test_goal_phrasings(book) -> None:
    rec = parse(
        book,
        "Fulham 5-1 Everton\n\nGoals from Tomas Varga and Pieter Olsen put Fulham ahead. "
        "Samir Haddou's goal four minutes from time was a consolation. "
        "Dario Kell scored a hat-trick.",
    )
    goals = sorted((e.player_name, e.minute) for e in rec.events if e.event_type == "goal")
    names = [g[0] for g in goals]
    assert names.count("Dario Kell") == 3
    assert ("Samir Haddou", 86) in goals and "Tomas Varga" in names and "Pieter Olsen" in names


def test_coordinated_subjects_and_objects(book) -> None:
    rec = parse(
        book,
        "Fulham 3-1 Everton\n\nTomas Varga and Pieter Olsen scored early for Fulham. "
        "Samir Haddou turned a Dario Kell cross into his own net in the 36th minute. "
        "Jon Marsh was sent off in the 80th minute and Lev Brandt later saw red for a second booking.",
    )
    goals = sorted((e.player_name, e.is_own_goal) for e in rec.events if e.event_type == "goal")
    assert goals == [("Pieter Olsen", False), ("Samir Haddou", True), ("Tomas Varga", False)]
    cards = sorted((e.event_type, e.player_name) for e in rec.events if e.event_type in ("red_card", "second_yellow"))
    assert cards == [("red_card", "Jon Marsh"), ("second_yellow", "Lev Brandt")]


def test_tricky_results(book) -> None:
    rec = parse(book, "Final score: Lyon 1, Nantes 2\n\nNantes won at Lyon.")
    main = rec.fixtures[0]
    assert (main.home_team, main.home_score, main.away_score, main.away_team) == ("Lyon", 1, 2, "Nantes")
    rec = parse(
        book,
        "Everton and Fulham drew 2-2 after extra time before Fulham won 4-2 on penalties. "
        "Fulham go through 3-2 on aggregate.",
    )
    main = rec.fixtures[0]
    assert {main.home_team, main.away_team} == {"Everton", "Fulham"} and (main.home_score, main.away_score) == (2, 2)
    assert all((f.home_score, f.away_score) not in ((4, 2), (3, 2), (2, 4), (2, 3)) for f in rec.fixtures)
    rec = parse(book, "Fulham 1-0 Everton\n\nThe match was abandoned after 60 minutes because of fog.")
    assert rec.fixtures[0].status == "abandoned"


def test_home_side_from_the_ground_or_the_country(book) -> None:
    rec = parse(book, "Liverpool claimed a 1-0 victory against Deportivo La Coruna at the Riazor.")
    main = rec.fixtures[0]
    assert (main.home_team, main.away_team, main.home_score, main.away_score) == (
        "Deportivo La Coruna",
        "Liverpool",
        0,
        1,
    )


def test_long_blank_runs_do_not_make_parsing_slow(book) -> None:
    """Team sheets are blanked in place; a team name before a long blank run must stay cheap."""
    import time

    text = "Fulham 1-0 Everton\n\nEverton" + " " * 5000 + "\nTomas Varga scored in the 10th minute."
    start = time.perf_counter()
    parse(book, text)
    assert time.perf_counter() - start < 2.0


def test_a_parsed_batch_leaves_no_garbage_for_the_collector(book) -> None:
    """Readers are freed by reference counting as soon as they are done: with the collector off,
    a batch leaves no cycles behind (it left ~230 objects per article before the reader let go of its
    name finder), so full collections in a long run find little to walk and nothing to free."""
    import gc
    from pathlib import Path

    from transforms.parse import parse_articles

    seeds = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
    articles = [read_article(p.name, p.read_bytes()) for p in seeds]
    teams, tagger = book  # this module's `book` is the pair the flow hands the parser
    parse_articles(articles[:1], teams, tagger)  # caches and lazy imports settle first
    gc.collect()
    gc.disable()
    try:
        records = parse_articles(articles, teams, tagger)
        assert len(records) == 5 and all(not isinstance(r, Exception) and r.events for r in records), records
        assert gc.collect() == 0
    finally:
        gc.enable()
