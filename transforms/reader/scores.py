"""Scores pass: every scoreline in the text, what kind of score it is, and the results it states.

"2-1" is many things: a final score ("beat Eastwick 2-1"), a running one ("made it 2-1", "went
2-0 up"), a half-time score, an aggregate, a shoot-out ("won 4-2 on penalties"), a record
("improving to 6-2 in finals"). The words around it say which (`score_words.csv`). A final score
becomes a claim when the words say who played: the subject and object of a result verb ("beat",
"drew 1-1 with"), or of a result noun ("a 2-1 win over", "a 3-0 defeat at"), with who was at home
when the words tell it ("at", "away to", "a home defeat", "in Freiburg"). Words are in
`result_words.csv`; the patterns here only say where the teams stand.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from functools import lru_cache

from transforms.reader.doc import Claim, Doc, Score, TeamRef, template
from transforms.reader.lexicon import Lexicon, alternation, lead_ins

SCORE_RX = re.compile(r"(?<![\w.:/+-])(\d{1,2})\s?[-–—]\s?(\d{1,2})(?![\w:/]|[-–]\d|\.\d)")
WORD_SCORES = (  # scores told in words, the score's words in group 'n': (pattern, goals of each side)
    (re.compile(r"\b(?P<n>goalless|scoreless|nil[- ]all|0-0)\s+(?:draw|stalemate|tie)\b", re.I), (0, 0)),
)
EARLIER = re.compile(
    r"\b(?:last|previous)\s+(?:week|weekend|season|month|year|round|meeting|time|Saturday|Sunday|Monday|Tuesday|"
    r"Wednesday|Thursday|Friday)\b|\bfirst[- ]leg\b|\bearlier (?:this|in the) (?:season|month|year|campaign)\b|"
    r"\b(?:in|at) the (?:19|20)\d\d\b|\b(?:19|20)\d\d (?:World Cup|final|European Championship)\b|\bback in\b|"
    r"\bin (?:19|20)\d\d\b|\bthe reverse fixture\b|\bwhen the (?:sides|teams) last met\b",
    re.I,
)

_FIRST_LEG = re.compile(r"first[- ]leg", re.I)
SECOND_LEG_AHEAD = re.compile(  # 'next week's second leg at Anfield', 'the return leg is on Tuesday'
    r"\b(?:next\s+\w+['’]s|upcoming|going into|ahead of|before)\s+(?:the\s+)?(?:second|return)[- ]leg\b|"
    r"\b(?:second|return)[- ]leg\s+(?:is|will|takes place|next)\b",
    re.I,
)


def told_earlier(text: str, start: int, end: int) -> bool:
    """A clause about an earlier match: 'last week's 3-0 loss', 'the first leg'. The first leg is this
    match when the article looks ahead to the second ('won 2-1 in the first leg ... next week's second leg')."""
    m = EARLIER.search(text, start, end)
    if m is None:
        return False
    if _FIRST_LEG.fullmatch(m.group()) and SECOND_LEG_AHEAD.search(text):
        return EARLIER.search(text, m.end(), end) is not None
    return True


def read(doc: Doc) -> None:
    """Fill doc.scores (every scoreline, classified) and doc.claims (headings and prose results)."""
    lex: Lexicon = doc.lex
    text = doc.text
    heading_spans = [(h.start, h.end) for h in doc.headings]
    doc.scores = []
    for s0, s1 in doc.sentences:
        for m in SCORE_RX.finditer(text, s0, s1):
            if any(a <= m.start() < b for a, b in heading_spans):
                continue
            doc.scores.append(
                Score(m.start(), m.end(), int(m[1]), int(m[2]), score_kind(text, m.start(), m.end(), lex))
            )
        for rx, (first, second) in WORD_SCORES:  # 'a goalless draw': read as '0-0 draw'
            for m in rx.finditer(text, s0, s1):
                if not m["n"][0].isdigit():
                    doc.scores.append(Score(m.start("n"), m.end("n"), first, second, "final"))
    doc.scores.sort(key=lambda sc: sc.start)
    doc.claims = heading_claims(doc) + prose_claims(doc)
    doc.claims += unscored_claims(doc) + versus_claims(doc)
    doc.claims += pairing_claims(doc)


# ---- what kind of score ---------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _context_regexes(lex: Lexicon) -> tuple[list[tuple[re.Pattern[str], str]], list[tuple[re.Pattern[str], str]]]:
    before, after = [], []
    for kind in ("final", "running", "half_time", "aggregate", "shootout", "record"):  # a leg's score first
        b = [r["phrase"] for r in lex.rows("score_words", position="before", kind=kind)]
        a = [r["phrase"] for r in lex.rows("score_words", position="after", kind=kind)]
        if b:
            before.append((re.compile(rf"(?<![\w-]){alternation(b)}\s*(?:\(|\s)*$", re.I), kind))
        if a:
            after.append(
                (re.compile(rf"^\s*\)?\s*,?\s*(?:[a-z][\w-]*\s+){{0,2}}?{alternation(a)}(?![\w-])", re.I), kind)
            )
    return before, after


def score_kind(text: str, start: int, end: int, lex: Lexicon) -> str:
    """final, running, half_time, aggregate, shootout or record, from the words either side."""
    pre = text[max(0, start - 30) : start]
    post = text[end : end + 45]
    if re.match(r"\s*[-–]\s?\d", post) or re.match(r"\s*,\s*\d{1,2}-\d{1,2}-\d{1,2}", post):
        return "record"  # "2-5-4": a season record, a formation
    before, after = _context_regexes(lex)
    for rx, kind in after:
        if rx.search(post):
            return kind
    for rx, kind in before:
        if rx.search(pre):
            return kind
    if (
        re.search(r"\(\s*$", pre)
        and re.match(r"\s*(?:,|\))", post)
        and re.search(r"\d+\s*[-–]\s*\d+\s*[-–]", text[start : end + 6])
    ):
        return "record"
    return "final"


# ---- claims from score headings -----------------------------------------------------------------------


def heading_claims(doc: Doc) -> list[Claim]:
    """A score line printed as a heading: home team first, the strongest statement of a result."""
    out = []
    by_start = {}
    for r in doc.teams:
        by_start.setdefault(r.start, r)
    for h in doc.headings:
        if h.kind != "final":
            continue
        a, b = by_start.get(h.first[0]), by_start.get(h.second[0])
        if not (a and b and a.team and b.team) or a.team == b.team:
            continue
        note = shootout_note(doc.text, h.end, a.team, b.team)
        top = h.start <= (doc.lines[min(3, len(doc.lines) - 1)][1] if doc.lines else 0)
        out.append(
            Claim(
                a.team,
                b.team,
                h.start,
                h.end,
                h.rule,
                h.goals,
                home=None if h.rule in ("heading_winner_first", "heading_verb", "heading_line_score") else a.team,
                note=note,
                weight=6.0 + (4.0 if top else 0.0),
                heading=True,
            )  # fmt: skip
        )
    return out


_SHOOTOUT_NOTE = re.compile(
    r"(?P<who>[A-Z][\w'’ .-]{1,40}?)\s+(?:win|won|wins|triumph|prevail)\w*\s+(?P<a>\d{1,2})\s?[-–]\s?(?P<b>\d{1,2})\s+"
    r"(?:on penalties|on pens|in (?:a|the) (?:penalty )?shoot-?out)"
)


def shootout_note(text: str, end: int, first: str, second: str) -> str | None:
    """'Braga win 4-2 on penalties' printed under a score line: kept apart from the score."""
    m = _SHOOTOUT_NOTE.search(text, end, end + 200)
    if m:
        return f"{m['who'].strip()} won {m['a']}-{m['b']} on penalties"
    return None


# ---- claims from prose -----------------------------------------------------------------------------


@lru_cache(maxsize=4)
def prose_patterns(lex: Lexicon) -> list[tuple[str, re.Pattern[str]]]:
    """Where subject (s) and object (o) stand around the score (#) in a templated sentence."""
    rows = lex.rows("result_words")
    verbs = alternation(r["phrase"] for r in rows if r["kind"] == "verb" and r["outcome"] != "played")
    nouns = alternation(r["phrase"] for r in rows if r["kind"] == "noun")
    preps = alternation(r["phrase"] for r in rows if r["kind"] == "prep")
    mods = alternation(r["phrase"] for r in rows if r["kind"] == "modifier")
    trails = alternation(r["phrase"] for r in rows if r["kind"] == "trail")
    gap = r"(?:[^\s¤#.,;:!?]+\s+){0,5}?"
    s, o = (r"(?:the\s+)?" + gap + rf"¤(?P<{g}>\d+)" for g in ("s", "o"))
    aux = (
        r"(?:,?\s+who)?(?:\s+(?:have|has|had|(?:were|was|are|is)(?!\s+[a-z]+ed\b)|would|will|could|to))?"
        r"(?:\s+(?:then|also|eventually|finally|comfortably|narrowly|only))?"
        rf"(?:\s+{lead_ins(lex)})?"  # 'came back to beat'
    )
    verb = rf"(?P<verb>(?i:{verbs}))"  # 'Defeating Eastwick 3-0, Northbrook went top'
    noun = rf"(?:(?P<mod>{mods})\s+)?{gap}(?P<noun>{nouns})(?:\s+(?:back\s+)?(?P<trail>{trails}))?"
    prep = rf"(?P<prep>{preps})"
    return [
        (
            "pair_verb",
            re.compile(
                r"¤(?P<s>\d+)\s+(?:and|&)\s+(?:the\s+)?¤(?P<o>\d+)\s+(?P<verb>played out|drew|shared|fought out|battled to)\s+(?:a\s+|the\s+)?#"
            ),
        ),
        ("between", re.compile(r"#\s+between\s+(?:the\s+)?¤(?P<s>\d+)\s+(?:and|&)\s+(?:the\s+)?¤(?P<o>\d+)")),
        ("verb_object", re.compile(rf"(?:¤(?P<s>\d+){aux}\s+)?(?<![\w-]){verb}\s+{o}\s+#(?:\s+(?P<trail>{trails}))?")),
        (  # 'as they thrashed their opponents 10-0': the opponent is the sentence's other team
            "verb_opponents",
            re.compile(
                rf"(?<![\w-]){verb}\s+(?:their|the|its|his)\s+(?:[\w-]+\s+)?(?:opponents?|opposition|rivals?|visitors|hosts|guests)"
                r"\s+(?:by\s+)?#"
            ),
        ),
        (  # 'X were edged out by Y in a match that ended 3-2': the score after the pair, in the same clause
            "verb_object_late",
            re.compile(rf"¤(?P<s>\d+){aux}\s+(?<![\w-]){verb}\s+(?:the\s+)?¤(?P<o>\d+)\s+(?:in|after|at)\b[^#¤.;,]{{0,50}}?#"),
        ),
        (  # 'The match between X and Y finished 2-2', '... ended in a 1-1 draw'
            "between",
            re.compile(r"between\s+(?:the\s+)?¤(?P<s>\d+)\s+(?:and|&)\s+(?:the\s+)?¤(?P<o>\d+)\s+"
                       r"(?:[a-z]+\s+){0,2}?(?:finished|ended|ending|finishing|was)\s+(?:(?:in|as|at)\s+)?(?:a\s+)?#"),
        ),
        (
            "verb_prep",
            re.compile(
                rf"(?:¤(?P<s>\d+){aux}\s+)?(?<![\w-]){verb}\s+(?:the\s+game\s+|the\s+match\s+)?#(?:\s+(?P<trail>{trails}))?(?:\s+{prep}\s+{o})?"
            ),
        ),
        (
            "gave_noun",
            re.compile(
                rf"\b(?:gave|give|gives|giving|handed|hand|earned|earn|earning|secured|sealed|clinched|helped|inspired|saved)\s+{s}\s+(?:to\s+)?(?:a|an|the)\s+(?:[a-z][\w-]*\s+){{0,2}}?#\s+{noun}(?:\s+{prep}\s+{o})?"
            ),
        ),
        ("noun_for", re.compile(rf"#\s+{noun}\s+for\s+{s}(?:\s+{prep}\s+{o})?")),
        (  # never "cut ¤'s lead with a 3-0 win at ¤": a word of the possessive's own phrase, no preposition
            "possessive_noun",
            re.compile(rf"¤(?P<s>\d+)(?:'s|’s|')\s+(?:(?!{_LINK_WORDS})\w+\s+){{0,2}}?#\s+{noun}(?:\s+{prep}\s+{o})?"),
        ),
        (
            "winners",
            re.compile(
                rf"(?:¤(?P<s>\d+){aux}\s+)?(?:ran out|came out|emerged|were|finished)\s+(?:as\s+)?#\s+(?P<noun>winners)(?:\s+{prep}\s+{o})?"
            ),
        ),
        (
            "victors",
            re.compile(
                rf"(?:¤(?P<s>\d+){aux}\s+)?(?:were|was|are|is|emerged as)\s+the\s+(?P<noun>victors|winners)\s+(?:by\s+)?(?:a\s+)?#"
            ),
        ),
        ("noun", re.compile(rf"#\s+{noun}(?:\s+{prep}\s+{o})?")),
        ("verb_late", re.compile(rf"¤(?P<s>\d+){aux}\s+{verb}\s+(?:[^#¤.;]{{0,60}}?)#")),
        (
            "scoreline",
            re.compile(
                r"(?P<noun>scoreline|score|result|match|game|tie|final|contest|encounter|meeting|clash)"
                r"(?:\s+(?:that|which|eventually|finally|would|then|go|went|on|to|up))*"
                r"\s+(?:was|ended|finished|finish|end|stood|of)?(?:\s+(?:up\s+)?(?:at|as))?\s*#"
                r"|#\s+(?P<noun2>scoreline|result)"
            ),
        ),
    ]


_UNKNOWN_OWNER = re.compile(
    r"\b(?P<first>[A-ZÀ-Ý][\w-]+)(?:\s+[A-ZÀ-Ý][\w-]+){0,3}(?:'s|’s|')\s+(?:[a-z][\w-]*\s+)?$"
)
_TIME_WORDS = frozenset(
    {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
     "April", "May", "June", "July", "August", "September", "October", "November", "December", "Last", "This",
     "Next", "Today", "Tonight", "Yesterday", "Sunday's", "The"}
)  # fmt: skip  "Sunday's 2-1 win": a day's result, the team told elsewhere
_LINK_WORDS = r"(?:with|in|at|on|by|after|for|to|from|over|against|into|thanks)\b"
_CLAUSE_EDGE = re.compile(r"[,;]\s|\s(?:but|while|whereas)\s")


def _clause_of(text: str, s0: int, s1: int, start: int, end: int) -> tuple[int, int]:
    """The clause around text[start:end] (commas, semicolons, 'but'): 'Having lost 3-0 at X last week,
    Y beat Z 2-0': 'last week' is the first result's, not the second's."""
    lo = max(s0, start - 120)
    edges = [m.end() for m in _CLAUSE_EDGE.finditer(text, lo, start)]
    hi_m = _CLAUSE_EDGE.search(text, end, min(s1, end + 80))
    return (edges[-1] if edges else lo), (hi_m.start() if hi_m else min(s1, end + 80))


def prose_claims(doc: Doc) -> list[Claim]:
    """Results told in sentences: who beat whom, by what score, and where when the words say so."""
    text, lex = doc.text, doc.lex
    out: list[Claim] = []
    rows = result_rows(lex)
    for sc in doc.scores:
        if sc.kind not in ("final", "shootout"):
            continue
        s0, s1 = doc.sentence_at(sc.start)
        refs = doc.teams_in(s0, s1)
        marks = doc.team_marks(refs) + [(sc.start, sc.end, "#")]
        tpl = template(text, s0, s1, marks)
        claim = None
        for rule, rx in prose_patterns(lex):
            for m in rx.finditer(tpl.text):
                claim = _claim_from(doc, tpl, m, rule, sc, rows)
                if claim:
                    break
            if claim:
                break
        if claim is None:
            continue
        if sc.kind == "shootout":
            if claim.goals:
                hi, lo = max(claim.goals), min(claim.goals)
                claim.note = (
                    f"{claim.first if claim.goals[0] > claim.goals[1] else claim.second} won {hi}-{lo} on penalties"
                )
            claim.goals = None
        claim.earlier = told_earlier(text, *_clause_of(text, s0, s1, sc.start, sc.end))
        if _IN_PASSING.search(tpl.text, 0, tpl.text.find("#")):
            claim.weight -= 2  # 'while ¤, who beat ¤ 3-1 on Saturday, stay top': a result said in passing
        out.append(claim)
    return out


@lru_cache(maxsize=4)
def result_rows(lex: Lexicon) -> dict[str, dict[str, str]]:
    """Result words by phrase, and by 'kind:phrase' where a word is a verb and a noun ('defeats')."""
    rows = lex.rows("result_words")
    return {r["phrase"]: r for r in rows} | {f"{r['kind']}:{r['phrase']}": r for r in rows}


def _team(doc: Doc, m: re.Match[str], group: str) -> str | None:
    k = m.groupdict().get(group)
    if k is None:
        return None
    ref = doc.teams[int(k)]
    return ref.team


_IN_PASSING = re.compile(r"¤\d+,\s+(?:who|which)\s+(?:[a-z]+\s+){0,2}?[a-z]+\s+(?:the\s+)?¤\d+\s*\Z")
_SUBJECT_AFTER_CLAUSE = re.compile(r"[^¤.;]{0,40}?,\s+(?:the\s+)?¤(\d+)")


_PASSIVE_AUX = re.compile(  # 'were narrowly beaten 3-2', 'was edged out 1-0 at ¤'
    r"\b(?:were|was|been|being|be|got|get|gets)\s+(?:(?:then|narrowly|eventually|finally|comfortably|soundly)\s+)?$",
    re.I,
)
_BARE_PARTICIPLE = re.compile(r"¤\d+\s+$")  # 'saw ¤ beaten 2-0 by ¤'
_BY_AFTER = re.compile(r"(?:\s+(?:at\s+home|away|at\s+¤\d+|on\s+\w+))?\s+by\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}¤")


def _passive(tpl_text: str, m: re.Match[str]) -> bool:
    """A win verb in the passive: after 'were' or 'was', or a participle with its agent after the score
    ('saw ¤ beaten 2-0 by ¤')."""
    if _PASSIVE_AUX.search(tpl_text, 0, m.start("verb")):
        return True
    by = (m.groupdict().get("prep") or "").lower() == "by" or _BY_AFTER.match(tpl_text, m.end())
    return bool(by and _BARE_PARTICIPLE.search(tpl_text, 0, m.start("verb")))


def _claim_from(doc: Doc, tpl, m: re.Match[str], rule: str, sc: Score, rows: dict[str, dict[str, str]]) -> Claim | None:
    """One matched pattern to a claim: outcome from the verb or noun, home from the preposition or the
    ground named, the opponent from the sentence when the words leave it out."""
    kind = "verb" if m.groupdict().get("verb") else "noun"
    word = (m.groupdict().get("verb") or m.groupdict().get("noun") or m.groupdict().get("noun2") or "").lower()
    word = re.sub(r"\s+", " ", word)
    row = rows.get(f"{kind}:{word}") or rows.get(word) or next((r for p, r in rows.items() if p.lower() == word), None)
    outcome = row["outcome"] if row else ("win" if word == "winners" else "score")
    if rule == "between":  # 'It finished 2-2 between X and Y': a draw names both; a win would not say whose
        if sc.first != sc.second:
            return None
        outcome = "draw"
    if outcome == "win" and kind == "verb" and _passive(tpl.text, m):
        outcome = "lose"  # "Eastwick were edged out 3-2 by Northbrook": the subject lost
    if outcome == "lose" and (m.groupdict().get("prep") or "").lower() == "of":
        outcome = "win"  # "claimed a 2-0 defeat of X": the subject did the defeating
    if outcome == "lose" and re.search(
        r"\b(?:inflict\w*|hand\w*|dealt|condemn\w*)\s+(?:\w+\s+){0,3}$", tpl.text[max(0, m.start() - 40) : m.start()]
    ):
        outcome = "win"  # "inflicted a 2-0 defeat on X": the subject won
    start, end = tpl.span(m.start(), m.end())
    if rule == "scoreline" or outcome == "score":
        # "The final scoreline was 2-1": a score without its winner, for the match decision to place
        return Claim("", "", start, end, "prose_scoreline", (sc.first, sc.second), weight=1.0)
    owner = _UNKNOWN_OWNER.search(tpl.text, max(0, m.start() - 50), m.start())
    if m.groupdict().get("s") is None and owner and owner["first"] not in _TIME_WORDS:
        return None  # "Westwood United's scoreless draw with ¤": the result of a club the reader does not know
    subject = _team(doc, m, "s") or subject_before(doc, tpl, m.start())
    if subject is None:  # "After beating Eastwick 2-1, Northbrook went top": the subject follows the clause
        after = _SUBJECT_AFTER_CLAUSE.match(tpl.text, m.end())
        subject = doc.teams[int(after[1])].team if after else None
    other = _team(doc, m, "o")
    if other and subject and (m.groupdict().get("prep") or "").lower() == "in" and (
        doc.book.is_national(other) != doc.book.is_national(subject)
    ):
        other = None  # 'were hammered 4-0 in England', 'a 1-1 draw in Tel Aviv': a place, not the opponent
    side = None
    if other is None and m.groupdict().get("o") is not None:
        ref = doc.teams[int(m["o"])]
        nxt = re.match(r"\s+¤(\d+)", tpl.text[m.end() :])  # "destruction of hosts Ivory Coast"
        if ref.side and nxt and doc.teams[int(nxt[1])].team:
            other, side = doc.teams[int(nxt[1])].team, ref.side
    if subject is None and outcome in ("win", "lose", "draw") and sc.kind == "final":
        # "..., with Olsen completing the 2-0 win": a result naming no team, for the match decision to place
        return Claim("", "", start, end, "prose_scoreline", (sc.first, sc.second), weight=1.0)
    if subject is None or subject == other:
        return None
    owner = ground_owner(doc, tpl.start, tpl.end, after=start)
    if not other and owner and owner != subject:
        other = owner
    if not other:
        other = opponent_in_context(doc, tpl, subject)
    if not other and not doc.teams_in(tpl.start, tpl.end) and sc.kind == "final":
        return Claim("", "", start, end, "prose_scoreline", (sc.first, sc.second), weight=1.0)  # as above
    if not other or other == subject:
        return None
    hi, lo = max(sc.first, sc.second), min(sc.first, sc.second)
    if outcome == "draw" and hi != lo:
        return None
    goals = (hi, lo) if outcome == "win" else (lo, hi)
    home = _home_from_words(doc, m, subject, other, rows)
    if home is None and m.groupdict().get("o") is not None:
        lead = tpl.text[max(0, m.start("o") - 24) : m.start("o")].lower()
        if re.search(r"\b(?:visiting|visitors)\s+(?:[\w,-]+\s+)?¤?$", lead):
            home = subject  # "knocked off visiting Atlanta 2-1"
        elif re.search(r"\b(?:hosts?|homestanding|home side)\s+(?:[\w,-]+\s+)?¤?$", lead):
            home = other  # "beat hosts Walsall 1-0", "held off homestanding Cincinnati"
    if home is None and side:
        home = other if side == "home" else subject
    if home is None and owner in (subject, other):
        home = owner
    if home is None and re.search(rf"\bat\s+(?:the\s+)?{re.escape(other)}\b", doc.text[start : tpl.end]):
        home = other
    weight = 3.0 if rule in ("verb_object", "verb_prep", "gave_noun", "possessive_noun", "winners", "victors") else 2.0
    return Claim(subject, other, start, end, f"prose_{rule}", goals, home=home, weight=weight)


def _home_from_words(doc: Doc, m: re.Match[str], subject: str, other: str | None, rows) -> str | None:
    """'at Eastwick', 'away to Eastwick', 'a home defeat', 'at home to', 'in Eastwick', '... away'."""
    for group in ("prep", "mod", "trail", "verb"):  # the verb last: 'X hosted Y', 'X travelled to Y'
        word = (m.groupdict().get(group) or "").lower()
        word = re.sub(r"\s+", " ", word)
        row = rows.get(f"verb:{word}") if group == "verb" else rows.get(word)
        if not row or not row.get("home"):
            continue
        if row["home"] == "subject":
            return subject
        if row["home"] == "object" and other:
            return other
        if row["home"] == "place" and other:
            return other  # "won 2-1 in Freiburg": the town named is the home side's
    return None


_OBJECT_PREP = re.compile(
    r"(?:\b(?:of|for|against|to|by|at|over|with|from|beat|past|on|in|than|and)\s+(?:the\s+)?|(?:'s|’s)\s+)$"
)


_CLAUSE_BREAK = re.compile(
    r"(?:,\s+|\s+)(?:as|when|after|while|but|and|before|because|since|with|even though|though|although|whereas)\s+"
    r"|;\s*|\s[-–—]\s"
)
_TEAM_PRONOUN = re.compile(
    r"\b(?:they|it|their\s+(?:team|side)|(?:his|her)\s+(?:team|side|men|charges)|the\s+(?:team|side|club))\b", re.I
)


def subject_before(doc: Doc, tpl, pos: int) -> str | None:
    """The team a result noun or verb belongs to when the pattern did not name it: the subject team of
    its clause (not the object of a preposition); 'they' or 'his team' is the latest team before it that
    is no object ('Arsenal's display at Spurs, though they won' -> Arsenal); else the sentence's subject,
    else the sentences' before."""
    body = tpl.text[:pos]
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(body)]
    clause = breaks[-1] if breaks else 0
    team = _first_subject(doc, body, clause)
    if team:
        return team
    pronoun = _TEAM_PRONOUN.search(body, clause) or re.match(r"\s*(?:They|Their|It)\b", body)
    if pronoun:
        team = _latest_subject(doc, body[: pronoun.start()]) or _previous_subject(doc, tpl.start, force=True)
        if team:
            return team
    for start in [*reversed(breaks[:-1]), 0]:
        team = _first_subject(doc, body, start)
        if team:
            return team
    team = _previous_subject(doc, tpl.start)
    if team:
        return team
    for m in re.finditer(r"¤(\d+)", body):  # last resort: a team the sentence names, not as a player's label
        ref = doc.teams[int(m[1])]
        if (
            ref.team
            and not _DESCRIBES_PLAYER.match(doc.text[ref.end : ref.end + 40])
            and not player_nationality(doc, ref)
        ):
            return ref.team
    return None


