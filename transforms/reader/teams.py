"""Teams pass: every stretch of text that names a team, whether or not the reference list knows it.

A team is whatever the text treats as one: the names either side of a score line, the subject and
object of "beat", "drew with" and "a 2-1 win over", the two sides of "a match between X and Y", a
line-up's label. The reference lists (`teams.csv`, and the large `clubs.csv`) give such names their
canonical spelling; they never decide alone whether a name is a team. Once the article's teams are
known, their short forms ("Elgin" for Elgin City), nicknames ("the Gunners"), demonyms ("the
Dutch"), place epithets ("the Piraeus club") and side words ("the hosts") are found too.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from functools import lru_cache

from transforms.gates import compile_rule, gate_for, gate_test
from transforms.reader.doc import Doc, TeamRef
from transforms.reader.lexicon import Lexicon, alternation, fold_phrase, lead_ins
from transforms.reader.sections import team_like
from transforms.teams import TeamBook, name_key

_CAP_WORD = r"(?:[A-ZÀ-Ý]\.|St\.|[A-ZÀ-Ý][\w'’\-]*(?:\.(?=\w)[\w'’\-]*)*)"  # 'F.' and 'St.' keep their dot
CAP = rf"{_CAP_WORD}(?:[ \t]+(?:{_CAP_WORD}|(?:de|del|da|do|of|and|&|y|la|am)(?=[ \t]+[A-ZÀ-Ý])|\d{{2}}(?=\s)))*"


def named(group: str, tail: str = "", league: bool = False) -> str:
    """A team name slot: a capitalised run, 'the' before it, with `league` its league before it ('Premier
    Division side') and `tail` (`squad_tail`) after it left out."""
    lead = rf"(?:{LEAGUE_SIDE}[ \t]+)?" if league else ""
    return rf"(?:[Tt]he[ \t]+)?{lead}(?P<{group}>{CAP}){tail}"


LEAGUE_SIDE = r"(?:[A-Z][\w'’-]*|\d+)(?:[ \t]+(?:[A-Z][\w'’-]*|\d+)){0,5}[ \t]+(?:side|outfit|club|team)"
# 'beat Premier Division side Eastwick 3-1', 'a 4-0 win over Division One outfit Eastwick'



@lru_cache(maxsize=4)
def squad_tail(lex: Lexicon | None) -> str:
    """What may follow a club's name without being part of it: the words that say which of its teams
    played ('men's soccer team', 'side': team_words `squad`), or the short form it goes by, in brackets
    ('Northbrook College (NBC)'), or its season's record ('(5-1-0 overall)')."""
    words = alternation(lex.phrases("team_words", means="squad")) if lex else "(?!x)x"
    # never "X's side" (his side, not a club's)
    return rf"(?:(?<!['’]s)[ \t]+{words}(?![\w'’-])|[ \t]*\([A-Z][A-Za-z&]{{1,5}}\)(?!\w)|{_RECORD})?"


_RECORD_PART = r"\d{1,2}-\d{1,2}(?:-\d{1,2})?(?:[ \t]+[\w-]+)?"  # '5-1-0 overall'
_RECORD = rf"[ \t]*\({_RECORD_PART}(?:,[ \t]*{_RECORD_PART})*\)"
# "Northbrook (5-1-0 overall, 1-1-0 MIAC)": a US side's season record, won-lost(-tied), never a score


SCORE = r"\d{1,2}\s?[-–—]\s?\d{1,2}"
GAP = r"(?:(?:[a-z][\w'’-]*|\d+-[a-z][\w-]*)\s+){0,3}?"  # "struggling", "second-placed", "10-man", "defending champion"
MATCH_NOUNS = (
    r"(?:match|game|tie|clash|final|derby|meeting|encounter|fixture|showdown|semi-final|quarter-final|contest)"
)
SIDE_BEFORE = r"(?:host|hosts|visitors|visiting|visiting side|home side|defending champions?|champions|holders)"
GENERIC_WORDS = frozenset(
    {"The", "FC", "AFC", "CF", "SC", "AC", "Club", "Football", "de", "of", "and", "&", "Women", "Ladies", "Town"}
)


def read(doc: Doc) -> None:
    """Fill doc.teams (and doc.learned): names, short forms, nicknames, demonyms, places, side words."""
    book, text = doc.book, doc.text
    refs = [_with_suffix(text, TeamRef(h.start, h.end, h.canonical, "name"), book) for h in book.find_teams(text)]
    doc.first_names = first_names(text, book)
    resolve_cache: dict[str, str | None] = {}

    def resolve(surface: str) -> str | None:
        if surface not in resolve_cache:
            resolve_cache[surface] = canonical_name(book, surface, doc)
        return resolve_cache[surface]

    learned = learn_names(doc, resolve)
    doc.learned = learned
    refs = _reassign_nicknames(text, refs, learned)
    refs += occurrences(text, learned, refs)
    refs = prefer_longer_names(text, refs)
    refs += short_forms(text, refs)
    lex: Lexicon | None = book.lexicon  # type: ignore[assignment]
    if lex is not None:
        refs = shared_nicknames(text, refs, lex)
        named = {r.team for r in refs if r.team}
        refs += nicknames(text, lex, named)
        refs += demonyms(text, lex, named, book)
        refs += town_adjectives(text, refs, book)
        refs += place_epithets(text, named, book)
        refs += side_words(text, lex)
    cups = [(c.start, c.end) for c in doc.competitions_in(0, len(text))]  # 'League of Ireland': no team in it
    refs = [
        r for r in refs
        if r.start not in doc.first_names and not _CUP_AFTER.match(text, r.end)
        and not any(a <= r.start and r.end <= b for a, b in cups)
    ]  # fmt: skip
    refs = clubs_countries(text, refs, book)
    refs = squad_tails(text, refs, lex)
    refs += bracketed_short_forms(text, refs)
    lines = datelines(doc)
    doc.set_teams([r for r in non_overlapping(refs) if not any(a <= r.start < b for a, b in lines)])




_CUP_AFTER = re.compile(  # 'the Walsall Senior Cup', 'the Suffolk Premier Cup': a county cup, no team
    r"[ \t]+(?:Senior|Junior|Premier|Challenge|Charity|County|Intermediate|Minor|Youth|Memorial|Invitation(?:al)?)"
    r"(?:[ \t]+(?:Challenge|Senior|Premier|Knockout))?[ \t]+(?:Cup|Trophy|Shield|Bowl)\b"
)
_TWO_WORDS = re.compile(
    r"(?<![\w'’-])([A-Z][a-z]+)[ \t]+([A-Z][a-z]+(?:-[A-Z][a-z]+)?|Ma?c[A-Z][a-z]+|O['’][A-Z][a-z]+)"
    r"(?![\w'’-]*[ \t]+[A-Z])"
)


@lru_cache(maxsize=4096)
def _a_country(book: TeamBook, word: str) -> bool:
    team = book.canonical(word)
    return bool(team and book.is_national(team))


def first_names(text: str, book: TeamBook) -> frozenset[int]:
    """'Jordan Kral scored', 'Chad Berg': a country's name opening a person's, a surname right after it
    and nothing capitalised after that (never 'England Women', 'Wales Under-21s', a role or a league)."""
    out = set()
    for m in _TWO_WORDS.finditer(text):
        if m[2] in _NOT_SURNAMES or text[max(0, m.start() - 3) : m.start()].rstrip().endswith(("v", "vs")):
            continue
        if not _a_country(book, m[1]):
            continue
        if book.canonical(m[2]) is None and book.canonical(m[0]) is None:
            out.add(m.start())
    return frozenset(out)


def clubs_countries(text: str, refs: list[TeamRef], book: TeamBook) -> list[TeamRef]:
    """'Al Ahly of Egypt', 'Eastwick of Tunisia': a country after a club and 'of' says where the club is
    from; it is no side of the match. The club's words run on over it."""
    out: list[TeamRef] = []
    for r in sorted(refs, key=lambda r: r.start):
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.team
            and r.team
            and book.is_national(r.team)
            and not book.is_national(prev.team)
            and re.fullmatch(r"\s+of\s+(?:the\s+)?", text[prev.end : r.start])
        ):
            out[-1] = TeamRef(prev.start, r.end, prev.team, prev.how, prev.side)
            continue
        out.append(r)
    return out


