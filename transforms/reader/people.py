"""People pass: who the article names, with a provisional role, and which full name a surname is.

The name finder (`transforms.people`) works on capitalised runs; it is told where the teams,
competitions, grounds, sheets and headline-style lines are, so none of those becomes a person.
spaCy's tagger is asked only about a capitalised word opening a sentence ('Varga scored'), and a
batch of articles asks in one call: `prepare` returns the text windows, `read` uses the answers.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable

from transforms.people import NameFinder, bind_surnames, fold_name
from transforms.reader.doc import Doc
from transforms.records import PersonMention


def prepare(doc: Doc) -> list[tuple[int, int]]:
    """Set up the name finder; return the windows the tagger must see (empty without a tagger)."""
    text, book = doc.text, doc.book
    blocked = [(s.char_start, s.char_end) for s in doc.sheets]
    blocked += [(t.start, t.end) for t in doc.teams]
    blocked += [(c.start, c.end) for c in doc.competitions_in(0, len(text))]
    blocked += [(v.start, v.end) for v in doc.venues_in(0, len(text))]
    blocked += title_lines(text)
    learned = set(doc.learned) | set(doc.learned.values())
    doc.finder = NameFinder(
        text, blocked, lambda s: book.canonical(s) is not None or s in learned, proper_noun(doc), doc.first_names
    )
    if doc.tagger is None:
        return []
    return sorted({tagger_window(doc, s, e) for s, e in doc.finder.questions()})  # type: ignore[attr-defined]


def read(doc: Doc) -> None:
    """Fill doc.people and doc.binding (sheet players included)."""
    people: list[PersonMention] = [trim_nationality(p) for p in doc.finder.find()]  # type: ignore[attr-defined]
    for p in people:
        if "  " in p.name or "\t" in p.name:
            p.name = " ".join(p.name.split())  # a name wrapped over two lines, its break now a blank
    coach_successions(doc.text, people)
    one_role_per_person(people)
    sheet_people = [p for s in doc.sheets for p in s.players]
    doc.binding = bind_surnames([p.name for p in people if p.role == "player"] + [p.name for p in sheet_people])
    doc.people = people
    doc.sheet_people = sheet_people
    references(doc)


def trim_nationality(p: PersonMention) -> PersonMention:
    """'Colombian Tomas Varga' is Tomas Varga: a nationality before a full name is no part of it."""
    m = NATIONALITY.match(p.name)
    if m and len(p.name[m.end() :].split()) >= 1 and p.name[m.end() :][:1].isupper():
        return PersonMention(p.name[m.end() :], p.char_start + m.end(), p.char_end, p.role, p.team, p.rule)
    return p


def one_role_per_person(people: list[PersonMention]) -> None:
    """'Blues boss Marek Hollan' makes every 'Hollan' of the article a coach (referees likewise)."""
    roles: dict[str, str] = {}
    for p in people:
        if p.role in ("coach", "referee", "other"):
            for key in (fold_name(p.name), fold_name(p.name.split()[-1])):
                roles.setdefault(key, p.role)
    for p in people:
        if p.role == "player":
            role = roles.get(fold_name(p.name)) or (
                roles.get(fold_name(p.name.split()[-1])) if len(p.name.split()) == 1 else None
            )
            if role:
                p.role = role


def proper_noun(doc: Doc) -> Callable[[int, int], bool] | None:
    """Ask the language model, only for a capitalised word that opens a sentence ('Varga scored')."""
    if doc.tagger is None:
        return None
    cache = doc.tagged

    def is_proper(start: int, end: int) -> bool:
        a, b = tagger_window(doc, start, end)
        tagged = cache.get((a, b))
        if tagged is None:
            tagged = cache[a, b] = (doc.tagger(doc.text[a:b]), 0)  # type: ignore[misc]
        spacy_doc, at = tagged
        tok = spacy_doc.char_span(start - a + at, end - a + at, alignment_mode="expand")  # type: ignore[attr-defined]
        return bool(tok) and all(t.tag_ in ("NNP", "NNPS") for t in tok)

    return is_proper


WINDOW_BREAK = "! "  # between two windows of one article: a sentence's end. Of the breaks tried on the dev,
# unlabelled and seed articles (1,045 answers), this one changes fewest from a document per window (4;
# ". " 8, a paragraph break 26)


def joined_windows(doc: Doc, windows: list[tuple[int, int]]) -> str:
    """An article's tagger windows as one text: one tagger document per article, not one per window
    (the tagger's fixed cost per document is most of its time on windows of a few words)."""
    return WINDOW_BREAK.join(doc.text[a:b] for a, b in windows)


def keep_tagged(doc: Doc, windows: list[tuple[int, int]], tagged: object) -> None:
    """Each window's place in the tagged text of `joined_windows`."""
    at = 0
    for a, b in windows:
        doc.tagged[a, b] = (tagged, at)
        at += b - a + len(WINDOW_BREAK)


def tagger_window(doc: Doc, start: int, end: int, words: int = 4) -> tuple[int, int]:
    """The stretch of the sentence the tagger needs to tag text[start:end] as in the whole sentence.

    Its tok2vec sees four tokens either side (window 1, depth 4) and every space-separated word is at
    least one token, so four words either side give the same tag at a fraction of the sentence's cost.
    """
    text = doc.text
    s0, s1 = doc.sentence_at(start)
    if s0 == s1:
        s0, s1 = start, min(len(text), end + 80)
    a, b = start, end
    for _ in range(words):
        a = text.rfind(" ", s0, a)
        if a < 0:
            a = s0
            break
    for _ in range(words):
        b = text.find(" ", b + 1, s1)
        if b < 0:
            b = s1
            break
    return a, b


def coach_successions(text: str, people: list[PersonMention]) -> None:
    """'Coach X, who replaced Y last month': whom a coach replaced was a coach too."""
    for p in people:
        if p.role != "coach":
            continue
        m = re.match(r",?\s+who\s+(?:replaced|succeeded|took over from)\s+", text[p.char_end : p.char_end + 40])
        if not m:
            continue
        nxt = next((q for q in people if q.char_start == p.char_end + m.end()), None)
        if nxt is not None:
            nxt.role = "coach"


_TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_LINE = re.compile(r"(?m)^.+$")


def title_lines(text: str) -> list[tuple[int, int]]:
    """Headline-style lines ('The Games A Star Could Miss'): capitals there say nothing about names."""
    out = []
    for m in _LINE.finditer(text):
        if m.end() - m.start() > 250 or m.group().rstrip().endswith("."):
            continue  # a paragraph of prose or a sentence, never a headline
        words = _TITLE_WORD.findall(m.group())
        if len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.75 * len(words):
            out.append((m.start(), m.end()))
    return out


# ---- who 'he', 'his' and 'the Brazilian winger' are ----------------------------------------------

ROLE_NOUNS = (
    r"striker|forward|midfielder|defender|winger|goalkeeper|keeper|shot-stopper|captain|skipper|substitute|sub|"
    r"youngster|teenager|international|man|veteran|debutant|centre-back|center-back|centre-half|full-back|"
    r"fullback|left-back|right-back|wing-back|playmaker|attacker|frontman|loanee|forward|marksman|"
    r"Dutchman|Frenchman|Englishman|Welshman|Irishman|Scotsman|Spaniard|Brazilian|Argentine|Argentinian|"
    r"Uruguayan|Colombian|Chilean|Mexican|American|Italian|German|Portuguese|Belgian|Croatian|Croat|Serbian|"
    r"Serb|Dane|Swede|Norwegian|Pole|Czech|Slovak|Austrian|Greek|Turk|Russian|Ukrainian|Nigerian|Ghanaian|"
    r"Ivorian|Senegalese|Cameroonian|Egyptian|Moroccan|Algerian|Tunisian|Malian|Japanese|Korean|Australian|"
    r"Montenegrin|Bosnian|Albanian|Icelander|Finn|Scot|Canadian|Jamaican|Ecuadorian|Peruvian|Venezuelan|"
    r"Paraguayan|Swiss|Hungarian|Romanian|Bulgarian|Slovenian|Georgian|Israeli|Iranian|Chinese|Frenchwoman|"
    r"Dutchwoman|Englishwoman|Spaniard"
)
NATIONALITY = re.compile(r"(?:" + "|".join(w for w in ROLE_NOUNS.split("|") if w[:1].isupper()) + r")\s+")
_MODIFIER = (
    r"(?:\d{1,2}-year-old|[A-Z][a-z]+(?:-[A-Z][a-z]+)?|former\s+[A-Z][\w'’-]+|ex-[A-Z][\w'’-]+|young|veteran|"
    r"experienced|teenage|in-form|prolific|impressive|tireless|diminutive|towering|lively|livewire|stand-in|"
    r"on-loan|new|star|home|visiting|opposing|rival|second-half|half-time|late|unmarked|grateful|ageing)"
)
EPITHET = re.compile(
    rf"\b[Tt]he\s+(?:{_MODIFIER}\s+){{0,3}}(?:{ROLE_NOUNS})\b(?!\s+[A-Z][a-z])|\b[Tt]he\s+\d{{1,2}}-year-old\b(?!\s+[A-Z])"
)
PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im)\b(?!['’-])")
_KEEPER = re.compile(r"\b(?:keeper|goalkeeper|shot-stopper)\b", re.I)
_SKIPPED_BEFORE = re.compile(  # 'sent X the wrong way for his fourth goal': the keeper beaten is not 'his'
    r"\b(?:past|beyond|over|beat|beating|beats|round|around|rounded|on|sent|send|sending|sends|chipped|lobbed|"
    r"wrong-footed|wrong-footing)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$"
)
_AFTER_PREPOSITION = re.compile(
    r"\b(?:at|on|to|by|with|against|past|over|beat|beating|fouling|fouled|for|from)\s+$", re.I
)


def references(doc: Doc) -> None:
    """Pronouns and epithets that stand for a player: (start, end, person index, possessive) in doc.pronouns.

    'he'/'his' is the latest player named before it who is not the one beaten or fouled ('past X');
    'the Brazilian winger' is the latest player before it (not the sentence's subject when it stands after
    'at', 'on', 'by': 'X kicked out at the wing-back'), and two epithets in one sentence are two players
    ('X was fouled by Y. The defender was sent off while the forward scored').
    """
    text = doc.text
    players = sorted((p.char_start, k) for k, p in enumerate(doc.people) if p.role == "player")
    starts = [ps for ps, _ in players]
    if not players:
        doc.pronouns = []
        return
    out: list[tuple[int, int, int, bool]] = []
    taken = [(p.char_start, p.char_end) for p in doc.people]
    spans = []
    for rx, kind in ((EPITHET, "epithet"), (PRONOUN, "pronoun")):
        for m in rx.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            spans.append((m.start(), m.end(), kind))
    used_in_sentence: dict[tuple[int, int], set[int]] = {}
    for s, e, kind in sorted(spans):
        sent = doc.sentence_at(s)
        if sent[0] == sent[1]:
            continue
        word = text[s:e].lower()
        if (
            kind == "pronoun"
            and word in ("him", "her")
            and not re.match(r"\s+(?:off|on|with|in|to)\b", text[e : e + 5])
        ):
            if word == "him":
                continue  # an object: 'replaced him' is read by the substitution rules
        used = used_in_sentence.setdefault(sent, set())
        first = bisect_left(starts, sent[0])
        subject = players[first][1] if first < len(players) and players[first][0] < s else None
        as_object = bool(_AFTER_PREPOSITION.search(text[max(0, s - 14) : s])) or bool(_KEEPER.search(text, s, e))
        # 'X chipped the keeper': a goalkeeper named after the sentence's player is someone else
        exclude = (used | ({subject} if subject is not None and as_object else set())) if kind == "epithet" else set()
        ref = None
        if kind == "pronoun" and subject is not None and _SHARED_SUBJECT.search(text, sent[0], s):
            ref = subject  # 'X fouled Y and picked up his second booking': the verbs share X
        elif kind == "pronoun":
            ref = _reference_in_sentence(out, starts, sent[0], s)
        if ref is None:
            ref = _antecedent(doc, players, s, kind, exclude)
        if ref is None:
            continue
        possessive = word in ("his",) or (word == "her" and not re.match(r"\s+(?:off|on|up)\b", text[e : e + 5]))
        out.append((s, e, ref, possessive))
        used.add(ref)
        taken.append((s, e))
    doc.pronouns = out


_SHARED_SUBJECT = re.compile(
    r"\band\s+(?:then\s+|later\s+|also\s+|duly\s+|promptly\s+)?[a-z]+(?:ed|s)(?:\s+(?:up|in|out|off|on|down))?\s+\Z"
)


def _reference_in_sentence(out: list[tuple[int, int, int, bool]], starts: list[int], s0: int, pos: int) -> int | None:
    """'The captain completed his hat-trick': a pronoun after an epithet of its own sentence, with no
    player named between them, is the epithet's player."""
    if not out or out[-1][0] < s0:
        return None
    start, end, ref, _ = out[-1]
    between = bisect_left(starts, end)
    return ref if between >= len(starts) or starts[between] >= pos else None


def _antecedent(doc: Doc, players: list[tuple[int, int]], pos: int, kind: str, exclude: set[int]) -> int | None:
    """The player a reference stands for: opening a sentence, the previous sentence's subject ('Varga scored
    again. The captain completed his hat-trick'); inside one, the latest player named."""
    text = doc.text
    earlier = players[: bisect_left([ps for ps, _ in players], pos)]
    objective = text.startswith(("him", "Him"), pos)  # 'a tackle on X, forcing him off': an object may be one
    s0, _ = doc.sentence_at(pos)
    if re.fullmatch(r"\s*(?:[A-Z][\w-]*,?\s+){0,3}", text[s0:pos]) and s0 > 0:
        p0, p1 = doc.sentence_before(s0)
        before = [(ps, k) for ps, k in earlier if p0 <= ps < p1 and k not in exclude]
        for ps, k in before:
            if not re.search(
                r"\b(?:from|by|to|for|with|of|past|over|beat|against|on)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$",
                text[max(p0, ps - 30) : ps],
            ):
                return k
    for ps, k in reversed(earlier[-8:]):
        if k in exclude:
            continue
        if pos - ps > 600:
            return None
        if kind == "pronoun" and not objective and _SKIPPED_BEFORE.search(text[max(0, ps - 30) : ps]):
            continue
        return k
    return None
