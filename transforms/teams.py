"""Team and competition names: journalists' aliases in, one canonical name out.

Pure on purpose: the I/O layer reads ``transforms/data/teams.csv`` and ``competitions.csv`` and
hands their text (``rows_from_csv_text``) or rows (``TeamBook.from_rows``) in, so this module can be
tested and reused without touching the disk.

Matching in running text is accent- and apostrophe-insensitive ("Atlético" and "Atletico",
"Newell’s" and "Newell's") but case-sensitive for capitalised aliases, so "a villa by the forest"
names no team while "Villa" and "Forest" do. Offsets always point into the caller's original text.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

KINDS: frozenset[str] = frozenset({"club", "national"})

# Words that are a team's alias but also a common forename ("Jordan Henderson", "Georgia Varga",
# "Everton Soares") or surname ("David Villa", "Antonio Valencia"): in running text such a hit is
# dropped when a name-like capitalised word stands right after / right before it.
_FORENAME_CLASH: frozenset[str] = frozenset({"Jordan", "Chad", "Georgia", "India", "Israel", "Kenya", "Everton"})
_SURNAME_CLASH: frozenset[str] = frozenset({"Villa", "Valencia", "Santos", "Jordan"})
# Capitalised words that may stand before a team without being a forename (headlines, sentence starts).
_NOT_FORENAMES: frozenset[str] = frozenset(
    {
        "Against",
        "At",
        "Beat",
        "Beats",
        "Beaten",
        "Beating",
        "By",
        "Face",
        "Faces",
        "Facing",
        "For",
        "From",
        "Host",
        "Hosts",
        "In",
        "Into",
        "Of",
        "On",
        "Over",
        "Past",
        "Than",
        "The",
        "To",
        "Versus",
        "Visit",
        "Visits",
        "Vs",
        "With",
        "And",
        "Or",
        "But",
        "After",
        "Before",
        "Both",
        "Like",
        "Unlike",
        "Sunday",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Edge",
        "Edges",
        "Stun",
        "Stuns",
        "Sink",
        "Sinks",
        "Down",
        "Downs",
        "Hold",
        "Holds",
        "Thrash",
        "Thrashes",
        "Hammer",
        "Hammers",
        "Draw",
        "Draws",
        "Lose",
        "Loses",
        "Leave",
        "Leaves",
        "Join",
        "Joins",
        "Joined",
        "Sign",
        "Signs",
    }
)
_NAME_WORD_AFTER = re.compile(r" [A-Z][a-z]+")
_NAME_WORD_BEFORE = re.compile(r"(?<![\w.])([A-Z][a-z]+) $")

_CLUB_SUFFIXES: frozenset[str] = frozenset({"fc", "cf", "afc", "sc", "cd", "ud", "fk", "sk", "sfc", "ac"})
_CLUB_PREFIXES: frozenset[str] = frozenset({"fc", "afc", "cf", "sc", "ac", "as", "cd", "ud"})


def _build_fold_table() -> dict[int, str]:
    """One-to-one character map (so offsets survive): accented Latin letters to their base letter,
    typographic apostrophes to ', odd spaces and hyphens to plain ones."""
    table: dict[int, str] = {}
    for lo, hi in ((0xC0, 0x250), (0x1E00, 0x1F00)):
        for cp in range(lo, hi):
            ch = chr(cp)
            base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
            if len(base) == 1 and base != ch:
                table[cp] = base
    extra = {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "ħ": "h", "Ħ": "H"}
    for ch, base in extra.items():
        table[ord(ch)] = base
    for ch in "\u2019\u2018\u02bc\u0060\u00b4\u2032":
        table[ord(ch)] = "'"
    for ch in "\u00a0\u2007\u2009\u200a\u202f":
        table[ord(ch)] = " "
    for ch in "\u2010\u2011":
        table[ord(ch)] = "-"
    return table


_FOLD = _build_fold_table()
_COMBINING = re.compile("[\u0300-\u036f]")
_SPACE_RUN = re.compile(r"\s+")


