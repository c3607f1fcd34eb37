"""The openfootball converter on invented snippets, and the committed clubs.csv / grounds.csv against it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from warehouse import openfootball as of

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "reference" / "openfootball-clubs"
DATA = ROOT / "transforms" / "data"

CLUBS = """\
=====================
=  Wessex

#  note: invented clubs

Northbrook Rovers FC, 1890, @ Millfield Park, Northbrook (Old Town) › Wessex Downs   ## a comment
  | Northbrook Rovers | Rovers [en]
  | Nordbach Rovers [de]   # how the German press spells it
  | NR | N | 1890
  Millfield Lane 1 // Northbrook NB1 1AA
ii) Northbrook Rovers II
  | Rovers II

Eastwick FC,  Eastwick
  | Eastwick
AFC Eastwick, 2002,  @ The Meadow, Eastwick
Eastwick Albion FC (1890-1920),  Eastwick
  | Albion
Kingsford FC,   Kingsford
Kingsford United FC, 1920     Kingsford
  | Kingsford
Kingsforder SC,  Kingsford
Harbour Town FC,  Port Ellen › Wessex Coast,
 Saltmarsh SC,  1901, @ St. Anne's Ground, Saltmarsh
  Saltmarsh Sport-Club 1901
  | Saltmarsh
Sponsor Rovers
  | $$Acme$$ Sponsor Rovers | SC $$Acme$$
"""

STADIUMS = """\
=====================
=  Wessex

Millfield Park, 12_000, 1899, Northbrook   # Northbrook Rovers
  | $Acme$ Park
  | Estadio $Acme$ Millfield
  Millfield Lane 1 // Northbrook NB1 1AA

Old Barn, Eastwick     # Warsaw (en)

Eastwick Bowl (-1999)   8_000, 1950,  Eastwick
# club: Eastwick

St Anne's Ground, Saltmarsh
"""

HISTORY = """\
=  Wessex

== 1910/1
RENAME     Northbrook Athletic FC, Northbrook  ⇒  Northbrook Rovers FC
MERGE      Eastwick Albion FC, Eastwick
           Old Eastwick FC, Eastwick
             ⇒ Eastwick FC