def squad_tails(text: str, refs: list[TeamRef], lex: Lexicon | None) -> list[TeamRef]:
    """A team's words run on over what says which of its teams played ('Northbrook College men's soccer
    team', 'Northbrook (NBC)'): the result around them then reads as if the name stood alone."""
    tail = _squad_tail_rx(lex)
    out = []
    for r in refs:
        m = tail.match(text, r.end) if r.team else None
        out.append(TeamRef(r.start, m.end(), r.team, r.how, r.side) if m and m.end() > r.end else r)
    return out


@lru_cache(maxsize=4)
def _squad_tail_rx(lex: Lexicon | None) -> re.Pattern[str]:
    return re.compile(squad_tail(lex))


_BRACKETED_SHORT = re.compile(r"[ \t]*\(([A-Z][A-Za-z&]{1,5})\)\Z")


def bracketed_short_forms(text: str, refs: list[TeamRef]) -> list[TeamRef]:
    """'Eastwick State University (ESU) ... ESU came alive': the short form given in brackets after a
    team's name stands for it wherever else the text uses it (same first letter; never a country's tag,
    'Barcelona (ESP)')."""
    shorts: dict[str, str] = {}
    for r in refs:
        m = _BRACKETED_SHORT.search(text, r.start, r.end) if r.team else None
        if m and m[1][0] == r.team[0] and not (r.team or "").upper().startswith(m[1]):  # type: ignore[index]
            shorts.setdefault(m[1], r.team)  # type: ignore[arg-type]
    if not shorts:
        return []
    covered = [(r.start, r.end) for r in refs]
    out = []
    for m in re.finditer(rf"(?<![\w'’-])(?:{'|'.join(map(re.escape, shorts))})(?![\w-])", text):
        if not any(a <= m.start() < b for a, b in covered):
            out.append(TeamRef(m.start(), m.end(), shorts[m[0]], "short"))
    return out


_CLUB_SUFFIX = re.compile(r"[ \t]+(?:SC|FC|CF|AC|AFC|CD|SD|FK|SK|BK|IF)\b")


def _with_suffix(text: str, ref: TeamRef, book: TeamBook) -> TeamRef:
    """'Barcelona SC': a listed name followed by a club tag that makes another club's name."""
    m = _CLUB_SUFFIX.match(text, ref.end)
    if m:
        club = _club_canonical(book, text[ref.start : m.end()], exact_only=True)
        if club and club != ref.team:
            return TeamRef(ref.start, m.end(), club, "name")
    return ref


# ---- canonical names ----------------------------------------------------------------------------

_SUFFIX_WOMEN = re.compile(r"\s+(?:Women|Ladies|WFC|Féminines?)$")
_SUFFIX_YOUTH = re.compile(r"\s+(?:U-?(?:17|18|19|20|21|23)s?|[Uu]nder-?(?:17|18|19|20|21|23)s?|Reserves|II|B)$")
_GLUED = re.compile(r"(?<=[a-z])(?=[A-Z])")
_NAME_PREFIXES = frozenset({"Mac", "Mc", "De", "Di", "Da", "Du", "Le", "La", "Van", "Von", "Del", "Della"})  # McLeish


def canonical_name(book: TeamBook, surface: str, doc: Doc | None = None) -> str | None:
    """The canonical name for a team as written, or None when it is not a plausible team name.

    Curated list first, then the large club list (one owner, or the one from the article's country),
    then the name as written: a club nobody listed is still a club.
    """
    s = re.sub(r"\s+", " ", surface.strip().strip(".,;:"))
    if not s:
        return None
    for rx, tag in ((_SUFFIX_WOMEN, " Women"), (_SUFFIX_YOUTH, None)):
        m = rx.search(s)
        if m and m.start() > 0:
            base = canonical_name(book, s[: m.start()], doc)
            if base:
                return base + (tag or " " + m.group().strip().replace("Under-", "U").replace("under-", "U"))
    exact = book.canonical_exact(s)
    if exact:
        return exact
    club = _club_canonical(book, s, exact_only=True)
    if club and book.canonical(s) and name_key(book.canonical(s) or "") != name_key(s):
        return club  # "Barcelona SC" is a club of its own, not Barcelona with a suffix
    known = book.canonical(s)
    if known:
        return known
    glued = _GLUED.split(s)  # "WrexhamWrexham", "Sheff UtdSheffield United": short and full name run together
    if len(glued) == 2 and min(len(glued[0]), len(glued[1])) >= 3 and glued[0] not in _NAME_PREFIXES:
        for part in (glued[1], glued[0]):
            found = book.canonical(part) or (part if team_like(part) else None)
            if found:
                return book.canonical(part) or _club_canonical(book, part) or part
    if s.lower().startswith("the ") and book.canonical(s[4:]):
        return book.canonical(s[4:])
    club = _club_canonical(book, s)
    if club:
        return club
    if s.lower().startswith("the ") and not _club_canonical(book, s):
        s = s[4:]
    return s if team_like(s) else None


_TAG = re.compile(r"[A-Z](?:\.?[A-Z]){0,3}\.?")
_NOT_INITIALLED = frozenset({"FC", "AFC", "CF", "SC", "AC", "FK", "SK", "The"})


def team_of_tag(tag: str, teams: tuple[str, str]) -> str | None:
    """The team of the two a short tag stands for: 'Varga (N)' in a list under 'Northbrook v Eastwick',
    '(NOR)', '(WU)' for Westfield United; None when it fits neither or both."""
    tag = tag.strip()
    if not _TAG.fullmatch(tag):
        return None
    letters = tag.replace(".", "")
    fits = [t for t in teams if t and letters in _tags_of(t)]
    return fits[0] if len(fits) == 1 else None