def _is_object(body: str, a: int, end: int) -> bool:
    if body[end : end + 3].startswith(("'s", "’s")):
        return False
    return bool(_OBJECT_PREP.search(body[max(0, a - 14) : a]) or _BEATEN.search(body[max(0, a - 40) : a]))


_BEATEN = re.compile(  # "beat a very tough Eastwick": the team a result verb acts on, adjectives between
    r"\b(?:beat|beating|defeated|defeating|thrashed|hammered|edged|overcame|crushed|stunned|routed|face|faced|facing)"
    r"\s+(?:(?:a|an|the)\s+)?(?:[a-z][\w-]*\s+){0,3}$"
)


_FORMER = re.compile(r"\b(?:former|ex-|one-time)\s*(?:the\s+)?$", re.I)


def _first_subject(doc: Doc, body: str, start: int) -> str | None:
    """The clause's first team that is no object; else one after 'for' ('scored for Cape Verde to ...')."""
    fallback = None
    for m in re.finditer(r"¤(\d+)", body[start:]):
        team = doc.teams[int(m[1])].team
        if not team or player_nationality(doc, doc.teams[int(m[1])]):
            continue
        if _FORMER.search(body, max(0, start + m.start() - 12), start + m.start()):
            continue  # 'the former Northbrook coach ... his side's 3-2 win': a past club, not the subject
        if _is_object(body, start + m.start(), start + m.end()):
            if fallback is None and re.search(
                r"\bfor\s+(?:the\s+)?(?:host\s+|hosts\s+)?$", body[max(0, start + m.start() - 12) : start + m.start()]
            ):
                fallback = team
            continue
        return team
    return fallback