"""


def read_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def converted(tmp_path: Path) -> tuple[dict[str, dict[str, object]], list[dict[str, str]]]:
    """The snippets as a tiny openfootball checkout, converted: clubs by canonical, ground rows."""
    folder = tmp_path / "src" / "europe" / "wessex"
    folder.mkdir(parents=True)
    (folder / "wx.clubs.txt").write_text(CLUBS, encoding="utf-8")
    (folder / "wx.stadiums.txt").write_text(STADIUMS, encoding="utf-8")
    (folder / "wx.clubs.history.txt").write_text(HISTORY, encoding="utf-8")
    assert of.main([str(tmp_path / "src"), str(tmp_path / "out")]) == 0
    club_rows = read_rows((tmp_path / "out" / "clubs.csv").read_text(encoding="utf-8"))
    clubs: dict[str, dict[str, object]] = {}
    for row in club_rows:
        club = clubs.setdefault(row["canonical"], {"aliases": set(), **row})
        assert {k: row[k] for k in ("country", "city", "ground")} == {k: club[k] for k in ("country", "city", "ground")}
        club["aliases"].add(row["alias"])  # type: ignore[union-attr]
    grounds = read_rows((tmp_path / "out" / "grounds.csv").read_text(encoding="utf-8"))
    return clubs, grounds


def test_suffix_goes_when_the_short_name_is_still_one_club(converted) -> None:
    clubs, _ = converted
    assert clubs["Northbrook Rovers"]["aliases"] >= {"Northbrook Rovers FC", "Northbrook Rovers"}
    # Both shorten to "Eastwick": the club that lists it gets it, the other keeps its prefix.
    assert "Eastwick" in clubs and "AFC Eastwick" in clubs
    assert "Eastwick" not in clubs["AFC Eastwick"]["aliases"]
    # "Kingsford" is Kingsford United's alias and the town's name: Kingsford FC keeps its suffix.
    assert "Kingsford FC" in clubs and "Kingsford United" in clubs
    # A declined town name is no club name: "Kingsforder" needs its "SC".
    assert "Kingsforder SC" in clubs


def test_aliases_lose_tags_comments_years_and_single_letters(converted) -> None:
    clubs, _ = converted
    assert clubs["Northbrook Rovers"]["aliases"] == {
        "Northbrook Rovers",
        "Northbrook Rovers FC",
        "Rovers",
        "Nordbach Rovers",
        "NR",
        "Northbrook Athletic FC",  # RENAME in the history file
    }


def test_city_without_district_or_region_and_ground_from_the_at(converted) -> None:
    clubs, _ = converted
    assert clubs["Northbrook Rovers"]["country"] == "Wessex"
    assert clubs["Northbrook Rovers"]["city"] == "Northbrook"
    assert clubs["Northbrook Rovers"]["ground"] == "Millfield Park"
    assert clubs["Harbour Town"]["city"] == "Port Ellen"
    assert clubs["Kingsford United"]["city"] == "Kingsford"  # `1920     Kingsford`: no comma after the year
    assert clubs["Saltmarsh"]["city"] == "Saltmarsh"  # a headline indented by one blank
    assert clubs["Eastwick"]["ground"] == ""


def test_defunct_reserve_unpiped_and_sponsored_names(converted) -> None:
    clubs, _ = converted
    assert clubs["Eastwick Albion"]["aliases"] == {"Eastwick Albion", "Eastwick Albion FC", "Albion"}
    assert clubs["Northbrook Rovers II"]["aliases"] == {"Northbrook Rovers II", "Rovers II"}
    assert {"Saltmarsh Sport-Club 1901", "Saltmarsh SC"} <= clubs["Saltmarsh"]["aliases"]
    # `$$Acme$$` marks a sponsor: the name with it, and without it where more than a legal word is left.
    assert clubs["Sponsor Rovers"]["aliases"] == {"Sponsor Rovers", "Acme Sponsor Rovers", "SC Acme"}


def test_grounds_sponsor_names_owners_and_club_grounds(converted) -> None:
    _, grounds = converted
    by_ground: dict[str, set[tuple[str, str, str]]] = {}
    for row in grounds:
        by_ground.setdefault(row["ground"], set()).add((row["alias"], row["city"], row["team"]))
    assert by_ground["Millfield Park"] == {
        (alias, "Northbrook", "Northbrook Rovers")
        for alias in ("Millfield Park", "Acme Park", "Estadio Acme Millfield", "Estadio Millfield")
    }
    assert by_ground["Old Barn"] == {("Old Barn", "Eastwick", "")}  # "# Warsaw (en)" names no club
    assert by_ground["Eastwick Bowl"] == {("Eastwick Bowl", "Eastwick", "Eastwick")}  # `# club:` below
    assert by_ground["The Meadow"] == {("The Meadow", "Eastwick", "AFC Eastwick")}  # from the club's `@`
    # The club's `St. Anne's Ground` is the stadium file's `St Anne's Ground`, not a second ground.
    assert by_ground["St Anne's Ground"] == {
        ("St Anne's Ground", "Saltmarsh", "Saltmarsh"),
        ("St. Anne's Ground", "Saltmarsh", "Saltmarsh"),
    }


def test_country_headers_and_history() -> None:
    assert of.country_name("= Österreich • Austria") == "Austria"
    assert of.country_name("=  Spain • España") == "Spain"
    assert of.country_name("=  Latvija") == "Latvia"
    assert of.header_country("== Wien ==") == ""
    assert of.parse_history(HISTORY) == [("Northbrook Athletic FC", "Northbrook Rovers FC")]


def test_csv_quoting(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    of.write_csv(path, ("ground", "alias"), [('Estadio Luis "Pirata" Fuente', "Fuente, Luis")])
    assert path.read_text(encoding="utf-8") == 'ground,alias\n"Estadio Luis ""Pirata"" Fuente","Fuente, Luis"\n'


@pytest.mark.skipif(not SOURCE.is_dir(), reason="the openfootball clubs data set is not checked out beside the repo")
def test_committed_csvs_are_what_the_converter_makes(tmp_path: Path) -> None:
    assert of.main([str(SOURCE), str(tmp_path)]) == 0
    for name in ("clubs.csv", "grounds.csv"):
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), f"{name}: rerun warehouse.openfootball"