def _tags_of(team: str) -> set[str]:
    """The short tags a team goes by: its initial, its words' initials, its name's first three letters."""
    words = [w for w in re.split(r"[\s-]+", team) if w and w not in _NOT_INITIALLED]
    if not words:
        return set()
    return {words[0][0].upper(), "".join(w[0] for w in words).upper(), words[0][:3].upper()}


def _club_canonical(book: TeamBook, name: str, exact_only: bool = False) -> str | None:
    """The display name of the one listed club this name stands for (None when none or several)."""
    owners = book.clubs.owners(name, exact_only)
    if len(owners) != 1:
        return None
    display = book.clubs.display(owners[0])
    club = book.clubs.club(owners[0])
    country = club.country if club else None

    def same_club(name: str | None) -> str | None:
        return name if name and book.country(name) == country else None

    curated = same_club(book.canonical(display)) or next(
        (c for a in book.clubs.aliases(owners[0]) if len(a) > 3 and (c := same_club(book.canonical(a)))), None
    )  # the hand-made list's name wins where it knows the club ('Chivas' -> Guadalajara)
    return curated or display


# ---- learning names from the text -----------------------------------------------------------------


_A_POINT = r"(?:point|draw|share of the spoils)"


@lru_cache(maxsize=4)
def slot_patterns(lex: Lexicon | None, tailed: bool = True) -> list[tuple[str, re.Pattern[str], tuple[str, ...]]]:
    """The places a team's name stands in results and fixtures, as (rule, pattern, team groups); with
    `tailed`, a name may run on over a `squad_tail` and have its league before it (the patterns without are
    for windows that hold no word of either)."""
    rows = lex.rows("result_words") if lex else []
    verbs = alternation(r["phrase"] for r in rows if r["kind"] == "verb" and r["outcome"] in ("win", "lose", "draw"))
    nouns = alternation(r["phrase"] for r in rows if r["kind"] == "noun")
    preps = alternation(r["phrase"] for r in rows if r["kind"] == "prep")
    lead_verbs = alternation(r["phrase"] for r in rows if r["kind"] == "verb" and r["outcome"] in ("win", "lose", "draw", "played"))
    lead_in = rf"(?:{lead_ins(lex)}\s+)?"  # 'came back to beat', 'rallied to draw'
    tail = squad_tail(lex) if tailed else ""
    a, b = named("a", tail, league=tailed), named("b", tail, league=tailed)
    gave = r"(?:gave|give|gives|giving|handed|hand|earned|earn|earning|secured|sealed|clinched|helped|inspired)"
    return [
        (
            "verb_object",
            re.compile(
                rf"(?:{a}(?:,\s+who)?\s+(?:have\s+|has\s+|had\s+)?{lead_in})?(?:{verbs})\s+(?:the\s+)?{GAP}{b}\s+{SCORE}"
            ),
            ("a", "b"),
        ),
        (
            "subject_verb",
            re.compile(rf"{a}(?:,\s+who)?\s+(?:have\s+|had\s+|has\s+)?{lead_in}(?:{verbs})\s+{SCORE}"),
            ("a",),
        ),
        ("noun_object", re.compile(rf"{SCORE}\s+{GAP}(?:{nouns})\s+(?:{preps})\s+(?:the\s+)?{GAP}{b}"), ("b",)),
        (
            "noun_for",
            re.compile(rf"{SCORE}\s+{GAP}(?:{nouns})\s+for\s+(?:the\s+)?{GAP}{a}\s+(?:{preps})\s+(?:the\s+)?{GAP}{b}"),
            ("a", "b"),
        ),
        (
            "gave_result",
            re.compile(rf"\b{gave}\s+(?:the\s+)?{a}\s+(?:to\s+)?(?:a|an|the)\s+{GAP}{SCORE}\s+{GAP}(?:{nouns})"),
            ("a",),
        ),
        ("verb_score_prep", re.compile(rf"\b(?:{verbs})\s+{SCORE}\s+(?:{preps})\s+(?:the\s+)?{GAP}{b}"), ("b",)),
        (
            "possessive_score",
            re.compile(rf"{a}(?:'s|’s|')\s+(?:(?!with\b|in\b|at\b|after\b)[a-z]+\s+)?{SCORE}\s+{GAP}(?:{nouns})"),
            ("a",),
        ),
        ("score_between", re.compile(rf"{SCORE}\s+between\s+{a}\s+(?:and|&)\s+{b}"), ("a", "b")),
        (
            "subject_noun",
            re.compile(  # never 'with Varga completing the 2-0 win', 'Berg also scoring', "Varga's double sealed"
                rf"(?<!\bwith\s)(?<!\band\s){a}(?<!['’]s)\s+(?:(?!also\b|[a-z]+ing\b)[a-z][\w-]*\s+){{1,3}}?(?:a|an|the)\s+"
                rf"(?:[a-z][\w-]*\s+)?{SCORE}\s+{GAP}(?:{nouns})\b"  # 'X recorded a historic 2-1 victory'
            ),
            ("a",),
        ),
        (
            "participle_first",
            re.compile(
                rf"\b(?:[Aa]fter\s+|[Bb]efore\s+|[Bb]y\s+)?(?i:{verbs})\s+(?:the\s+)?{GAP}{b}\s+{SCORE},\s+(?:the\s+)?{a}"
            ),
            ("a", "b"),
        ),
        (  # 'their cup tie at Eastwick', 'the derby against Eastwick': the match, told by its noun
            "match_noun",
            re.compile(rf"\b(?:tie|derby|clash|encounter|meeting|fixture)\s+(?:at|against|with|away\s+to)\s+(?:the\s+)?{b}"),
            ("b",),
        ),
        (  # 'to earn Northbrook a point', 'earned Northbrook a deserved draw'
            "gave_point",
            re.compile(rf"\b{gave}\s+(?:the\s+)?{a}\s+(?:a|an)\s+(?:[a-z][\w-]*\s+)?{_A_POINT}\b"),
            ("a",),
        ),
        (
            "noun_unscored",
            re.compile(rf"\b(?:defeat|loss|win|victory|draw)\s+(?:to|by|over|against)\s+(?:the\s+)?{GAP}{b}"),
            ("b",),
        ),
        ("between", re.compile(rf"\b{MATCH_NOUNS}\s+between\s+{a}\s+(?:and|&)\s+{b}"), ("a", "b")),
        (
            "versus",
            re.compile(rf"(?<![\w-]){a}\s+(?:v|vs\.?|versus)\s+{b}(?=\s*(?:$|[\n:,.;!?)]|\s+[a-z]))", re.M),
            ("a", "b"),
        ),
        ("side_word", re.compile(rf"\b{SIDE_BEFORE}\s+{b}(?=[\s,.;:])"), ("b",)),
        ("side_apposition", re.compile(rf"\b{SIDE_BEFORE},\s+{b},"), ("b",)),  # 'the visitors, Eastwick, were ...'
        (
            "pair_draw",
            re.compile(rf"{a}\s+(?:and|&)\s+(?:the\s+)?{b}\s+(?:played out|drew|shared|fought out|battled to)\b"),
            ("a", "b"),
        ),
        ("team_role", re.compile(rf"{a}(?:'s|’s)?\s+(?:{TEAM_ROLES})\b"), ("a",)),
        *announce_slots(lex),
        (  # 'Northbrook brushed aside Eastwick on Saturday' opening the article: its two teams, no score needed
            "lead_result",
            re.compile(
                rf"(?<![\w'’-]){a}(?:\s+(?:have|has|had))?\s+{lead_in}(?:{lead_verbs})\s+(?:(?:to|by|with|against|at|over|past)\s+)?(?:the\s+)?{b}(?![\w'’-])"
                r"(?![ \t]+[A-ZÀ-Ý])(?!\s+(?:to|level|back|ahead|in front|into|up)\b)"  # the whole run; 'Varga
                # beats Olsen to the award', 'Varga drew Northbrook level': a person acting, no result
                r"(?!\s+(?:penalty|goal|header|strike|free[- ]kick|double|brace|hat-trick|own goal|equali[sz]er|winner|"
                r"opener|volley|effort|finish|tap-in|spot-kick)\b)"  # 'were beaten by a Varga penalty': a scorer
            ),
            ("a", "b"),
        ),
    ]