def _latest_subject(doc: Doc, body: str) -> str | None:
    for m in reversed(list(re.finditer(r"¤(\d+)", body))):
        if _is_object(body, m.start(), m.end()) or _FORMER.search(body, max(0, m.start() - 12), m.start()):
            continue
        team = doc.teams[int(m[1])].team
        if team and not player_nationality(doc, doc.teams[int(m[1])]):
            return team
    return None


def player_nationality(doc: Doc, ref: TeamRef) -> bool:
    """'the England midfielder suffered ... in a 2-1 win': a country before a player's role is his
    nationality, not the side the clause is about (his club is)."""
    return (
        ref.team is not None
        and doc.book.is_national(ref.team)
        and doc.book.lexicon is not None
        and bool(_player_nouns(doc.book.lexicon).match(doc.text, ref.end, ref.end + 40))
    )


@lru_cache(maxsize=4)
def _player_nouns(lex: Lexicon) -> re.Pattern[str]:
    return re.compile(rf"\s+(?:[\w-]+\s+)??(?:{alternation(lex.phrases('team_words', means='player_noun'))})\b", re.I)


_DESCRIBES_PLAYER = re.compile(
    r"^(?:'s|’s)?\s+(?:[\w-]+\s+){0,2}?(?:international|defender|midfielder|striker|forward|winger|"
    r"goalkeeper|keeper|captain|skipper|coach|manager|boss|player|star|full-back|centre-back)\b"
)


