"""TeamBook against the shipped reference data: the aliases journalists use must resolve, generic
words must not, and in-text hits must point at the exact characters of the article."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest

from transforms.teams import TeamBook, TeamHit, name_key, rows_from_csv_text

DATA = Path(__file__).resolve().parent.parent / "transforms" / "data"


@pytest.fixture(scope="module")
def book() -> TeamBook:
    """Built once: the I/O here stands in for the project's loader."""
    teams = (DATA / "teams.csv").read_text(encoding="utf-8")
    competitions = (DATA / "competitions.csv").read_text(encoding="utf-8")
    return TeamBook.from_rows(*rows_from_csv_text(teams, competitions))


def _pairs(hits: list[TeamHit]) -> list[tuple[str, str]]:
    return [(h.surface, h.canonical) for h in hits]


# --- reference data ---------------------------------------------------------------------------


def test_teams_csv_shape() -> None:
    with (DATA / "teams.csv").open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == ["canonical", "alias", "country", "kind"]
        rows = list(reader)
    assert len(rows) >= 1500
    assert {r["kind"] for r in rows} == {"club", "national"}
    canonicals = {r["canonical"] for r in rows}
    assert len(canonicals) >= 500
    assert all(c.isascii() for c in canonicals), "canonical names keep no diacritics"
    aliases_of = {(r["canonical"], r["alias"]) for r in rows}
    assert all((c, c) in aliases_of for c in canonicals), "every canonical is also its own alias"
    assert len(aliases_of) == len(rows), "no duplicate rows"


def test_no_alias_points_at_two_teams() -> None:
    owners: dict[str, set[str]] = {}
    with (DATA / "teams.csv").open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            owners.setdefault(name_key(r["alias"]), set()).add(r["canonical"])
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert clashes == {}


def test_competitions_csv_shape() -> None:
    with (DATA / "competitions.csv").open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == ["canonical", "alias"]
        rows = list(reader)
    canonicals = {r["canonical"] for r in rows}
    for name in (
        "Premier League",
        "La Liga",
        "Champions League",
        "World Cup",
        "Women's Euro",
        "Euro",
        "League Cup",
        "FA Cup",
        "Scottish Premiership",
        "International Friendly",
        "MLS",
    ):
        assert name in canonicals


# --- canonical() --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [
        ("Man Utd", "Manchester United"),
        ("Man United", "Manchester United"),
        ("Man City", "Manchester City"),
        ("Barça", "Barcelona"),
        ("Barca", "Barcelona"),
        ("FC Barcelona", "Barcelona"),
        ("Los Blancos", "Real Madrid"),
        ("Madrid", "Real Madrid"),
        ("Three Lions", "England"),
        ("S.L. Benfica", "Benfica"),
        ("SL Benfica", "Benfica"),
        ("Elche CF", "Elche"),
        ("Levante UD", "Levante"),
        ("Atlético Madrid", "Atletico Madrid"),
        ("Atletico de Madrid", "Atletico Madrid"),
        ("Atleti", "Atletico Madrid"),
        ("Bayern München", "Bayern Munich"),
        ("Bayern Munchen", "Bayern Munich"),
        ("BVB", "Borussia Dortmund"),
        ("Gladbach", "Borussia Monchengladbach"),
        ("Spurs", "Tottenham Hotspur"),
        ("Hammers", "West Ham United"),
        ("Juve", "Juventus"),
        ("Inter", "Inter Milan"),
        ("PSG", "Paris Saint-Germain"),
        ("Sporting Lisbon", "Sporting CP"),
        ("PSV", "PSV Eindhoven"),
        ("Celta", "Celta Vigo"),
        ("Athletic Club", "Athletic Bilbao"),
        ("Depor", "Deportivo La Coruna"),
        ("LAFC", "Los Angeles FC"),
        ("Hibs", "Hibernian"),
        ("Selecao", "Brazil"),
        ("Seleção", "Brazil"),
        ("Oranje", "Netherlands"),
        ("La Albiceleste", "Argentina"),
        ("Les Bleus", "France"),
        ("USMNT", "United States"),
        ("Côte d’Ivoire", "Ivory Coast"),
        ("Man Utd Women", "Manchester United Women"),
        ("United Women", "Manchester United Women"),
    ],
)
def test_canonical_aliases(book: TeamBook, alias: str, canonical: str) -> None:
    assert book.canonical(alias) == canonical


