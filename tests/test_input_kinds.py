"""Input that is text loads as text (UTF-16, a stray NUL, an HTML page), what is not a file or not football is
on record with its reason, and what a run prints cannot drive the terminal."""

from __future__ import annotations

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.display import printable
from tests.helpers import write_folder

UTF16 = "Chelsea 1-0 Arsenal\n\nJosé Varga scored the only goal in the 20th minute for Chelsea.\n"
STRAY_NUL = b"Leicester City 2-0 Brentford\n\nOle Brandt\x00 scored in the 10th minute for Leicester City.\n"
PAGE = """<!DOCTYPE html><html><head><title>Wolves 1-1 Bournemouth | Sport</title>
<style>.x { color: red }</style><script>var tag = "<p>Goal</p>";</script></head>
<body><nav><a href="/">Home</a> <a href="/sport">Cricket</a></nav><article><h1>Wolves 1-1 Bournemouth</h1>
<p>Ivo <b>Marsh</b> put Wolves ahead in the 12th minute &amp; Luc Perrin equalised for
Bournemouth in the 70th minute.</p><div class="caption">Strong winds at the ground.</div></article>
<footer>Copyright Sport</footer></body></html>"""
BANK = (  # names a "team" (England): only its words tell it is not football
    "LONDON, March 4 (Reuters) - The Bank of England held interest rates at 4.5 percent on Thursday, with its "
    "governor saying inflation was falling more slowly than hoped. Two members of the monetary policy "
    "committee backed a cut of 25 basis points, and bond yields rose. Economists now expect a first rate cut in "
    "June, while sterling edged higher. Governor Martin Ashby told the committee's press conference the "
    "season of cuts would start later.\n"
)
SECOND_YELLOW = (
    "Leeds United 0-0 Burnley\n\nDario Kell was booked in the 30th minute and later saw red for a second booking.\n"
)
EVIL = "a\x1b[2J\x1b[31m.txt"  # clears the screen, turns it red, if printed raw


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("kinds")
    articles = write_folder(
        tmp / "articles",
        {
            "utf16.txt": UTF16.encode("utf-16"),
            "nul.txt": STRAY_NUL,
            "page.html": PAGE,
            "bank.txt": BANK,
            "second.txt": SECOND_YELLOW,
            EVIL: SECOND_YELLOW.replace("Leeds United", "Everton"),
            "zz_copy.txt": SECOND_YELLOW.replace("Leeds United", "Everton"),
        },
    )
    (articles / "missing.txt").symlink_to(tmp / "nowhere.txt")
    (articles / "archive.txt").mkdir()
    wh = tmp / "wh"
    out = CliRunner().invoke(app, ["run", "--articles", str(articles), "--warehouse", str(wh)])
    assert out.exit_code == 0, out.output
    return out.output, duckdb.connect(str(wh / "matchwire.duckdb"), read_only=True)


def source(con, file_name: str) -> tuple:
    return con.execute("select source_id, text, encoding from sources where file_name = ?", [file_name]).fetchone()


def test_utf16_and_a_stray_nul_load_as_text(run) -> None:
    _, con = run
    _, text, encoding = source(con, "utf16.txt")
    assert text == UTF16 and encoding == "utf-16"
    _, text, _ = source(con, "nul.txt")
    assert "Ole Brandt  scored" in text and "\x00" not in text
    notes = dict(con.execute("select file_name, reason from quarantine where stage = 'read'").fetchall())
    assert notes["nul.txt"] == "1 NUL character(s) replaced by spaces (article kept)"
    goals = con.execute("select player_name from events where event_type = 'goal' order by 1").fetchall()
    assert ("José Varga",) in goals and ("Ole Brandt",) in goals


def test_an_html_page_loads_as_its_text_and_every_offset_points_into_it(run) -> None:
    _, con = run
    source_id, text, _ = source(con, "page.html")
    assert "<" not in text and "color" not in text and "Home" not in text and "Copyright" not in text
    assert "Ivo Marsh put Wolves ahead in the 12th minute & Luc Perrin equalised" in text
    spans = con.execute(
        "select m.char_start, m.char_end, e.player_name from event_mentions m join events e using (event_id) "
        "where m.source_id = ?",
        [source_id],
    ).fetchall()
    assert sorted(name for _, _, name in spans) == ["Ivo Marsh", "Luc Perrin"]
    assert all(text[a:b].split()[-1] in name for a, b, name in spans)
    people = {r[0] for r in con.execute("select name from players").fetchall()}
    assert not people & {"Strong", "Home", "Cricket", "Div", "Nav"}


def test_what_is_not_a_file_is_listed_with_its_reason_and_a_relative_path(run) -> None:
    _, con = run
    refused = {r[0]: r[1:] for r in con.execute("select file_name, reason, path, raw from rejected_sources").fetchall()}
    assert refused["missing.txt"] == ("dangling symlink (its target does not exist)", "missing.txt", None)
    assert refused["archive.txt"] == ("a folder, not a file (sub-folders are not read)", "archive.txt", None)


def test_a_central_bank_story_is_not_a_match_report(run) -> None:
    _, con = run
    assert source(con, "bank.txt") is None
    (reason,) = con.execute("select reason from quarantine where file_name = 'bank.txt'").fetchone()
    assert reason.startswith("not about football (no match; reads as economic news")
    people = {r[0] for r in con.execute("select name from players").fetchall()}
    assert not any("Ashby" in p for p in people)


def test_a_yellow_implied_by_a_second_yellow_has_its_sources_and_mentions(run) -> None:
    _, con = run
    source_id, text, _ = source(con, "second.txt")
    rows = con.execute(
        "select e.event_type, e.n_sources, m.rule, m.char_start, m.char_end, m.minute from events e "
        "join event_mentions m using (event_id) where m.source_id = ? order by e.event_type",
        [source_id],
    ).fetchall()
    (second,) = [r for r in rows if r[0] == "second_yellow"]
    (first,) = [r for r in rows if r[0] == "yellow_card"]
    assert first[1] == second[1] == 1  # n_sources: the articles that tell the second yellow
    assert first[2] == "implied_by_second_yellow" and first[3:5] == second[3:5] and first[5] is None
    assert text[first[3] : first[4]] == "Dario Kell"


def test_file_names_are_printed_with_control_characters_escaped(run) -> None:
    output, _ = run
    assert "\x1b" not in output
    assert "duplicate of a\\x1b[2J\\x1b[31m.txt" in output
    assert printable("Café \u202egnp.txt") == "Café \\u202egnp.txt"
