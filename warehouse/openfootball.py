"""Convert the openfootball ``clubs`` data set into ``clubs.csv`` and ``grounds.csv``.

The hand-made ``teams.csv`` covers the big leagues; openfootball (CC0) names several thousand clubs
in some 100 countries with their aliases, cities and grounds. Its plain-text format is read here
line by line, stdlib only, so the two reference files can be regenerated whenever the data moves:

    python -m warehouse.openfootball SRC_DIR OUT_DIR

Format, as the files use it (``*.clubs.txt``)::

    =  England                                       country header (`== Region ==` is ignored)
    Arsenal FC, 1886, @ Emirates Stadium, London (Highbury) › Greater London   ## comment
      | Arsenal | FC Arsenal                         aliases; `[de]` language tags; `# comment`
    Thames AFC (1928-1932), London                   defunct range in the name
    ii) SK Rapid Wien II                             a reserve team
      Keisslergasse 3 // 1140 Wien                   an address (skipped)

``*.stadiums.txt`` lines are ``Ground, 60_361, 2006, City   # Club`` with ``| alias`` lines, a
``# club: X`` line below, and ``$Emirates$ Stadium`` marking sponsor words. ``*.clubs.history.txt``
adds ``RENAME Old, City ⇒ New`` names as aliases of the club they lead to.
"""

from __future__ import annotations

import csv
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

CLUB_COLUMNS = ("canonical", "alias", "country", "city", "ground")
GROUND_COLUMNS = ("ground", "alias", "city", "team")

# "Football club" / "sports club" abbreviations that carry no part of the name: dropped from the
# headline when what is left still names one club only. AC, AS, CD, SV, 1. FC... stay: "AC Milan",
# "AS Roma" and "1. FC Köln" are how those clubs are written.
LEGAL_WORDS = frozenset({"FC", "F.C.", "AFC", "A.F.C.", "CF", "SC", "FK", "NK", "KF", "SK", "PFC"})
LEGAL_FOLDED = frozenset(w.casefold() for w in LEGAL_WORDS)

# What a history entry records; only renames give a club another name (a merge or move joins two clubs).
HISTORY_KEYWORDS = frozenset({"RENAME", "REFORM", "MERGE", "MOVE", "BANKRUPT"})

# Country headers that are not the English name (`= Österreich • Austria`, `= Latvija`).
NATIVE_COUNTRY_NAMES = {"Österreich": "Austria", "Deutschland": "Germany", "España": "Spain", "Latvija": "Latvia"}

# A few El Salvador / Nicaragua lines give a city key (`city:sansalvador`) instead of a name.
CITY_KEYS = {"metapan": "Metapán", "sansalvador": "San Salvador", "santaana": "Santa Ana", "esteli": "Estelí"}

# Words that name no ground on their own: a sponsor-free variant made only of these is not an alias.
GENERIC_GROUND_WORDS = frozenset(
    {"arena", "stadium", "stadion", "stadio", "estadio", "estádio", "stade", "stadyumu", "park", "field"}
    | {"center", "centre", "ground", "sportpark", "parc", "campo"}
)

_COMMENT = re.compile(r"(?:^|\s)#.*$")
_LANG_TAG = re.compile(r"\[[a-z]{2}\]")
_RANGE = re.compile(r"\(\s*(?:\d{4})?\s*[-–]\s*(?:\d{4})?\s*\)")
_RESERVE = re.compile(r"^[ivx]+\)\s*")
_YEAR = re.compile(r"\d{4}")
_LEADING_YEAR = re.compile(r"^\d{4}\s+(?=\S)")
_CAPACITY = re.compile(r"\d{1,3}(?:_\d{3})*")
_SPONSOR = re.compile(r"\$+([^$]*)\$+")
_NUMERIC = re.compile(r"[\d\s./-]*")