@lru_cache(maxsize=4)
def _tail_words(lex: Lexicon | None) -> tuple[str, ...]:
    """A word every squad tail or league before a name holds: a bracket, the last word of a `squad` row."""
    rows = lex.phrases("team_words", means="squad") if lex else []
    return ("(", " outfit", " club", *sorted({" " + p.split()[-1].lower() for p in rows}))  # and LEAGUE_SIDE's


@lru_cache(maxsize=4)
def slot_gates(lex: Lexicon | None) -> list:
    """Per slot pattern, a test of a window's lowercased text: the words the pattern cannot match without."""
    return [gate_test(gate_for(rx)) for _, rx, _ in slot_patterns(lex)]


def announce_slots(lex: Lexicon | None) -> list[tuple[str, re.Pattern[str], tuple[str, ...]]]:
    """'Northbrook next play Eastwick', 'ahead of the trip to Eastwick': the team slots of announced
    matches (`ahead_words.csv` rows ending on their team), weak evidence alone (a preview names its
    teams more than once). Two-team rows ('between ¤ and ¤', '¤ v ¤') are the 'between' and 'versus' slots."""
    rows = lex.rows("ahead_words", kind="announce") if lex else []
    lead = [
        r["phrase"].removesuffix("¤").strip() for r in rows if r["phrase"].count("¤") == 1 and r["phrase"].endswith("¤")
    ]
    if not lead:
        return []
    words = alternation(lead)
    rx = re.compile(rf"(?:{named('a')}\s+(?:[a-z]+\s+){{0,2}}?)?(?i:(?<![\w-]){words})\s+{named('b')}")
    return [("announce", rx, ("a", "b"))]


SLOT_WEIGHT = {
    "verb_object": 3, "noun_object": 3, "verb_score_prep": 3, "between": 3, "noun_for": 3, "gave_result": 3,
    "subject_verb": 3, "possessive_score": 3, "versus": 3, "side_word": 2, "noun_unscored": 2, "team_role": 1,
    "match_noun": 2, "gave_point": 2,
    "subject_noun": 3, "participle_first": 3, "announce": 2, "score_between": 3, "pair_draw": 3, "side_apposition": 3,
    "lead_result": 3,
}  # fmt: skip
SUBJECT_LEFT_OUT = frozenset({"verb_object", "verb_score_prep", "noun_object", "participle_first"})  # the subject opens
TEAM_ROLES = (
    r"manager|boss|coach|head coach|goalkeeper|keeper|striker|forward|midfielder|defender|winger|captain|skipper|"
    r"fans|supporters|players|squad|defence|defense|attack|midfield|academy|chairman|owner|president|"
    r"full-back|centre-back|left-back|right-back|substitute|playmaker|number"
)


def _nationality_words() -> re.Pattern[str]:
    from transforms.reader.people import ROLE_NOUNS

    words = [w for w in ROLE_NOUNS.split("|") if w[:1].isupper()]
    return re.compile("(?:" + "|".join(words + ["German", "Spanish", "French", "English", "Dutch", "Italian"]) + ")")


NATIONALITY_WORD = _nationality_words()
GROUND_WORDS = frozenset(
    {"Arena", "Stadium", "Stadion", "Estadio", "Estádio", "Stade", "Stadio", "Ground", "Bowl", "Dome", "Field"}
)
CLUB_WORDS = frozenset(
    {"United", "City", "Town", "Rovers", "Athletic", "Albion", "FC", "AFC", "SC", "Wanderers", "County", "Academical",
     "Rangers", "Thistle", "Hotspur", "Wednesday", "Villa", "Orient", "Argyle", "Alexandra", "Borough", "Stanley",
     "Athletico", "Club", "CF", "Sporting", "Real", "Dynamo", "Dinamo", "Racing", "Deportivo", "Olympique",
     "University", "College", "Women", "Ladies", "Reign", "Victory", "Olympic", "Harriers", "Celtic", "Swifts",
     "Colliery", "Welfare", "Corinthians", "State", "Tech"}
)  # fmt: skip
_JOINED = re.compile(r"\s+(?:and|&)\s+")
_CAPITAL = re.compile(r"\b[A-ZÀ-Ý]")
_SUBJECT_RUN = re.compile(
    rf"(?:[Tt]he\s+)?(?P<a>{CAP})(?=(?:[ \t]*\([A-Z][A-Za-z&]{{1,5}}\))?"  # 'Northbrook (NBC) were ...'
    r"\s+(?:have\s+|has\s+|had\s+|were\s+|was\s+)?[a-z])"
)


_NOT_TEAM_WORDS = frozenset(
    {
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
        "VAR", "FIFA", "UEFA", "He", "She", "They", "It", "His", "Her", "Their", "We", "I", "You", "But",
        "And", "When", "After", "Before", "While", "With", "In", "On", "At", "For", "A", "An", "This", "That",
        "There", "Here", "Then", "Now", "So", "Yet", "Still", "Also", "These", "Those",
    }
)  # fmt: skip


_NOT_SURNAMES = CLUB_WORDS | GROUND_WORDS | frozenset(
    {"Women", "Ladies", "Under", "Olympic", "Coach", "Manager", "Boss", "Captain", "Striker", "Star", "Fans", "Squad",
     "Team", "Side", "Football", "Soccer", "National", "Defender", "Midfielder", "Keeper", "Goalkeeper", "Forward",
     "Winger", "International", "Federation", "Association", "Cup", "League", "Players", "Juniors", "Youth"}
)