_AT_GROUND = re.compile(r"\b(?:at|in|inside)\s+(?:the\s+)?$")


def ground_owner(doc: Doc, s0: int, s1: int, after: int = 0) -> str | None:
    """'at St James' Park', 'at the Emirates': the club whose ground the sentence places the match at."""
    for hit in doc.venues_in(s0, s1):
        if hit.start < after:
            continue
        if _AT_GROUND.search(doc.text, max(s0, hit.start - 12), hit.start):
            homes = doc.book.venue_homes(hit.canonical)
            named = {r.team for r in doc.teams_in(s0, s1)}
            owner = next((t for t in homes if t in named), homes[0] if homes else None)
            if owner:
                return owner
    return None


def _section_teams(doc: Doc, pos: int) -> tuple[str | None, str | None]:
    """The two teams of the score heading whose section this position is in (a round-up's match)."""
    by_start = {r.start: r.team for r in doc.teams}
    heads = [h for h in doc.headings if h.start <= pos and h.kind == "final"]
    if not heads:
        return None, None
    h = heads[-1]
    return by_start.get(h.first[0]), by_start.get(h.second[0])


def opponent_in_context(doc: Doc, tpl, subject: str) -> str | None:
    """'Hearts's 2-1 defeat' with no opponent in the words: the other team named in the sentence (not one
    that only describes a player, 'France defender X'), else the article's other most-named team of the
    same kind (clubs play clubs)."""
    hosts = [m for m in re.finditer(r"(?<=\bat )¤(\d+)", tpl.text) if doc.teams[int(m[1])].team not in (None, subject)]
    if hosts:
        return doc.teams[int(hosts[0][1])].team  # "... at Spurs, though they ran out 5-4 winners"
    for m in re.finditer(r"¤(\d+)", tpl.text):
        ref = doc.teams[int(m[1])]
        team = ref.team
        if team and team != subject and not _DESCRIBES_PLAYER.match(doc.text[ref.end : ref.end + 40]):
            if doc.book.is_national(team) != doc.book.is_national(subject):
                continue
            return team
    a, b = _section_teams(doc, tpl.start)
    if subject in (a, b) and a and b:
        return b if subject == a else a
    k = bisect_left(doc.sentences, (tpl.start, -1)) - 1
    para = next((p for p in doc.paragraphs if p[0] <= tpl.start < p[1]), None)
    if k >= 0 and para is not None and doc.sentences[k][0] >= para[0]:
        # a round-up's paragraph: 'X moved up with a win over Y. Varga scored, Olsen completing the 2-0 win'
        before = {r.team for r in doc.teams_in(*doc.sentences[k]) if r.team}
        others = [t for t in before - {subject} if doc.book.is_national(t) == doc.book.is_national(subject)]
        if subject in before and len(others) == 1:
            return others[0]
    counts = Counter(t.team for t in doc.teams if t.team and t.team != subject)
    national = doc.book.is_national(subject)
    for team, n in counts.most_common():
        if doc.book.is_national(team) == national and n >= 2:
            return team
    return None