@pytest.mark.parametrize("word", ["United", "City", "Real", "Athletic", "Sporting", "Rovers", "FC", "Manchester"])
def test_generic_words_are_not_teams(book: TeamBook, word: str) -> None:
    assert book.canonical(word) is None


def test_canonical_forgives_case_the_and_club_suffixes(book: TeamBook) -> None:
    assert book.canonical("the Gunners") == "Arsenal"
    assert book.canonical("MAN UTD") == "Manchester United"
    assert book.canonical("Sevilla CF") == "Sevilla"
    assert book.canonical("FC Elche") == "Elche"
    assert book.canonical("Wolverhampton Wanderers F.C.") == "Wolverhampton Wanderers"
    assert book.canonical("Newell’s Old Boys") == "Newell's Old Boys"
    assert book.canonical("Nowhere Rovers FC") is None


def test_is_national(book: TeamBook) -> None:
    assert book.is_national("England")
    assert book.is_national("England Women")
    assert not book.is_national("Real Madrid")
    assert not book.is_national("Not A Team")
    assert book.country("Real Madrid") == "Spain"


# --- find_teams() -------------------------------------------------------------------------------


def test_find_teams_offsets(book: TeamBook) -> None:
    text = "On Sunday Real Madrid beat Rayo Vallecano at the Santiago Bernabeu."
    hits = book.find_teams(text)
    assert _pairs(hits) == [("Real Madrid", "Real Madrid"), ("Rayo Vallecano", "Rayo Vallecano")]
    assert [h.start for h in hits] == [10, 27]
    assert all(text[h.start : h.end] == h.surface for h in hits)


def test_longest_alias_wins(book: TeamBook) -> None:
    text = "Madrid drew with Atletico Madrid, then Atlético de Madrid lost to Inter Miami and Inter Milan."
    assert _pairs(book.find_teams(text)) == [
        ("Madrid", "Real Madrid"),
        ("Atletico Madrid", "Atletico Madrid"),
        ("Atlético de Madrid", "Atletico Madrid"),
        ("Inter Miami", "Inter Miami"),
        ("Inter Milan", "Inter Milan"),
    ]


def test_suffixed_forms_are_one_hit(book: TeamBook) -> None:
    text = "FC Barcelona beat Elche CF after losing to S.L. Benfica and drawing with Levante UD."
    assert _pairs(book.find_teams(text)) == [
        ("FC Barcelona", "Barcelona"),
        ("Elche CF", "Elche"),
        ("S.L. Benfica", "Benfica"),
        ("Levante UD", "Levante"),
    ]


def test_accents_apostrophes_and_odd_spaces_match_both_ways(book: TeamBook) -> None:
    decomposed = "Atle\u0301tico Madrid v Newell’s Old Boys, Real\u00a0Madrid v Barça"
    hits = book.find_teams(decomposed)
    assert [h.canonical for h in hits] == ["Atletico Madrid", "Newell's Old Boys", "Real Madrid", "Barcelona"]
    assert all(decomposed[h.start : h.end] == h.surface for h in hits)
    assert hits[0].surface == "Atle\u0301tico Madrid"
    both = book.find_teams("Atletico Madrid and Atlético Madrid")
    assert [h.canonical for h in both] == ["Atletico Madrid"] * 2


def test_case_sensitive_for_capitalised_aliases(book: TeamBook) -> None:
    assert book.find_teams("a villa by the forest near the palace, where the saints and wolves roam") == []
    assert [h.canonical for h in book.find_teams("Villa, Forest, Palace and Wolves")] == [
        "Aston Villa",
        "Nottingham Forest",
        "Crystal Palace",
        "Wolverhampton Wanderers",
    ]


def test_generic_words_not_found_in_text(book: TeamBook) -> None:
    assert book.find_teams("United and City met at the Real Arena; Athletic played Sporting.") == []


def test_word_boundaries(book: TeamBook) -> None:
    assert book.find_teams("Romance in Romania") == [TeamHit(11, 18, "Romania", "Romania")]
    assert _pairs(book.find_teams("Madrid's win; the Dominican Republic")) == [
        ("Madrid", "Real Madrid"),
        ("Dominican Republic", "Dominican Republic"),
    ]