VENUE_WORDS = frozenset({"Park", "Lane", "Road", "Avenue", "Meadow", "Meadows", "Stadium", "Ground", "Arena"})
_MANAGERS_MEN = re.compile(r"['’]s\s+(?:men|charges|troops|boys|girls|side|team|youngsters)\b")


def _a_persons_surname(text: str, surface: str) -> bool:
    """A one-word name the text also gives after a first name ('Birgit Prinz'): a person's surname."""
    word = surface.strip()
    return " " not in word and re.search(rf"\b[A-Z][a-z]+\s+{re.escape(word)}\b", text) is not None


def learn_names(doc: Doc, resolve) -> dict[str, str]:
    """Surface form -> canonical for every name the text puts in a team's place often or firmly enough."""
    text, book = doc.text, doc.book
    votes: Counter[str] = Counter()
    found: dict[str, str] = {}

    def take(surface: str | None, weight: int) -> None:
        for part in _team_parts(book, surface):
            take_one(part, weight)

    people = _people_by_role(text)

    nicknamed = book.lexicon.nickname_owners if book.lexicon is not None else {}  # type: ignore[attr-defined]

    def take_one(surface: str, weight: int) -> None:
        surface = without_town(book, surface.strip())
        whole = surface.rstrip(".,;:")
        if (
            nicknamed
            and not book.canonical(whole)
            and (fold_phrase(whole) in nicknamed or fold_phrase(_ARTICLE.sub("", whole)) in nicknamed)
        ):
            return  # 'Dale won 1-0': a nickname, read by the nickname pass as the club it stands for
        if (whole in people or whole.split()[-1:] and whole.split()[-1] in people) and not book.canonical(whole):
            return  # 'Charlton manager Alan Curbishley ... Curbishley said after the 4-0 win': a person
        if NATIONALITY_WORD.fullmatch(whole):
            return  # "German giants", "the Brazilian forward": a nationality, not a team
        surface = whole if book.clubs.owners(whole, exact_only=True) else _clean_surface(surface, book.lexicon)
        country = _OF_COUNTRY.search(surface or "")
        if country and book.is_national(book.canonical(country[1]) or ""):
            surface = surface[: country.start()]  # 'Eastwick of Tunisia': a club and its country
        if not surface or surface.split()[0] in _NOT_TEAM_WORDS or surface == "The" or book.competition(surface):
            return
        if " " not in surface and surface.endswith("ing") and not book.canonical(surface):
            return  # 'Having lost at X, ...': a sentence opening on a participle
        if book.venue(surface) or GROUND_WORDS & set(surface.split()):
            return
        listed = book.canonical(surface) or book.clubs.owners(surface)
        if not listed and surface.split()[-1] in VENUE_WORDS:
            return  # 'won 2-0 at Kestrel Park': a ground nobody listed, not a club
        if not listed and _MANAGERS_MEN.match(text, text.find(surface) + len(surface)) and " " not in surface:
            return  # "Marsh's men claimed a 1-0 victory": the manager's side, not a club called Marsh
        canonical = resolve(surface)
        if canonical and canonical.isupper() and " " in canonical:
            canonical = _written_in_case(text, canonical)
        if canonical:
            found[surface] = canonical
            votes[surface] += weight

    for h in doc.headings:
        take(text[h.first[0] : h.first[1]], 3)
        take(text[h.second[0] : h.second[1]], 3)
    for sheet in doc.sheets:
        if sheet.team:
            take(sheet.team, 3)
    result_sentences = []
    seen: set[tuple[str, int, int]] = set()
    scored = _score_windows(doc)
    lowered: dict[tuple[int, int], str] = {}
    lex = book.lexicon
    tail_words = _tail_words(lex)
    patterns = zip(slot_patterns(lex), slot_patterns(lex, tailed=False), slot_gates(lex), strict=True)  # type: ignore[arg-type]
    for (rule, rx, groups), (_, plain, _), opens in patterns:
        for lo, hi in slot_windows(doc, rule, scored):
            window = lowered.get((lo, hi))
            if window is None:
                window = lowered[(lo, hi)] = text[lo:hi].lower()
            if not opens(window):
                continue  # none of the words the pattern needs: no scan
            tailed = any(w in window for w in tail_words)  # most windows hold no squad tail
            for m in (rx if tailed else plain).finditer(text, lo, hi):
                if (rule, *m.span()) in seen:
                    continue
                seen.add((rule, *m.span()))
                for g in groups:
                    if rule == "lead_result" and _a_persons_surname(text, m[g]):
                        continue  # "Germany's Birgit Prinz ... Prinz beats Hamm": a person named in full elsewhere
                    take(m[g], SLOT_WEIGHT.get(rule, 1))
                weight = SLOT_WEIGHT.get(rule, 1)
                if weight >= 3 or rule in ("noun_unscored", "match_noun"):  # 'X moved up with a win over Y': X opens
                    left_out = rule in SUBJECT_LEFT_OUT or rule in ("noun_unscored", "match_noun")
                    at = m.start() if left_out and not m.groupdict().get("a") else len(text)
                    result_sentences.append((doc.sentence_at(m.start()), at, min(weight, 3)))
    firsts: dict[tuple[int, int], tuple[int, int]] = {}
    for sentence, at, weight in result_sentences:
        was_at, was_weight = firsts.get(sentence, (at, weight))
        firsts[sentence] = (min(at, was_at), max(weight, was_weight))
    for (s0, s1), (at, weight) in firsts.items():  # the sentence a result is told in opens on its subject
        m = _SUBJECT_RUN.match(text, s0, s1)
        if m:  # nothing capitalised between it and the result: 'Northbrook went top by thrashing Eastwick 5-0'
            strong = m.end() <= at and not _CAPITAL.search(text, m.end(), at) and not re.search(r"['’]", m["a"])
            take(m["a"], weight if strong else weight - 1)  # "Varga's goal gave them a 1-0 win": maybe a player
    out = {}
    for surface, canonical in found.items():
        words = surface.split()
        shorter = sum(n for s, n in votes.items() if s != surface and s.split() == words[: len(s.split())])
        bonus = bool(book.canonical(surface) or book.clubs.owners(surface)) + bool(CLUB_WORDS & set(words))
        if votes[surface] + min(shorter, 1) + bonus >= 3:
            out[surface] = canonical
    return merge_short_names(settle_ambiguous(out, book))


_ARTICLE = re.compile(r"^(?:the|les|los|las|la|le|die|der|il|i)\s+", re.I)  # 'Les Gones', 'Die Roten'
_ROLE_THEN_NAME = re.compile(
    r"(?<![\w-])(?i:manager|boss|coach|head coach|striker|midfielder|defender|goalkeeper|keeper|winger|captain|"
    r"skipper|forward|chairman|president|referee)\s+((?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]+)"
)