def _previous_subject(doc: Doc, s0: int, force: bool = False) -> str | None:
    """'They won 4-1 at Fulham': the team the previous sentences were about (their first team word)."""
    pronoun = force or re.match(r"\s*(?:They|They've|It|Their|His (?:team|side)|Her (?:team|side)|The (?:team|side))\b",
                                doc.text[s0 : s0 + 20])  # fmt: skip
    k = next((i for i, (a, _) in enumerate(doc.sentences) if a == s0), None)
    if k is None:
        return None
    for j in range(k - 1, max(-1, k - (8 if pronoun else 4)), -1):  # 'they' can run on for a paragraph
        refs = [r for r in doc.teams_in(*doc.sentences[j]) if r.team]
        if refs:
            return refs[0].team if pronoun or j == k - 1 else None
    return None


@lru_cache(maxsize=4)
def unscored_patterns(lex: Lexicon) -> list[tuple[str, re.Pattern[str]]]:
    """Results told without a score: 'X defeated Y in the final', "X's win at Y", 'a shock defeat to Y'."""
    rows = lex.rows("result_words")
    verbs = alternation(r["phrase"] for r in rows if r["kind"] == "verb" and r["outcome"] in ("win", "lose", "draw", "played")
                        and r["phrase"] not in ("won", "win", "wins", "lost", "lose", "loses", "drew", "draw", "draws",
                                                "drawn", "tied", "fell", "went down", "losing"))  # fmt: skip
    nouns = alternation(r["phrase"] for r in rows if r["kind"] == "noun" and r["outcome"] in ("win", "lose", "draw"))
    preps = alternation(r["phrase"] for r in rows if r["kind"] == "prep")
    gap = r"(?:[^\s¤#.,;:!?]+\s+){0,3}?"
    o = r"(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}?¤(?P<o>\d+)"
    preps = alternation(r["phrase"] for r in rows if r["kind"] == "prep" and r["home"] != "place")
    return [
        ("unscored_verb", re.compile(rf"¤(?P<s>\d+)(?:\s+(?:have|has|had|to))?\s+(?P<verb>{verbs})\s+{o}")),
        (
            "unscored_noun",
            re.compile(rf"(?:¤(?P<s>\d+)(?:'s|’s|')\s+{gap})?(?P<noun>{nouns})\s+(?P<prep>{preps})\s+{o}"),
        ),
        (  # 'Northbrook and Eastwick draw as ...', '... shared the spoils'
            "unscored_pair",
            re.compile(
                r"¤(?P<s>\d+)\s+(?:and|&)\s+(?:the\s+)?¤(?P<o>\d+)\s+(?P<verb>draw|drew|share the spoils|shared the "
                r"spoils|share the points|shared the points|played out a draw|play out a draw)\b"
            ),
        ),
    ]