def test_an_alias_inside_a_word_is_skipped_and_the_search_goes_on(book: TeamBook) -> None:
    """The trie opens on its literal; a hit that starts inside a word is dropped, yet a team that starts
    within that hit is still found, as a leading look-behind would give."""
    assert book.find_teams("XArsenal") == []
    assert _pairs(book.find_teams("xAC Milan beat Arsenal")) == [("Milan", "AC Milan"), ("Arsenal", "Arsenal")]
    assert _pairs(book.find_teams("2-1 (Chelsea)")) == [("Chelsea", "Chelsea")]


def test_person_names_are_not_teams(book: TeamBook) -> None:
    text = "Jordan Henderson and Georgia Stanway saw David Villa score against Villa and Valencia."
    assert _pairs(book.find_teams(text)) == [("Villa", "Aston Villa"), ("Valencia", "Valencia")]


def test_women_teams(book: TeamBook) -> None:
    text = "Man Utd Women beat Chelsea women before the Lionesses flew out."
    assert _pairs(book.find_teams(text)) == [
        ("Man Utd Women", "Manchester United Women"),
        ("Chelsea women", "Chelsea Women"),
        ("Lionesses", "England Women"),
    ]


def test_find_teams_is_fast(book: TeamBook) -> None:
    paragraph = (
        "Real Madrid beat Rayo Vallecano 2-1 in LaLiga on Sunday, keeping Los Blancos one point "
        "behind Barcelona, who beat Elche CF. Madrid face Benfica in the Champions League next. "
    )
    text = (paragraph * (5000 // len(paragraph) + 1))[:5000]
    book.find_teams(text)
    runs = 20
    t0 = time.perf_counter()
    for _ in range(runs):
        book.find_teams(text)
    per_kb_ms = (time.perf_counter() - t0) / runs * 1000 / 5
    assert per_kb_ms < 1.0


# --- competitions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [
        ("LaLiga", "La Liga"),
        ("Primera División", "La Liga"),
        ("Carabao Cup", "League Cup"),
        ("Carling Cup", "League Cup"),
        ("Premiership", "Premier League"),
        ("EPL", "Premier League"),
        ("Scottish Premiership", "Scottish Premiership"),
        ("UEFA Champions League", "Champions League"),
        ("European Cup", "Champions League"),
        ("AFCON", "Africa Cup of Nations"),
        ("Women’s Euro", "Women's Euro"),
        ("European Championship", "Euro"),
        ("friendly", "International Friendly"),
        ("WSL", "Women's Super League"),
        ("Copa América", "Copa America"),
    ],
)
def test_competition_aliases(book: TeamBook, alias: str, canonical: str) -> None:
    assert book.competition(alias) == canonical


def test_find_competitions(book: TeamBook) -> None:
    text = (
        "After the UEFA Champions League tie and a LaLiga derby, England play an international friendly "
        "before the Women's Euro and the Carabao Cup final."
    )
    hits = book.find_competitions(text)
    assert _pairs(hits) == [
        ("UEFA Champions League", "Champions League"),
        ("LaLiga", "La Liga"),
        ("international friendly", "International Friendly"),
        ("Women's Euro", "Women's Euro"),
        ("Carabao Cup", "League Cup"),
    ]
    assert all(text[h.start : h.end] == h.surface for h in hits)
    assert book.competition("Ballon d'Or") is None


def test_from_rows_rejects_unknown_kind() -> None:
    with pytest.raises(ValueError, match="kind"):
        TeamBook.from_rows([("Arsenal", "Gunners", "England", "team")], [])


def test_ambiguous_alias_in_rows_resolves_to_none() -> None:
    book = TeamBook.from_rows(
        [
            ("Aberdeen", "Aberdeen", "Scotland", "club"),
            ("Aberdeen", "Dons", "Scotland", "club"),
            ("AFC Wimbledon", "AFC Wimbledon", "England", "club"),
            ("AFC Wimbledon", "Dons", "England", "club"),
        ],
        [],
    )
    assert book.canonical("Dons") is None
    assert book.find_teams("the Dons won") == []
    assert book.canonical("Aberdeen FC") == "Aberdeen"