def fold(text: str) -> str:
    """Accent/apostrophe folding of a short name (not length-preserving for decomposed input)."""
    return _COMBINING.sub("", unicodedata.normalize("NFC", text).translate(_FOLD))


@lru_cache(maxsize=32)  # an article's text is searched for teams, competitions and grounds in turn
def _fold_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """Fold running text; the index list maps folded positions back (None: positions unchanged)."""
    folded = text.translate(_FOLD)
    if not _COMBINING.search(folded):
        return folded, None
    chars: list[str] = []
    idx: list[int] = []
    for i, ch in enumerate(folded):
        if "\u0300" <= ch <= "\u036f":
            continue
        chars.append(ch)
        idx.append(i)
    idx.append(len(folded))
    return "".join(chars), idx


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Loose lookup key: case, accents, dots, hyphens, apostrophes, '&'/'and' and a leading 'the' ignored."""
    s = fold(name).casefold().replace("&", " and ").replace("-", " ").replace(".", "").replace("'", "")
    s = _SPACE_RUN.sub(" ", s).strip()
    if s.startswith("the "):
        s = s[4:]
    return s


def _key_candidates(key: str) -> Iterator[str]:
    """The key, then the key without a club-type prefix/suffix ('Elche CF', 'FC Barcelona')."""
    yield key
    words = key.split()
    if len(words) < 2:
        return
    head = words[1:] if words[0] in _CLUB_PREFIXES else words
    tail = head[:-1] if len(head) > 1 and head[-1] in _CLUB_SUFFIXES else head
    for cand in (head, tail, words[:-1] if words[-1] in _CLUB_SUFFIXES else words):
        if cand and cand != words:
            yield " ".join(cand)


def _trie_regex(words: Iterable[str]) -> re.Pattern[str]:
    """One regex for many literals, shaped as a trie so matching stays linear in the text and
    the longest alias wins at each position (branches are tried before the shorter stop).

    It opens on the trie itself, not on a look-behind, so the engine can skip in C every character
    no alias starts with (for teams: all but capitals); `_Matcher.find` checks the word start.
    """
    return re.compile(r"(?:" + trie_pattern(words) + r")(?!\w)")


_WORD_CHAR = re.compile(r"\w")


def word_start_matches(rx: re.Pattern[str], text: str, inside: re.Pattern[str] = _WORD_CHAR) -> Iterator[re.Match[str]]:
    """`rx`'s matches that do not begin right after an `inside` character, as a leading look-behind would give.

    A pattern that opens on a look-behind is tried at every position of the text; one that opens on its
    literal lets the engine skip in C to where that literal (or trie) can start. After a match inside a
    word, the search goes on from the next character, as the look-behind's engine would.
    """
    pos, search = 0, rx.search
    while (m := search(text, pos)) is not None:
        s = m.start()
        if s and inside.match(text, s - 1):
            pos = s + 1
            continue
        yield m
        pos = max(m.end(), s + 1)


def trie_pattern(words: Iterable[str]) -> str:
    """The regex source of a trie over literals (a space matches one or more spaces)."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        stop = "" in node
        branches = [(" +" if ch == " " else re.escape(ch)) + emit(node[ch]) for ch in sorted(node) if ch]
        if not branches:
            return ""
        if len(branches) == 1 and not stop:
            return branches[0]
        return "(?:" + "|".join(branches) + ")" + ("?" if stop else "")

    return emit(trie) if trie else "(?!x)x"


def _case_variants(alias: str) -> set[str]:
    """An all-lowercase alias matches in any common casing; a capitalised one only as written."""
    if alias != alias.lower():
        return {alias}
    return {alias, alias[:1].upper() + alias[1:], alias.title(), alias.upper()}


@dataclass(frozen=True)
class TeamHit:
    """One alias occurrence: ``text[start:end] == surface`` in the caller's original text."""

    start: int
    end: int
    surface: str
    canonical: str