_VERSUS = re.compile(r"¤(?P<s>\d+)\s+(?:v|vs\.?|versus)\s+¤(?P<o>\d+)")


def versus_claims(doc: Doc) -> list[Claim]:
    """'Real Sociedad vs Atletico', 'Liechtenstein v Scotland': a fixture named home side first."""
    out = []
    for i, t in enumerate(doc.teams[:-1]):
        u = doc.teams[i + 1]
        if not (t.team and u.team) or t.team == u.team:
            continue
        if re.fullmatch(r"\s+(?:v|vs\.?|versus)\s+", doc.text[t.end : u.start]):
            s0, s1 = doc.sentence_at(t.start)
            if s1 > s0 and future_words(doc.lex).search(doc.text, s0, s1):
                continue  # 'join us on Tuesday for X v Y': a match to come
            out.append(Claim(t.team, u.team, t.start, u.end, "versus", None, home=t.team, weight=1.0))
    return out


_PAIRING = re.compile(
    r"(?:¤(?P<s>\d+)(?:'s|’s|')\s+)?(?:[\w-]+\s+){0,2}?(?P<where>home|away)?\s*"
    r"(?:match|game|meeting|clash|tie|fixture|encounter|derby|contest)\s+"
    r"(?P<prep>against|with|v|vs\.?|versus|at|away to|away at)\s+(?:the\s+)?¤(?P<o>\d+)"
)