_TOWNS_TEAM = re.compile(r"(?P<town>[A-ZÀ-Ý][\w-]+(?:\s+[A-ZÀ-Ý][\w-]+)?)['’]s\s+(?P<team>[A-ZÀ-Ý].*)")


def without_town(book: TeamBook, surface: str) -> str:
    """'Glasgow's Partick Thistle' is Partick Thistle: a clubs' town in the possessive places the team
    (a town that is a club's name, 'Liverpool's Everton', is left alone)."""
    m = _TOWNS_TEAM.fullmatch(surface)
    if m is None:
        return surface
    town = m["town"]
    if book.canonical(town) or book.clubs.owners(town, exact_only=True) or not book.clubs.in_city(town):
        return surface
    return m["team"]


def _written_in_case(text: str, name: str) -> str:
    """'BURGESS HILL TOWN' in a capitals heading is the 'Burgess Hill Town' the text writes elsewhere, else
    each word capitalised but short tags ('AFC', 'FC')."""
    for m in re.finditer(re.escape(name), text, re.I):
        if not m.group().isupper():
            return m.group()
    return " ".join(w if len(w) <= 3 else w.capitalize() for w in name.split())


def _people_by_role(text: str) -> set[str]:
    """Names the text gives a person's role ('manager Alan Curbishley'): the full name and the surname."""
    out: set[str] = set()
    for m in _ROLE_THEN_NAME.finditer(text):
        out.add(m[1])
        out.add(m[1].split()[-1])
    return out


def _team_parts(book: TeamBook, surface: str | None) -> list[str]:
    """'Northbrook and Eastwick played out a draw': two teams, unless the whole is a listed name."""
    whole = (surface or "").strip().rstrip(".,;:")
    if _JOINED.search(whole) and not (book.canonical(whole) or book.clubs.owners(whole, exact_only=True)):
        return [part for part in _JOINED.split(whole) if part]
    return [surface or ""]


def settle_ambiguous(learned: dict[str, str], book: TeamBook) -> dict[str, str]:
    """'Guadalajara' is two listed clubs (Mexico, Spain): the one this article names otherwise ('Chivas'),
    else the one from the country of the article's other teams."""
    out = dict(learned)
    named = set(learned.values())
    countries = Counter(c for c in (_country_of(book, t) for t in named) if c)
    for surface, canonical in learned.items():
        owners = book.clubs.owners(surface)
        if canonical != surface or len(owners) < 2:
            continue
        displays = {o: (_club_canonical(book, book.clubs.display(o)) or book.clubs.display(o)) for o in owners}
        same = [d for d in displays.values() if d in named and d != surface]
        if len(set(same)) == 1:
            out[surface] = same[0]
            continue
        ranked = countries.most_common(1)
        if ranked:
            local = [d for o, d in displays.items() if (c := book.clubs.club(o)) and c.country == ranked[0][0]]
            if len(set(local)) == 1:
                out[surface] = local[0]
    return out


_SCORE_ANCHOR = re.compile(r"\d{1,2}\s?[-–—]\s?\d{1,2}")
# Where each slot can be, so its pattern is tried on a window, not the whole text. No leading \b: with one,
# the engine tries every position; without, it jumps to the words' first letters (the word start is
# checked after, in `slot_windows`).
_ANCHORS = {
    "noun_unscored": (re.compile(r"(?:defeat|loss|win|victory|draw)\b"), 10, 90),
    "match_noun": (re.compile(r"(?:tie|derby|clash|encounter|meeting|fixture)\b"), 0, 90),
    "gave_point": (re.compile(r"(?:point|draw|spoils)\b"), 120, 10),
    "between": (re.compile(r"between\b"), 40, 110),
    "versus": (re.compile(r"\s(?:v|vs\.?|versus)\s"), 60, 60),
    "side_word": (re.compile(rf"{SIDE_BEFORE}\b"), 0, 70),
    "team_role": (compile_rule(rf"(?:{TEAM_ROLES})\b"), 70, 30),
    "announce": (re.compile(r"(?:next|upcoming|will|ahead of|due to|set to|this week|tomorrow|later this)\b"), 60, 120),
    "pair_draw": (re.compile(r"(?:played out|drew|shared|fought out|battled to)\b"), 80, 10),
    "side_apposition": (re.compile(rf"{SIDE_BEFORE},"), 0, 70),
}


