"""Minutes as writers give them."""

import pytest

from transforms.minutes import find_minutes, resolve_minute


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("in the 15th minute", (15, None)),
        ("after nine minutes", (9, None)),
        ("on the hour", (60, None)),
        ("four minutes into the second half", (49, None)),
        ("with ten minutes left", (80, None)),
        ("with just three minutes of normal time remaining", (87, None)),
        ("the 100th minute", (90, 10)),
        ("the 10th minute of stoppage time", (90, 10)),
        ("three minutes into stoppage time", (90, 3)),
        ("90+3", (90, 3)),
        ("45+2'", (45, 2)),
        ("in injury time", (90, None)),
        ("in first-half stoppage time", (45, None)),
        ("three minutes before half-time", (42, None)),
        ("his 36th-minute sending off", (36, None)),
        ("late on", (None, None)),
        ("early in the game", (None, None)),
        ("a 2-1 win", (None, None)),
        ("with 33 minutes gone", (33, None)),
        ("with just 15 minutes played", (15, None)),
        ("with an hour played", (60, None)),
        ("with half an hour gone", (30, None)),
        ("with a quarter of an hour remaining", (75, None)),
        ("with only a quarter hour on the clock", (15, None)),
        ("a minute after the half", (46, None)),
        ("two minutes after the half", (47, None)),
        ("with a quarter of an hour gone", (15, None)),
        ("with half an hour on the clock", (30, None)),
        ("with the hour on the clock", (60, None)),
        ("Tomas Varga (41st)", (41, None)),
        ("Tomas Varga (58th min)", (58, None)),
        ("only needed 12 minutes to open the scoring", (12, None)),
        ("it took just eight minutes for the hosts to score", (8, None)),
        ("two minutes into stoppage time of the first half", (45, 2)),
        ("at 56:46", (57, None)),
        ("in the 91:30", (90, 2)),
        ("kick-off at 15:00", (None, None)),
        ("at 7:45 pm", (None, None)),
    ],
)
def test_resolve_minute(phrase: str, expected: tuple[int | None, int | None]) -> None:
    assert resolve_minute(phrase) == expected


def test_extra_time_keeps_minutes_past_ninety() -> None:
    assert resolve_minute("in the 104th minute", extra_time=True) == (104, None)
    assert resolve_minute("in the 104th minute") == (90, 14)


def test_relative_minute_is_an_offset() -> None:
    [m] = find_minutes("Five minutes later he scored again.")
    assert (m.minute, m.relative) == (None, 5)


def test_spans_point_at_the_words() -> None:
    text = "He scored in the 15th minute and again after 80 minutes."
    spans = [text[m.start : m.end] for m in find_minutes(text)]
    assert spans == ["the 15th minute", "after 80 minutes"]