_PAIRING_GATE = re.compile(
    r"\b(?:match|game|meeting|clash|tie|fixture|encounter|derby|contest)\s+(?:against|with|v|vs|versus|at|away)\b"
)


def pairing_claims(doc: Doc) -> list[Claim]:
    """'limped out of Sunday's meeting with Eastwick', "during Northbrook's home game against Eastwick":
    a match named without a result. Weak evidence (weight 0.5): it can only make an article's main
    match when it stands in the lead; words of the future leave it to the fixtures-ahead pass."""
    text, out = doc.text, []
    future = future_words(doc.lex)
    for s0, s1 in doc.sentences[:3]:
        refs = doc.teams_in(s0, s1)
        if not refs or future.search(text, s0, s1):
            continue
        if not _PAIRING_GATE.search(doc.lower, s0, s1):
            continue
        tpl = template(text, s0, s1, doc.team_marks(refs))
        for m in _PAIRING.finditer(tpl.text):
            other = _team(doc, m, "o")
            subject = _team(doc, m, "s") or subject_before(doc, tpl, m.start())
            if not subject or not other or subject == other:
                continue
            home = (
                subject
                if m["where"] == "home"
                else other
                if (m["where"] == "away" or m["prep"].startswith(("at", "away")))
                else None
            )
            start, end = tpl.span(m.start(), m.end())
            claim = Claim(subject, other, start, end, "pairing", None, home=home, weight=0.5)
            claim.earlier = bool(EARLIER.search(text, s0, s1))
            out.append(claim)
            break
    return out