def slot_windows(doc: Doc, rule: str, scored: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches of text a slot pattern can match in: around its anchor word, or the sentences
    holding a score for the slots that need one (merged where they overlap)."""
    text = doc.text
    if rule == "lead_result":  # the article's first two sentences (its headline among them)
        return doc.sentences[:2]
    if rule in _ANCHORS:
        rx, before, after = _ANCHORS[rule]
        spans = [
            (max(0, m.start() - before), min(len(text), m.end() + after))
            for m in rx.finditer(text)
            if not m.start() or not text[m.start() - 1].isalnum() or text[m.start()].isspace()
        ]
    else:
        return scored
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _score_windows(doc: Doc) -> list[tuple[int, int]]:
    """The sentences that hold a score (computed once per article)."""
    text = doc.text
    spans = []
    for m in _SCORE_ANCHOR.finditer(text):
        s0, s1 = doc.sentence_at(m.start())
        spans.append((s0, s1) if s1 > s0 else (max(0, m.start() - 200), min(len(text), m.end() + 200)))
    return sorted(set(spans))


def merge_short_names(learned: dict[str, str]) -> dict[str, str]:
    """'Bala' beside 'Bala Town': the shorter name is the same club when its words are the longer one's."""
    out = dict(learned)
    for surface, canonical in learned.items():
        words = surface.split()
        longer = {
            c for s, c in learned.items()
            if len(s.split()) > len(words)
            and (s.split()[: len(words)] == words or (len(words) == 1 and words[0] in c.replace("’", "'").split()))
        }  # fmt: skip
        if len(longer) == 1 and canonical == surface:
            out[surface] = next(iter(longer))
    return out


@lru_cache(maxsize=4)
def _descriptors(lex: Lexicon | None) -> re.Pattern[str]:
    """Words a capitalised run may open with that describe the team, not name it (`team_words` rows
    `descriptor`): 'Leaders Northbrook', 'Ten-man Northbrook'."""
    words = lex.phrases("team_words", means="descriptor") if lex is not None else []
    return re.compile(rf"^(?:(?i:{alternation(words)})\s+)+(?=[A-ZÀ-Ý])") if words else re.compile(r"(?!)")


_GROUND_AFTER_POSSESSIVE = re.compile(r"(?:Park|Road|Lane|Ground|Stadium|Arena|Field|Meadow|Avenue)\b")


_OF_COUNTRY = re.compile(r"\s+of\s+(?:the\s+)?([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})$")
_HYPHEN_DESCRIPTOR = re.compile(r"^[A-Z][a-z]+-[a-z]+\s+(?=[A-ZÀ-Ý])")  # 'Already-qualified X', 'Second-placed X'


def _clean_surface(surface: str, lex: Lexicon | None = None) -> str:
    """A slot's capital run without its trailing possessive, cut at an inner one ("Madrid's Ghanaian",
    "Northbrook Rovers' Tomas Varga")."""
    s = surface.strip().rstrip(".,;:")
    s = _descriptors(lex).sub("", s)  # 'Leaders Northbrook', 'Ten-man Northbrook': the team is Northbrook
    s = _HYPHEN_DESCRIPTOR.sub("", s)
    inner = re.search(r"(?:'s|’s|(?<=s)['’])\s", s)
    if inner and not _GROUND_AFTER_POSSESSIVE.match(s, inner.end()):  # "St James' Park" is a ground, whole
        s = s[: inner.start()]
    s = re.sub(r"(?:'s|’s|')$", "", s)
    return s


# ---- every occurrence -----------------------------------------------------------------------------


def occurrences(text: str, learned: dict[str, str], have: list[TeamRef]) -> list[TeamRef]:
    """Each learned name wherever it stands in the text (whole words, not inside a longer capital run)."""
    out = []
    known = {r.team for r in have}
    for surface, canonical in sorted(learned.items(), key=lambda kv: -len(kv[0])):
        if canonical in known and surface in {text[r.start : r.end] for r in have}:
            continue
        for m in _glued_word(surface).finditer(text):  # '1Wrexham3': glued to a score
            out.append(TeamRef(m.start(), m.end(), canonical, "name"))
    return out


def _reassign_nicknames(text: str, refs: list[TeamRef], learned: dict[str, str]) -> list[TeamRef]:
    """A one-word alias of a listed club ('Saints') that is a word of a club this article names ('The
    New Saints'), when the listed club is named no other way, stands for the article's club."""
    words: dict[str, set[str]] = {}
    for canonical in set(learned.values()):
        for w in canonical.split():
            words.setdefault(w, set()).add(canonical)
    surfaces: dict[str | None, set[str]] = {}
    for r in refs:
        surfaces.setdefault(r.team, set()).add(text[r.start : r.end])
    out = []
    for r in refs:
        surface = text[r.start : r.end]
        owners = words.get(surface, set())
        if " " not in surface and len(owners) == 1 and r.team not in owners and len(surfaces[r.team]) == 1:
            out.append(TeamRef(r.start, r.end, next(iter(owners)), "short"))
        else:
            out.append(r)
    return out


@lru_cache(maxsize=8192)
def _whole_word(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'’-]){re.escape(word)}(?![\w-])")


@lru_cache(maxsize=8192)
def _glued_word(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![^\W\d_])(?<!['’-]){re.escape(word)}(?![^\W\d_]|-)")


def prefer_longer_names(text: str, refs: list[TeamRef]) -> list[TeamRef]:
    """'Barcelona' in a report on 'Barcelona SC': a name that is the start of another team's name in the
    same article, and names its own team no other way, stands for the longer name's team."""
    surfaces: dict[str | None, set[str]] = {}
    for r in refs:
        surfaces.setdefault(r.team, set()).add(text[r.start : r.end])
    out = []
    for r in refs:
        surface = text[r.start : r.end]
        longer = {
            t for t, names in surfaces.items()
            if t != r.team and t and any(n.startswith(surface + " ") for n in names)
        }  # fmt: skip
        if len(longer) == 1 and len(surfaces.get(r.team, ())) == 1:
            out.append(TeamRef(r.start, r.end, next(iter(longer)), "short"))
        else:
            out.append(r)
    return out


def short_forms(text: str, refs: list[TeamRef]) -> list[TeamRef]:
    """'Elgin', 'Albion', 'Rovers' stand for a team when exactly one team of the article carries the word."""
    owners: dict[str, set[str]] = {}
    for name in {r.team for r in refs if r.team}:
        for word in name.split():
            if len(word) >= 3 and word[0].isupper() and word not in GENERIC_WORDS:
                owners.setdefault(word, set()).add(name)
    unique = {w: next(iter(n)) for w, n in owners.items() if len(n) == 1}
    if not unique:
        return []
    covered = sorted((r.start, r.end) for r in refs)
    starts = [a for a, _ in covered]
    out = []
    for m in _words_pattern(tuple(sorted(unique))).finditer(text):
        s, e = m.span()
        k = bisect_right(starts, s) - 1
        if k >= 0 and covered[k][0] <= s < covered[k][1]:
            continue
        if any(a <= s < b for a, b in covered[max(0, k - 3) : k + 1]):
            continue
        if re.match(r"\s+[A-Z][a-z]", text[e : e + 3]) and not re.match(r"\s+(?:FC|Women)\b", text[e:]):
            continue  # "Preston Burgess": part of another name
        before = _WORD_BEFORE.search(text, max(0, s - 30), s)
        if m.group() in CLUB_WORDS and before and before[1] not in _NOT_TEAM_WORDS | set(unique[m.group()].split()):
            continue  # "Drogheda United's draw": another club's name ends on the club word
        out.append(TeamRef(s, e, unique[m.group()], "short"))
    return out


_WORD_BEFORE = re.compile(r"(?<![.!?]\s)(?<![.!?]\s\s)\b([A-ZÀ-Ý][a-zà-ÿ]+)[ \t]+$")


@lru_cache(maxsize=4096)
def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(
        r"(?<![\w'’-])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?![\w-])"
    )


def shared_nicknames(text: str, refs: list[TeamRef], lex: Lexicon) -> list[TeamRef]:
    """'The Saints' in a report on St Mirren: a nickname several clubs share, which the reference lists
    as one club's alias, stands for the club the article names otherwise, when that is one of them."""
    owners = lex.nickname_owners
    if not owners:
        return refs
    surfaces: dict[str, set[str]] = {}
    for r in refs:
        if r.team:
            surfaces.setdefault(r.team, set()).add(fold_phrase(text[r.start : r.end]))
    out = []
    for r in refs:
        nick = fold_phrase(re.sub(r"^[Tt]he\s+", "", text[r.start : r.end]))
        shared = owners.get(nick, ())
        if len(shared) > 1 and r.team and surfaces.get(r.team, set()) <= {nick, fold_phrase("the " + nick)}:
            named = [t for t in shared if t != r.team and t in surfaces]
            if len(named) == 1:
                out.append(TeamRef(r.start, r.end, named[0], "nickname"))
                continue
        out.append(r)
    return out


def nicknames(text: str, lex: Lexicon, named: set[str]) -> list[TeamRef]:
    """'the Gunners', 'Bafana Bafana', 'the canaries': a nickname counts for the article's own team only."""
    owners = lex.nickname_owners
    if not owners:
        return []
    first_words = _nickname_index(lex)
    out = []
    for w in _NICKNAME_START.finditer(text):
        rx = first_words.get(w.group().lower().replace("’", "'"))
        if rx is None:
            continue
        m = rx.match(text, w.start())
        if m is None:
            continue
        nick = m.group()
        cands = [t for t in owners.get(fold_phrase(nick), ()) if t in named]
        if len(cands) != 1:
            continue
        before = re.search(r"\b[Tt]he\s+\Z", text[max(0, w.start() - 5) : w.start()])
        if nick[0].islower() and not before:
            continue
        s = w.start() - len(before.group()) if before else w.start()
        out.append(TeamRef(s, m.end(), cands[0], "nickname"))
    return out


_WORD = re.compile(r"(?<![\w'’-])[^\W\d_][\w'’-]*")
_NICKNAME_START = re.compile(r"(?<![\w'’-])(?:[A-ZÀ-Ý]|(?<=[Tt]he )[a-zà-ÿ])[\w'’-]*")  # a lower-case one needs 'the'


@lru_cache(maxsize=4)
def _nickname_index(lex: Lexicon) -> dict[str, re.Pattern[str]]:
    """First word of each nickname (lower case) -> a pattern for the nicknames that open with it."""
    by_first: dict[str, list[str]] = {}
    for r in lex.rows("nicknames"):
        nick = r["nickname"]
        by_first.setdefault(nick.split()[0].lower().replace("’", "'"), []).append(nick)
    return {k: re.compile(rf"(?:{alternation(v)})(?![\w-])", re.I) for k, v in by_first.items()}


def demonyms(text: str, lex: Lexicon, named: set[str], book: TeamBook) -> list[TeamRef]:
    """'the Dutch', 'the Ivorians': the country's team; in a club match, that country's one club."""
    countries = lex.demonym_countries
    if not countries:
        return []
    rx = _demonym_regex(lex)
    out = []
    for m in rx.finditer(text):
        country = countries.get(fold_phrase(m["dem"]))
        if not country:
            continue
        team = country if country in named else None
        if team is None:
            clubs = [t for t in named if not book.is_national(t) and _country_of(book, t) == country]
            team = clubs[0] if len(clubs) == 1 else None
        if team:
            out.append(TeamRef(m.start(), m.end(), team, "demonym"))
    return out


def town_adjectives(text: str, refs: list[TeamRef], book: TeamBook) -> list[TeamRef]:
    """ "Svensson's Mainzer", 'the Dortmunder': a club's town with the German -er ending, for a club the
    article names (a word two named clubs share says nothing)."""
    owners: dict[str, set[str]] = {}
    for r in refs:
        if r.team and r.how in ("name", "short") and not book.is_national(r.team):
            for word in re.findall(r"[A-ZÀ-Ý][a-zà-ÿ]{3,}", text[r.start : r.end]):
                owners.setdefault(word, set()).add(r.team)
    towns = {w: next(iter(teams)) for w, teams in owners.items() if len(teams) == 1 and not w.endswith("er")}
    if not towns:
        return []
    return [
        TeamRef(m.start(), m.end(), towns[m["town"]], "demonym") for m in _TOWN_ER.finditer(text) if m["town"] in towns
    ]


_TOWN_ER = re.compile(r"\b(?P<town>[A-ZÀ-Ý][a-zà-ÿ]{3,})er\b")


@lru_cache(maxsize=4)
def _demonym_regex(lex: Lexicon) -> re.Pattern[str]:
    dems = alternation(r["demonym"] for r in lex.rows("demonyms"))
    from transforms.reader.people import ROLE_NOUNS

    return re.compile(
        rf"\b[Tt]he\s+(?P<dem>{dems})(?![\w-])(?!\s+(?:{ROLE_NOUNS}|[a-z]+er|side|club|team|champions)\b)"
    )


def _country_of(book: TeamBook, team: str) -> str | None:
    country = book.country(team)
    if country:
        return country
    club = book.clubs.club(team)
    return club.country if club else None


_PLACE_EPITHET = re.compile(
    r"\b[Tt]he\s+(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+(?:club|side|outfit|giants|team|men|squad|XI)\b"
)


def place_epithets(text: str, named: set[str], book: TeamBook) -> list[TeamRef]:
    """'The Piraeus club', 'the Thessaloniki giants': the article's team from that city."""
    out = []
    for m in _PLACE_EPITHET.finditer(text):
        place = m["place"]
        teams = [t for t in named if _city_of(book, t) == name_key(place) or place in t.split()]
        if len(teams) == 1:
            out.append(TeamRef(m.start(), m.end(), teams[0], "place"))
    return out


def _city_of(book: TeamBook, team: str) -> str | None:
    club = book.clubs.club(team)
    if club and club.city:
        return name_key(club.city)
    return None


def side_words(text: str, lex: Lexicon) -> list[TeamRef]:
    """'the hosts', 'the visitors', 'the home side': a side of the match, tied to a team later."""
    return [TeamRef(m.start(), m.end(), None, "side", m.lastgroup) for m in _side_regex(lex).finditer(text)]


@lru_cache(maxsize=4)
def _side_regex(lex: Lexicon) -> re.Pattern[str]:
    """One scan for both sides: the group that matched ('home' or 'away') is the side."""
    home, away = (alternation(r["phrase"] for r in lex.rows("team_words", means=side)) for side in ("home", "away"))
    return re.compile(rf"(?<![\w-])(?:(?P<home>{home})|(?P<away>{away}))(?![\w-])", re.I)


_DATELINE_CITY = re.compile(  # never 'NORTHBROOK TOWN (0) 0': a bracket after a dateline holds its agency
    r"[A-ZÀ-Ý]{3,}(?:[ -][A-ZÀ-Ý]{2,})*(?=,\s|\s*\((?!\d)|\s+[-–—]\s|:\s)"
)


def datelines(doc: Doc) -> list[tuple[int, int]]:
    """'MILAN, Dec 4', 'BERLIN —': a wire story's dateline city opening a paragraph names no team."""
    out = []
    for a, b in doc.paragraphs[:4]:
        lead = len(doc.text[a:b]) - len(doc.text[a:b].lstrip())
        m = _DATELINE_CITY.match(doc.text, a + lead, b)
        if m:
            out.append(m.span())
    return out


def non_overlapping(refs: list[TeamRef]) -> list[TeamRef]:
    """Longest first where two overlap; names beat short forms beat nicknames beat side words."""
    rank = {"name": 0, "place": 1, "nickname": 2, "demonym": 2, "short": 3, "side": 4}
    chosen: list[TeamRef] = []
    taken: list[tuple[int, int]] = []
    for r in sorted(refs, key=lambda r: (-(r.end - r.start), rank.get(r.how, 5), r.start)):
        if any(r.start < b and a < r.end for a, b in taken):
            continue
        chosen.append(r)
        taken.append((r.start, r.end))
    return sorted(chosen, key=lambda r: r.start)