class _Matcher:
    """Alias lookup (loose keys) and in-text finding (trie regex) for one vocabulary."""

    def __init__(self, pairs: Iterable[tuple[str, str]], name_clash: bool = False) -> None:
        by_key: dict[str, str | None] = {}
        by_surface: dict[str, str | None] = {}
        for canonical, alias in pairs:
            for name, table in ((alias, by_key), (canonical, by_key)):
                k = name_key(name)
                if k:
                    table[k] = canonical if table.get(k, canonical) == canonical else None
            for variant in _case_variants(_SPACE_RUN.sub(" ", fold(alias)).strip()):
                if variant:
                    prev = by_surface.get(variant, canonical)
                    by_surface[variant] = canonical if prev == canonical else None
        self._by_key = by_key
        self._by_surface = {s: c for s, c in by_surface.items() if c is not None}
        self._regex = _trie_regex(self._by_surface)
        self._name_clash = name_clash
        self._seen: dict[str, str | None] = {}  # names already looked up, and what they gave

    def lookup(self, name: str) -> str | None:
        if name in self._seen:
            return self._seen[name]
        key = name_key(name)
        found = next((self._by_key[c] for c in _key_candidates(key) if c in self._by_key), None)
        if len(self._seen) >= 100_000:  # every capitalised run of an archive is asked about: keep it bounded
            self._seen.clear()
        self._seen[name] = found
        return found

    def exact(self, name: str) -> str | None:
        return self._by_key.get(name_key(name))

    def find(self, text: str) -> list[TeamHit]:
        folded, idx = _fold_with_offsets(text)
        hits: list[TeamHit] = []
        for m in word_start_matches(self._regex, folded):
            s, e = m.span()
            if self._name_clash and self._clashes_with_person(folded, s, e):
                continue
            canonical = self._by_surface.get(_SPACE_RUN.sub(" ", m.group()))
            if canonical is None:
                continue
            if idx is not None:
                s, e = idx[s], idx[e]
            hits.append(TeamHit(s, e, text[s:e], canonical))
        return hits

    @staticmethod
    def _clashes_with_person(folded: str, s: int, e: int) -> bool:
        """'Jordan Henderson', 'David Villa': the alias is part of a person's name here."""
        surface = folded[s:e]
        if surface in _FORENAME_CLASH:
            after = _NAME_WORD_AFTER.match(folded, e)
            if after and after.group().strip() not in {"Women", "Under"}:
                return True
        if surface in _SURNAME_CLASH:
            before = _NAME_WORD_BEFORE.search(folded, max(0, s - 30), s)
            if before and before.group(1) not in _NOT_FORENAMES:
                return True
        return False