@dataclass
class Club:
    """One club line of a ``*.clubs.txt`` file, cleaned."""

    name: str
    country: str
    city: str = ""
    ground: str = ""
    aliases: list[str] = field(default_factory=list)
    canonical: str = ""
    years: str = ""  # `1870-2009` of a defunct club


@dataclass
class Ground:
    """One ground, from a ``*.stadiums.txt`` line or a club line's ``@``."""

    name: str
    country: str
    city: str = ""
    aliases: list[str] = field(default_factory=list)
    owner_texts: list[str] = field(default_factory=list)  # unresolved club names from the comments
    teams: list[str] = field(default_factory=list)


def squash(text: str) -> str:
    """Single spaces, no padding: the files align columns with runs of blanks."""
    return " ".join(text.split())


def fold(text: str) -> str:
    """A matching key: no case, accents, dots or apostrophes ("St. James' Park" = "St James Park")."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return squash(re.sub(r"[.'’`´]", "", text).replace("-", " "))


def country_name(header: str) -> str:
    """The English name from a ``= Country`` header (``Österreich • Austria`` -> ``Austria``)."""
    parts = [squash(p) for p in header.strip("= \t").split("•")]
    for part in parts:
        if part not in NATIVE_COUNTRY_NAMES:
            return part
    return NATIVE_COUNTRY_NAMES[parts[0]]


def header_country(line: str) -> str:
    """The country of a ``=  England`` line; empty for rules (``====``), ``== Region ==`` and the rest."""
    line = line.strip()
    if not line.startswith("=") or line.startswith("==") or not line.strip("= "):
        return ""
    return country_name(line)


def clean_city(text: str) -> str:
    """The city alone: no ``(district)``, no ``› region``, city keys spelled out."""
    text = text.split("›")[0]
    text = re.sub(r"\([^)]*\)", "", text)
    text = squash(text).rstrip(",")
    if text.startswith("city:"):
        return CITY_KEYS.get(text[5:], "")
    return text


def name_variants(text: str, generic: frozenset[str]) -> list[str]:
    """A name with sponsor markers dropped, and without the sponsor words too where something
    specific is left (``Estadio $Mâs$ Monumental`` -> ``Estadio Mâs Monumental``, ``Estadio
    Monumental``; ``$Allianz$ Arena`` -> ``Allianz Arena`` only)."""
    text = _RANGE.sub("", _LANG_TAG.sub("", text))
    full = squash(_SPONSOR.sub(r"\1", text)).strip(" ,")
    variants = [full] if full else []
    if _SPONSOR.search(text):
        bare = squash(_SPONSOR.sub(" ", text)).strip(" ,-")
        words = [w.casefold() for w in re.split(r"[\s-]+", bare) if w]
        if bare and bare != full and any(w not in generic for w in words):
            variants.append(bare)
    return variants


def usable_alias(alias: str) -> bool:
    """Pure numbers and one-letter names match too much to be aliases."""
    return len(alias) >= 2 and not _NUMERIC.fullmatch(alias)


def _lines(text: str) -> Iterator[tuple[str, str]]:
    """(raw line, line without its comment) for every line that is not blank or a comment."""
    for raw in text.splitlines():
        body = _COMMENT.sub("", raw).rstrip()
        if body.strip():
            yield raw, body


def parse_clubs(text: str) -> list[Club]:
    """Every club of one ``*.clubs.txt`` file, with its aliases as written (cleaned)."""
    clubs: list[Club] = []
    country = ""
    club: Club | None = None
    for raw, body in _lines(text):
        stripped = body.strip()
        if stripped.startswith("="):
            country = header_country(stripped) or country
            continue
        if "//" in stripped:  # street address
            continue
        if stripped.startswith("|"):
            if club is not None:
                club.aliases += [a for part in stripped.split("|") for a in name_variants(part, LEGAL_FOLDED)]
            continue
        if raw[:2].isspace() and "," not in stripped and not _RESERVE.match(stripped):
            if club is not None:  # an alias written without its `|` (a headline is indented one blank at most)
                club.aliases += name_variants(stripped, LEGAL_FOLDED)
            continue
        club = parse_club_line(_RESERVE.sub("", stripped), country)
        if club is not None:
            clubs.append(club)
    return clubs


def parse_club_line(body: str, country: str) -> Club | None:
    """``Name (1870-2009), 1886, @ Ground, City (District) › Region | Alias`` -> a Club."""
    head, *inline_aliases = body.split("|")
    parts = [p.strip() for p in head.split(",")]
    name = squash(_RANGE.sub("", parts[0]))
    if not name or not country:
        return None
    years = _RANGE.search(head)
    club = Club(name=name, country=country, years=re.sub(r"[\s()]", "", years.group()) if years else "")
    for part in parts[1:]:
        part = _LEADING_YEAR.sub("", part)  # `1973  Reykjavík`: the comma after the year is missing
        if not part or _YEAR.fullmatch(part) or _RANGE.fullmatch(part):
            continue
        if part.startswith("@"):
            if not club.ground:
                club.ground = squash(_SPONSOR.sub(r"\1", part[1:]))
        elif not club.city:
            club.city = clean_city(part)
        # a further part is a region written after a comma (`Nelson, Lancashire`)
    club.aliases = [a for part in inline_aliases for a in name_variants(part, LEGAL_FOLDED)]
    return club


def parse_history(text: str) -> list[tuple[str, str]]:
    """(old name, new name) of every RENAME / REFORM in a ``*.clubs.history.txt`` file."""
    pairs: list[tuple[str, str]] = []
    keyword = ""
    for _, body in _lines(text):
        stripped = body.strip()
        if stripped.startswith("="):
            continue
        word = stripped.split()[0]
        if word in HISTORY_KEYWORDS:  # a line without one goes on with the one above
            keyword, stripped = word, stripped[len(word) :].strip()
        if keyword in {"RENAME", "REFORM"} and "⇒" in stripped:
            old, new = (squash(side.split(",")[0]) for side in stripped.split("⇒", 1))
            if old and new:
                pairs.append((old, new))
    return pairs


def parse_stadiums(text: str) -> list[Ground]:
    """Every ground of one ``*.stadiums.txt`` file with its aliases and the clubs its comments name."""
    grounds: list[Ground] = []
    country = ""
    ground: Ground | None = None
    for raw in text.splitlines():
        comment = _COMMENT.search(raw)
        body = _COMMENT.sub("", raw).strip()
        if not body:
            if ground is not None and comment:  # `# club: River Plate` under the ground
                ground.owner_texts += labelled_owners(comment.group())
            continue
        if body.startswith("="):
            country = header_country(body) or country
            continue
        if "//" in body:
            continue
        if body.startswith("|"):
            if ground is not None:
                ground.aliases += [a for part in body.split("|") for a in name_variants(part, GENERIC_GROUND_WORDS)]
            continue
        ground = parse_stadium_line(body, country)
        if ground is None:
            continue
        if comment:
            ground.owner_texts += inline_owners(comment.group())
        grounds.append(ground)
    return grounds


def parse_stadium_line(body: str, country: str) -> Ground | None:
    """``$Allianz$ Arena, 66_016, 2005, München`` -> a Ground (capacity and year dropped)."""
    parts = [p.strip() for p in body.split(",")]
    head = re.sub(r"\s{2,}\d[\d_]*$", "", _RANGE.sub("", parts[0]))  # `Calderón (-2017)   55_005`
    names = name_variants(head, GENERIC_GROUND_WORDS)
    if not names or not country:
        return None
    ground = Ground(name=names[0], country=country, aliases=names[1:])
    for part in parts[1:]:
        if part and not _CAPACITY.fullmatch(part) and not _YEAR.fullmatch(part):
            ground.city = clean_city(part)
            break
    return ground


def labelled_owners(comment: str) -> list[str]:
    """Club names after ``club:``, ``clubs:`` or ``teams:`` anywhere in a comment."""
    found = re.search(r"\b(?:club|clubs|team|teams):(.*)$", comment, flags=re.IGNORECASE)
    return _owner_pieces(found.group(1)) if found else []


def inline_owners(comment: str) -> list[str]:
    """Owner candidates from a ground line's comment: labelled names, or the whole of a ``# X, Y``
    comment (``##`` comments are notes, not owners). Only names that resolve to a club count."""
    labelled = labelled_owners(comment)
    if labelled:
        return labelled
    text = comment.strip()
    if text.startswith("##"):
        return []
    return _owner_pieces(text.lstrip("#"))


def _owner_pieces(text: str) -> list[str]:
    pieces = (squash(re.sub(r"\([^)]*\)", "", p)) for p in text.split("#")[0].split(","))
    return [p for p in pieces if p]


def strip_legal(name: str) -> str:
    """The name without one leading and one trailing legal word (``AFC Wimbledon`` -> ``Wimbledon``)."""
    words = name.split()
    if len(words) > 1 and words[0] in LEGAL_WORDS:
        words = words[1:]
    if len(words) > 1 and words[-1] in LEGAL_WORDS:
        words = words[:-1]
    return " ".join(words)


def merge_duplicates(clubs: list[Club]) -> list[Club]:
    """One club entered twice (``BSV SW Rehden`` lists ``BSV Schwarz-Weiß Rehden``, a club line of
    the same city above it) becomes one: a club listing another live club's headline, same country
    and city, is folded into it. A defunct club a successor names (``NK Izola``) stays apart."""
    heads: dict[tuple[str, str], Club] = {}
    for club in clubs:
        heads.setdefault((club.country, club.name.casefold()), club)
    merged: list[Club] = []
    for club in clubs:
        target = next(
            (
                other
                for alias in club.aliases
                if (other := heads.get((club.country, alias.casefold()))) is not None
                and other is not club
                and not (other.years or club.years)
                and fold(other.city) == fold(club.city)
            ),
            None,
        )
        if target is None:
            merged.append(club)
            continue
        target.aliases += [club.name, *club.aliases]
        target.ground = target.ground or club.ground
    return merged


def assign_canonicals(clubs: list[Club]) -> None:
    """Set every club's canonical name, one country at a time.

    The legal word goes only when the shorter name is safe: no other club of the country is called
    or nicknamed that; it is no city of the country's clubs (``Sydney FC``, ``Paris FC`` stay) and no
    inflected city or nickname (``Chemnitzer FC``, ``Aalesunds FK`` stay) unless the data lists it
    as the club's alias (``Liverpool FC`` -> ``Liverpool``); and no other club shortens to it too,
    unless this club alone lists it (``Wimbledon FC`` -> ``Wimbledon``, ``AFC Wimbledon`` stays).
    Two clubs of one name (a refounded one) are told apart by the defunct one's years.
    """
    by_country: dict[str, list[Club]] = defaultdict(list)
    for club in clubs:
        by_country[club.country].append(club)
    for members in by_country.values():
        names: dict[str, set[int]] = defaultdict(set)  # case-folded headline or alias -> clubs
        cities: set[str] = {c.city.casefold() for c in members if c.city}
        shortened: dict[str, set[int]] = defaultdict(set)
        for i, club in enumerate(members):
            for name in (club.name, *club.aliases):
                names[name.casefold()].add(i)
            shortened[strip_legal(club.name).casefold()].add(i)
        for i, club in enumerate(members):
            short = strip_legal(club.name)
            key = short.casefold()
            rivals = shortened[key] - {i}
            safe = (
                short != club.name
                and usable_alias(short)
                and not short[0].isdigit()  # `FC 08 Homburg` is not `08 Homburg`
                and names[key] <= {i}
                and (_lists(club, key) or (key not in cities and not _inflected(short, club)))
                and (not rivals or (_lists(club, key) and not any(_lists(members[j], key) for j in rivals)))
            )
            club.canonical = short if safe else club.name
        same: dict[str, list[Club]] = defaultdict(list)
        for club in members:
            same[club.canonical].append(club)
        for club in (c for group in same.values() if len(group) > 1 for c in group if c.years):
            club.canonical = f"{club.canonical} ({club.years})"


def _lists(club: Club, key: str) -> bool:
    """Whether the data lists this (case-folded) name among the club's aliases."""
    return key in {a.casefold() for a in club.aliases}


def _inflected(short: str, club: Club) -> bool:
    """Whether the short name ends in a declined form of the club's city or one-word alias
    (``Chemnitzer`` of Chemnitz, ``Budaörsi`` of Budaörs, ``Aalesunds`` of Aalesund): an adjective
    that needs its noun, not a name."""
    word = fold(short.split()[-1])
    for base in (club.city, *(a for a in club.aliases if " " not in a)):
        stem = fold(base.split()[-1]) if base else ""
        if len(stem) >= 4 and word != stem and 0 <= len(word) - len(stem) <= 4 and word.startswith(stem[:-1]):
            return True
    return False


def add_history(clubs: list[Club], renames: dict[str, list[tuple[str, str]]]) -> None:
    """Old names from the history files become aliases of the club the rename leads to."""
    for country, pairs in renames.items():
        index = _name_index(c for c in clubs if c.country == country)
        for old, new in pairs:
            targets = index.get(new.casefold(), [])
            if len(targets) == 1 and old.casefold() not in index:
                targets[0].aliases.append(old)


def _name_index(clubs: Iterable[Club]) -> dict[str, list[Club]]:
    """Folded-case headline, canonical and alias -> the clubs so called."""
    index: dict[str, list[Club]] = defaultdict(list)
    for club in clubs:
        for name in {n.casefold() for n in (club.name, club.canonical, *club.aliases) if n}:
            index[name].append(club)
    return index


def club_rows(clubs: list[Club]) -> list[tuple[str, str, str, str, str]]:
    """One row per (club, alias): the headline and canonical names are aliases too."""
    rows: set[tuple[str, str, str, str, str]] = set()
    for club in clubs:
        for alias in (club.canonical, club.name, *club.aliases):
            if usable_alias(alias):
                rows.add((club.canonical, alias, club.country, club.city, club.ground))
    return sorted(rows, key=lambda r: (r[2], r[0], r[1], r[3], r[4]))


def resolve_owner(text: str, city: str, index: dict[str, list[Club]], loose: dict[str, list[Club]]) -> str:
    """The canonical name of the one club a ground's comment names, else empty (owners are never
    guessed). A name that matches only without accents must be a club of the ground's city too
    (``América`` at Belo Horizonte is not ``America`` of Rio)."""
    exact = {c.canonical for c in index.get(text.casefold(), [])}
    if len(exact) > 1:  # two clubs of that name: the one in the ground's city, if one is
        exact = {c.canonical for c in index[text.casefold()] if same_city(c.city, city)}
        return exact.pop() if len(exact) == 1 else ""
    if exact:
        return exact.pop()
    near = {c.canonical for c in loose.get(fold(text), []) if same_city(c.city, city)}
    return near.pop() if len(near) == 1 else ""


def same_city(a: str, b: str) -> bool:
    """One city written two ways: equal, or one the start of the other (``Newcastle`` and
    ``Newcastle upon Tyne``, ``Ried`` and ``Ried i. Innkreis``)."""
    a, b = fold(a), fold(b)
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    return long == short or long.startswith(short + " ")


def ground_keys(name: str) -> set[str]:
    """A ground name for matching: folded and without blanks, with and without its generic words
    (``Stadion Letzigrund`` = ``Letzigrund``, ``Rheinenergiestadion`` = ``RheinEnergie Stadion``)."""
    words = [{"sankt": "st", "saint": "st"}.get(w, w) for w in fold(name).split()]
    specific = [w for w in words if w not in GENERIC_GROUND_WORDS]
    return {"".join(words), "".join(specific or words)}


def build_grounds(stadiums: list[Ground], clubs: list[Club]) -> list[Ground]:
    """Stadium entries with their owners resolved, plus every club ``@ Ground`` not already among them.

    A club's ground joins a stadium entry of its country with that name or alias when the entry
    names the same club or lies in the same city (``St James' Park`` = ``St. James' Park``, Newcastle
    United); otherwise clubs of one city with one ground name share a new entry.
    """
    grounds = list(stadiums)
    for country in sorted({c.country for c in clubs} | {g.country for g in stadiums}):
        members = [c for c in clubs if c.country == country]
        index = _name_index(members)
        loose: dict[str, list[Club]] = defaultdict(list)
        for key, found in index.items():
            loose[fold(key)] += [c for c in found if c not in loose[fold(key)]]
        local = [g for g in stadiums if g.country == country]
        for ground in local:
            for text in ground.owner_texts:
                team = resolve_owner(text, ground.city, index, loose)
                if team and team not in ground.teams:
                    ground.teams.append(team)
        for club in members:
            if not club.ground:
                continue
            keys = ground_keys(club.ground)
            match = next(
                (
                    g
                    for g in local
                    if any(keys & ground_keys(n) for n in (g.name, *g.aliases))
                    and (club.canonical in g.teams or same_city(club.city, g.city))
                ),
                None,
            )
            if match is None:
                match = Ground(name=club.ground, country=country, city=club.city)
                local.append(match)
                grounds.append(match)
            if club.ground != match.name and club.ground not in match.aliases:
                match.aliases.append(club.ground)
            if club.canonical not in match.teams:
                match.teams.append(club.canonical)
    return grounds


def ground_rows(grounds: list[Ground]) -> list[tuple[str, str, str, str]]:
    """One row per (ground, alias, team); a ground of no known club has one row per alias."""
    rows: set[tuple[str, str, str, str]] = set()
    for ground in grounds:
        for alias in (ground.name, *ground.aliases):
            if usable_alias(alias):
                for team in ground.teams or [""]:
                    rows.add((ground.name, alias, ground.city, team))
    return sorted(rows, key=lambda r: (r[0], r[2], r[1], r[3]))


def convert(src: Path) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """clubs.csv and grounds.csv rows from an openfootball ``clubs`` checkout."""
    clubs: list[Club] = []
    for path in sorted(src.rglob("*.clubs.txt")):
        clubs += parse_clubs(path.read_text(encoding="utf-8"))
    clubs = merge_duplicates(clubs)
    assign_canonicals(clubs)
    renames: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for path in sorted(src.rglob("*.clubs.history.txt")):
        text = path.read_text(encoding="utf-8")
        country = next((c for c in map(header_country, text.splitlines()) if c), "")
        if country:
            renames[country] += parse_history(text)
    add_history(clubs, renames)
    stadiums: list[Ground] = []
    for path in sorted(src.rglob("*.stadiums.txt")):
        stadiums += parse_stadiums(path.read_text(encoding="utf-8"))
    return club_rows(clubs), ground_rows(build_grounds(stadiums, clubs))


def write_csv(path: Path, header: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> None:
    """UTF-8, a header line, RFC 4180 quoting (CRLF-free: the repo's other CSVs end lines with LF)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main(argv: list[str]) -> int:
    """``python -m warehouse.openfootball SRC_DIR OUT_DIR``: write OUT_DIR/clubs.csv and grounds.csv."""
    if len(argv) != 2:
        print("usage: python -m warehouse.openfootball SRC_DIR OUT_DIR", file=sys.stderr)
        return 2
    src, out = Path(argv[0]), Path(argv[1])
    clubs, grounds = convert(src)
    out.mkdir(parents=True, exist_ok=True)
    write_csv(out / "clubs.csv", CLUB_COLUMNS, clubs)
    write_csv(out / "grounds.csv", GROUND_COLUMNS, grounds)
    print(f"{len(clubs)} club rows, {len(grounds)} ground rows -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