@lru_cache(maxsize=4)
def future_words(lex: Lexicon) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'’-]){alternation(lex.phrases('ahead_words', kind='future'))}(?![\w-])", re.I)


_LOWER_WORD = re.compile(r"[a-z][a-z'’-]*")


@lru_cache(maxsize=4)
def _result_words(lex: Lexicon) -> frozenset[str]:
    """Every word of the result verbs and nouns: a sentence with none of them states no result."""
    rows = lex.rows("result_words")
    return frozenset(w for r in rows if r["kind"] in ("verb", "noun") for w in _LOWER_WORD.findall(r["phrase"].lower()))


def unscored_claims(doc: Doc) -> list[Claim]:
    """Who beat whom (and where) in sentences that give no score: evidence for the match decision."""
    text, lex = doc.text, doc.lex
    rows = result_rows(lex)
    scored = {doc.sentence_at(c.start) for c in doc.claims} if doc.claims else set()
    out = []
    words = _result_words(lex)
    future = future_words(lex)
    for s0, s1 in doc.sentences:
        refs = doc.teams_in(s0, s1)
        if not refs or (s0, s1) in scored or SCORE_RX.search(text, s0, s1):
            continue
        if future.search(text, s0, s1):
            continue  # 'ahead of next week's tie against X': a match to come, read by the fixtures-ahead pass
        if words.isdisjoint(_LOWER_WORD.findall(doc.lower, s0, s1)):
            continue  # no result verb or noun in the sentence
        tpl = template(text, s0, s1, doc.team_marks(refs))
        for rule, rx in unscored_patterns(lex):
            if rule == "unscored_verb" and len(refs) < 2:
                continue  # 'X defeated Y': two teams in the sentence
            m = rx.search(tpl.text)
            if not m:
                continue
            kind = "verb" if m.groupdict().get("verb") else "noun"
            word = re.sub(r"\s+", " ", (m.groupdict().get("verb") or m["noun"] or "").lower())
            row = rows.get(f"{kind}:{word}") or rows.get(word, {})
            subject = _team(doc, m, "s") or subject_before(doc, tpl, m.start())
            other = _team(doc, m, "o")
            if not subject or not other or subject == other:
                continue
            start, end = tpl.span(m.start(), m.end())
            home = _home_from_words(doc, m, subject, other, rows)
            claim = Claim(subject, other, start, end, rule, None, home=home, weight=1.0)
            claim.outcome = row.get("outcome") or ("draw" if rule == "unscored_pair" else None)
            claim.earlier = bool(EARLIER.search(text, s0, s1))
            out.append(claim)
            break
    return out