class TeamBook:
    """Canonical team and competition names, built once from the reference rows and then shared."""

    def __init__(
        self, teams: _Matcher, competitions: _Matcher, kinds: dict[str, str], countries: dict[str, str]
    ) -> None:
        self._teams = teams
        self._competitions = competitions
        self._kinds = kinds
        self._countries = countries
        self._venues = _Matcher([])
        self._venue_homes: dict[str, tuple[str, ...]] = {}
        self.clubs = ClubIndex([])
        self.lexicon: object | None = None  # transforms.reader.lexicon.Lexicon, set by the I/O layer

    def with_clubs(self, clubs: ClubIndex) -> TeamBook:
        """Add the large club list (aliases, cities, grounds) used to canonicalise clubs the text names."""
        self.clubs = clubs
        return self

    def with_lexicon(self, lexicon: object) -> TeamBook:
        """Add the football vocabulary (result words, nicknames, event phrases...)."""
        self.lexicon = lexicon
        return self

    def with_venues(self, rows: Iterable[tuple[str, str, str]]) -> TeamBook:
        """Add stadiums (venue, alias, home team): they are places, never people, and say who was at home."""
        pairs = [(v.strip(), a.strip()) for v, a, _ in rows if v.strip() and a.strip()]
        self._venues = _Matcher(pairs)
        homes: dict[str, list[str]] = {}
        for v, _, t in rows:
            if t.strip() and t.strip() not in homes.setdefault(v.strip(), []):
                homes[v.strip()].append(t.strip())
        self._venue_homes = {v: tuple(ts) for v, ts in homes.items() if ts}
        return self

    def find_venues(self, text: str) -> list[TeamHit]:
        """Every stadium alias in ``text``, same rules as ``find_teams``."""
        return self._venues.find(text)

    def venue(self, name: str) -> str | None:
        """The canonical ground for a name as written, or None (a lookup, not a search)."""
        return self._venues.exact(name)

    def venue_home(self, venue: str) -> str | None:
        """The team whose ground this is, the first listed when several share it (None for neutral or
        unknown grounds)."""
        homes = self._venue_homes.get(venue)
        return homes[0] if homes else None

    def venue_homes(self, venue: str) -> tuple[str, ...]:
        """Every team whose ground this is: a city's clubs and its national team may share one."""
        return self._venue_homes.get(venue, ())

    @classmethod
    def from_rows(cls, teams: Iterable[tuple[str, str, str, str]], competitions: Iterable[tuple[str, str]]) -> TeamBook:
        """Build from (canonical, alias, country, kind) and (canonical, alias) rows."""
        kinds: dict[str, str] = {}
        countries: dict[str, str] = {}
        team_pairs: list[tuple[str, str]] = []
        for canonical, alias, country, kind in teams:
            canonical, alias, kind = canonical.strip(), alias.strip(), kind.strip()
            if not canonical or not alias:
                continue
            if kind not in KINDS:
                raise ValueError(f"team {canonical!r}: kind must be one of {sorted(KINDS)}, not {kind!r}")
            kinds[canonical] = kind
            countries[canonical] = country.strip()
            team_pairs.append((canonical, alias))
        comp_pairs = [(c.strip(), a.strip()) for c, a in competitions if c.strip() and a.strip()]
        return cls(_Matcher(team_pairs, name_clash=True), _Matcher(comp_pairs), kinds, countries)

    def canonical(self, name: str) -> str | None:
        """The canonical team for an alias (case/accent-insensitive, 'the' and 'FC'/'CF' ignored), or None.
        A club's tag never leads to a country: 'AFC Leopards' is no 'Leopards' (DR Congo's nickname)."""
        found = self._teams.lookup(name)
        if found and self.is_national(found) and self._teams.exact(name) is None:
            return None
        return found

    def canonical_exact(self, name: str) -> str | None:
        """The canonical team for exactly this alias (no 'FC'/'SC' stripped): 'Barcelona SC' is not Barcelona."""
        return self._teams.exact(name)

    def competition(self, name: str) -> str | None:
        """The canonical competition for an alias, or None."""
        return self._competitions.lookup(name)

    def find_teams(self, text: str) -> list[TeamHit]:
        """Every team alias in ``text``: longest match, whole words, non-overlapping, sorted by start."""
        return self._teams.find(text)

    def find_competitions(self, text: str) -> list[TeamHit]:
        """Every competition alias in ``text``, same rules as ``find_teams``."""
        return self._competitions.find(text)

    def is_national(self, canonical: str) -> bool:
        """True for national teams (men's or women's), False for clubs and unknown names."""
        return self._kinds.get(canonical) == "national"

    def kind(self, canonical: str) -> str | None:
        """'club' or 'national' for a team of the reference list, None for one it does not list."""
        return self._kinds.get(canonical)

    def country(self, canonical: str) -> str | None:
        """The country a canonical team belongs to (its own name for a national team)."""
        return self._countries.get(canonical)


def venue_rows_from_csv_text(venues_csv: str) -> list[tuple[str, str, str]]:
    """Parse the stadium reference CSV (venue, alias, team)."""
    return [(r["venue"], r["alias"], r["team"]) for r in csv.DictReader(io.StringIO(venues_csv))]


def rows_from_csv_text(
    teams_csv: str, competitions_csv: str
) -> tuple[list[tuple[str, str, str, str]], list[tuple[str, str]]]:
    """Parse the two reference CSVs (text already read by the I/O layer) into ``from_rows`` input."""
    teams = [(r["canonical"], r["alias"], r["country"], r["kind"]) for r in csv.DictReader(io.StringIO(teams_csv))]
    competitions = [(r["canonical"], r["alias"]) for r in csv.DictReader(io.StringIO(competitions_csv))]
    return teams, competitions


@dataclass(frozen=True, slots=True)
class Club:
    """One club of the large public reference list: where it plays, for home and away cues."""

    canonical: str
    country: str
    city: str
    ground: str


class ClubIndex:
    """The large club list (openfootball): alias lookup only, never searched for in running text.

    It is a lexicon, not a gate: it gives a name the text already treats as a team its canonical
    spelling, country, city and ground. An alias several clubs share gives all of them; the caller
    decides with what else the article says.
    """

    def __init__(self, rows: Iterable[tuple[str, str, str, str, str]]) -> None:
        by_key: dict[str, list[str]] = {}
        clubs: dict[str, Club] = {}
        by_city: dict[str, list[str]] = {}
        aliases: dict[str, list[str]] = {}
        for canonical, alias, country, city, ground in rows:
            canonical = canonical.strip()
            if not canonical:
                continue
            aliases.setdefault(canonical, []).append(alias.strip())
            if canonical not in clubs:
                clubs[canonical] = Club(canonical, country.strip(), city.strip(), ground.strip())
                if city.strip():
                    by_city.setdefault(name_key(city), []).append(canonical)
            for name in (alias, canonical):
                for k in _key_candidates(name_key(name)):
                    owners = by_key.setdefault(k, [])
                    if canonical not in owners:
                        owners.append(canonical)
        self._by_key = {k: tuple(v) for k, v in by_key.items()}
        self._clubs = clubs
        self._by_city = {k: tuple(v) for k, v in by_city.items()}
        self._display = self._display_names(aliases)
        self._aliases = aliases

    def _display_names(self, aliases: dict[str, list[str]]) -> dict[str, str]:
        """The name a club is shown by: the list's name without a founding year or a legal tag that its
        aliases also drop ('PAS Lamia 1964' -> 'Lamia', 'Flamengo RJ' -> 'Flamengo'), so the warehouse
        spells it the way reports do."""
        out = {}
        for canonical in aliases:
            words = canonical.split()
            if len(words) > 1 and re.fullmatch(r"(?:18|19|20)\d\d", words[-1]):
                words = words[:-1]
            for cut in (words[1:], words[:-1]):
                if (
                    len(words) > 1
                    and cut
                    and (words[0] if cut is not words[:-1] else words[-1]).isupper()
                    and len(words[0] if cut is not words[:-1] else words[-1]) <= 4
                    and self._by_key.get(name_key(" ".join(cut))) == (canonical,)
                ):
                    words = cut
                    break
            out[canonical] = " ".join(words)
        return out

    def aliases(self, canonical: str) -> list[str]:
        return self._aliases.get(canonical, [])

    def display(self, canonical: str) -> str:
        return self._display.get(canonical, canonical)

    def owners(self, name: str, exact_only: bool = False) -> tuple[str, ...]:
        """Every club this name may be ('Barcelona' -> the Spanish and the Ecuadorian one)."""
        key = name_key(name)
        if exact_only:
            return self._by_key.get(key, ())
        for k in _key_candidates(key):
            if k in self._by_key:
                return self._by_key[k]
        return ()

    def club(self, canonical: str) -> Club | None:
        return self._clubs.get(canonical)

    def in_city(self, city: str) -> tuple[str, ...]:
        return self._by_city.get(name_key(city), ())


def club_rows_from_csv_text(clubs_csv: str) -> list[tuple[str, str, str, str, str]]:
    """Parse `clubs.csv` (canonical, alias, country, city, ground)."""
    return [
        (r["canonical"], r["alias"], r["country"], r.get("city") or "", r.get("ground") or "")
        for r in csv.DictReader(io.StringIO(clubs_csv))
    ]


def ground_rows_from_csv_text(grounds_csv: str) -> list[tuple[str, str, str]]:
    """Parse `grounds.csv` (ground, alias, city, team) into (ground, alias, team) rows."""
    return [(r["ground"], r["alias"], r.get("team") or "") for r in csv.DictReader(io.StringIO(grounds_csv))]
