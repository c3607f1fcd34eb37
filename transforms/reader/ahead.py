"""Fixtures-ahead pass: the matches an article announces, as fixtures with status "scheduled".

Three shapes, each read in its own function:
- a fixture list: 'Eastwick (A) League One Feb. 8', 'against Southport on Friday, March 27';
- an announced match in prose, told by the words in `ahead_words.csv` (kind "announce", each row
  saying which side it puts at home): 'Northbrook next play Eastwick on Tuesday', 'ahead of the trip
  to Eastwick', "the winner of Wednesday's semi-final between Northbrook and Eastwick". A sentence
  needs a word of the future ('next', 'will', 'ahead of', kind "future"); a past word in the clause
  ('last', 'ago') or a hypothetical one just before ('could', 'if') stops it;
- the second leg a first-leg report looks forward to ('a lifeline for the second leg'): the main
  match with its sides the other way round.

It runs last: a pair the article reports as played is never also announced, except a second leg.
"""

from __future__ import annotations

import re
from functools import lru_cache

from transforms.clean import MONTHS
from transforms.dates import month_day_date, resolve_match_date
from transforms.reader.doc import Doc, TeamRef, template
from transforms.reader.lexicon import Lexicon, alternation, phrase_pattern, split_slots
from transforms.reader.scores import ground_owner, subject_before
from transforms.records import FixtureMention
from transforms.teams import name_key


def read(doc: Doc) -> None:
    """Append the article's scheduled fixtures to doc.matches (after the played ones)."""
    if not doc.teams or doc.lex is None:
        return
    played = {frozenset((m.home_team, m.away_team)) for m in doc.matches if m.status != "scheduled"}
    found = fixture_lists(doc) + kick_off_lines(doc) + announced(doc)
    found = [f for f in found if frozenset((f.home_team, f.away_team)) not in played]
    found += second_legs(doc)
    if found and not played:
        for ev in doc.events:  # a preview's events (an injury, a ban) happened in no announced match
            ev.fixture_index = -1
    for f in merged(found):
        doc.note(f"scheduled {f.home_team} v {f.away_team} date={f.match_date} home_known={f.home_known} ({f.rule})")
        doc.matches.append(f)


# ---- fixture lists --------------------------------------------------------------------------------

DATE_AFTER = re.compile(
    # bounded blanks only: a run of masked (blanked) text after a team name must not make this backtrack
    r"[ \t]{0,3}(?:\((?P<ha>[HAN])\)[ \t]{0,3})?(?P<comp_gap>[^()\n]{0,40}?)[ \t]{0,3}(?:on[ \t]+)?"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?[ \t]+)?"
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+(?P<day>\d{1,2})\b"
)
_LISTED_AFTER = re.compile(
    r"\b(?:against|face|facing|host|hosting|visit|visiting|play|playing|v|vs)\s+$|,\s*(?:and\s+)?$|\band\s+$"
)
_MONTH = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")


def fixture_lists(doc: Doc) -> list[FixtureMention]:
    """'Opponent Competition Date Eastwick (A) League One Feb. 8 ...' and 'against Southport on Friday,
    March 27, and Westfield on Tuesday, March 31': a team, its (H)/(A) mark or a lead-in word, a date."""
    text, out = doc.text, []
    if not _MONTH.search(text):
        return out
    for t in doc.teams:
        if not t.team or t.how not in ("name", "short"):
            continue
        line_end = text.find("\n", t.end)
        if not _MONTH.search(text, t.end, line_end if line_end >= 0 else len(text)):
            continue
        m = DATE_AFTER.match(text, t.end)
        if not m:
            continue
        listed = m["ha"] is not None
        gap = m["comp_gap"] or ""
        if not listed and (gap.strip() or not _LISTED_AFTER.search(text, max(0, t.start - 25), t.start)):
            continue
        owner = list_owner(doc, t)
        if not owner:
            continue
        home, away = (t.team, owner) if m["ha"] == "A" else (owner, t.team)
        fx = FixtureMention(home, away, t.start, m.end(), status="scheduled", home_known=m["ha"] in ("H", "A"),
                            competition=doc.book.competition(gap.strip()) if gap.strip() else None,
                            rule="fixture_list" if listed else "fixture_dated")  # fmt: skip
        month = MONTHS.get(m["mon"].lower().rstrip(".")[:3])
        anchor = doc.article.published_date
        if anchor and month:
            fx.match_date = month_day_date(anchor, month, int(m["day"]), played=False)
        out.append(fx)
    return out


_KICK_OFF = r"\(\s*\d{1,2}[:.]\d{2}\s*\)|\(\s*\d{4}(?:\s*/\s*\d{4})?\s*\)|\d{1,2}[:.]\d{2}"
_KICK_OFF_BETWEEN = re.compile(rf"[ \t]*(?:{_KICK_OFF})[ \t]*\Z")  # 'Northbrook (17:30) Eastwick'
_VERSUS_BETWEEN = re.compile(r"[ \t]+(?:v|vs\.?|versus)[ \t]+\Z")
_KICK_OFF_AFTER = re.compile(rf"[ \t]*[,(-]?[ \t]*(?:{_KICK_OFF}|\(\s*\d{{4}}\b)")  # 'A v B (1400/1300)', cut off


def kick_off_lines(doc: Doc) -> list[FixtureMention]:
    """A line of two teams and a kick-off time, no score: 'Northbrook (17:30) Eastwick' in a wire
    summary, 'Northbrook v Eastwick (1400)' in a fixture list. Home side first, as such lists print."""
    text, out = doc.text, []
    if ":" not in text and not re.search(r"\(\d{4}", text):
        return out
    for s, e in doc.lines:
        refs = [r for r in doc.teams_in(s, e) if r.team]
        if len(refs) != 2 or refs[0].team == refs[1].team:
            continue
        a, b = refs
        between = text[a.end : b.start]
        timed = _KICK_OFF_BETWEEN.match(between) or (
            _VERSUS_BETWEEN.match(between) and _KICK_OFF_AFTER.match(text, b.end, e)
        )
        if not timed or re.search(r"\d{1,2}\s?[-–]\s?\d{1,2}(?![:.\d])", text[s:e]):
            continue
        fx = FixtureMention(a.team, b.team, a.start, b.end, status="scheduled", home_known=True, rule="kick_off_line")
        fx.match_date = resolve_match_date(text[max(0, s - 80) : e], doc.article.published_date, played=False)
        out.append(fx)
    return out


def list_owner(doc: Doc, listed: TeamRef) -> str | None:
    """Whose fixtures these are: a team named with a possessive shortly before ("England's final
    friendlies are ... against X"), else the article's most named team of the same kind."""
    text = doc.text
    for ref in reversed(doc.teams_in(max(0, listed.start - 250), listed.start)):
        if ref.team and ref.team != listed.team and text.startswith(("'s", "’s"), ref.end):
            return ref.team
    national = doc.book.is_national(listed.team or "")
    counts: dict[str, int] = {}
    for ref in doc.teams:
        if ref.team and ref.team != listed.team and doc.book.is_national(ref.team) == national:
            counts[ref.team] = counts.get(ref.team, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


# ---- announced in prose ---------------------------------------------------------------------------

_SLOT = r"(?:the\s+)?¤(?P<{g}>\d+)"
_AND_MORE = re.compile(r"(?:\s+in\s+(?:the\s+)?[^¤,.;]{0,40}?)?(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?¤(\d+)")
_CLAUSE_BREAK = re.compile(r"[,;:]\s|\s(?:but|and|while|whereas)\s")


@lru_cache(maxsize=4)
def announce_patterns(lex: Lexicon) -> list[tuple[re.Pattern[str], str, str]]:
    """Each announce row as a pattern over a templated sentence, with the home side it implies and what
    it needs to be about the future: a word of the future, or (`dated`: 'Northbrook host Eastwick on
    Saturday', a verb in the present) a day or date will do."""
    out = []
    for row in lex.rows("ahead_words", kind="announce"):
        parts = split_slots(phrase_pattern(row["phrase"]))
        slots = len(parts) - 1
        pattern = parts[0] + "".join(_SLOT.format(g="ab"[k]) + part for k, part in enumerate(parts[1:]))
        lead = r"(?:¤(?P<s>\d+)(?:\s+[a-z]+){0,2}\s+)?" if slots == 1 else ""
        out.append((re.compile(rf"{lead}(?<![\w-]){pattern}(?![\w-])", re.I), row["home"], row.get("when") or "future"))
    return out


_DATED = re.compile(
    r"\b(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Boxing Day|New Year's Day)\b|"
    r"\b(?:tonight|this weekend|at the weekend)\b|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b"
)


@lru_cache(maxsize=4)
def cue_pattern(lex: Lexicon, kind: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'’-]){alternation(lex.phrases('ahead_words', kind=kind))}(?![\w-])", re.I)


def announced(doc: Doc) -> list[FixtureMention]:
    """Matches the prose says are to come, with the home side where the words give it."""
    text, lex, out = doc.text, doc.lex, []
    future = cue_pattern(lex, "future")
    for s0, s1 in doc.sentences:
        refs = [r for r in doc.teams_in(s0, s1) if r.team]  # 'host' is a verb here, not a side word
        if not refs:
            continue
        ahead = bool(future.search(text, s0, s1))
        if not ahead and not _DATED.search(text, s0, s1):
            continue
        tpl = template(text, s0, s1, doc.team_marks(refs))
        for rx, home, when in announce_patterns(lex):
            if not ahead and when != "dated":
                continue
            for m in rx.finditer(tpl.text):
                if told_otherwise(lex, tpl.text, m.start()):
                    continue
                out += _fixtures_from(doc, tpl, m, home)
    return out


def told_otherwise(lex: Lexicon, sentence: str, pos: int) -> bool:
    """A past word in the clause ('last week', 'ago') or a hypothetical one just before ('could')."""
    breaks = [b.end() for b in _CLAUSE_BREAK.finditer(sentence, 0, pos)]
    clause = sentence[breaks[-1] if breaks else 0 : pos + 60]
    return bool(
        cue_pattern(lex, "past").search(clause)
        or cue_pattern(lex, "hypothetical").search(sentence, max(0, pos - 30), pos)
    )


def _team(doc: Doc, index: str | None) -> str | None:
    return doc.teams[int(index)].team if index is not None else None


def _fixtures_from(doc: Doc, tpl, m: re.Match[str], home: str) -> list[FixtureMention]:
    groups = m.groupdict()
    if "b" in groups and groups.get("b") is not None:
        first, others = _team(doc, groups["a"]), [_team(doc, groups["b"])]
    else:
        others = [_team(doc, groups["a"])] + [_team(doc, k) for k in coordinated_teams(tpl.text, m.end())]
        first = _team(doc, groups.get("s")) or subject_before(doc, tpl, m.start())
        if first is None or first in others:
            first = main_team(doc)
    out = []
    start, end = tpl.span(m.start(), m.end())
    window = doc.text[start : _date_window_end(tpl, m.end())]
    for other in others:
        if not first or not other or first == other:
            continue
        h, a = (other, first) if home == "other" else (first, other)
        known = home in ("subject", "other", "first")
        owner = None if known else ground_owner(doc, tpl.start, tpl.end, after=start)
        if owner in (first, other):  # "Wednesday's clash with Eastwick at Kestrel Park": the ground's club hosts
            h, a, known = owner, (other if owner == first else first), True
        fx = FixtureMention(h, a, start, end, status="scheduled", home_known=known, rule=f"announced_{home}")
        fx.match_date = resolve_match_date(window, doc.article.published_date, played=False)
        comps = doc.competitions_in(tpl.start, tpl.end)
        fx.competition = comps[0].canonical if comps else None
        out.append(fx)
    return out


def _date_window_end(tpl, pos: int) -> int:
    """'games against Eastwick and Southport ..., before the cup tie with Westfield on Feb. 17': a date
    told after another team is that team's; the announced ones' window ends where it is named."""
    while m := _AND_MORE.match(tpl.text, pos):
        pos = m.end()
    nxt = tpl.text.find("¤", pos)
    return tpl.end if nxt < 0 else tpl.span(nxt, nxt + 1)[0]


def coordinated_teams(sentence: str, pos: int) -> list[str]:
    """'meet Eastwick in the cup and Southport in the final': the teams coordinated after the first."""
    out = []
    while m := _AND_MORE.match(sentence, pos):
        out.append(m[1])
        pos = m.end()
    return out


def main_team(doc: Doc) -> str | None:
    """The team the article is about: of its main match, the one named more often."""
    if not doc.matches:
        return None
    pair = doc.match_teams(0)
    counts = {t: sum(1 for r in doc.teams if r.team == t) for t in pair}
    return max(pair, key=lambda t: counts[t])


# ---- second legs ----------------------------------------------------------------------------------

_AGGREGATE = re.compile(r"\baggregate\b", re.I)


def second_legs(doc: Doc) -> list[FixtureMention]:
    """A first-leg report that looks forward to the second leg announces it: same teams, the other
    way round. A tie already decided on aggregate is no first leg."""
    if not doc.matches or doc.matches[0].status == "scheduled" or not ("leg" in doc.lower or "return" in doc.lower):
        return []
    if _AGGREGATE.search(doc.text):
        return []
    main = doc.matches[0]
    note = (main.score_note or "").lower()
    if "second leg" in note or "aggregate" in note:
        return []
    cue = cue_pattern(doc.lex, "second_leg")
    for s0, s1 in doc.sentences:
        m = cue.search(doc.text, s0, s1)
        if m:
            fx = FixtureMention(main.away_team, main.home_team, m.start(), m.end(), status="scheduled",
                                home_known=main.home_known, competition=main.competition, rule="second_leg")  # fmt: skip
            fx.match_date = resolve_match_date(doc.text[m.start() - 40 : s1], doc.article.published_date, played=False)
            return [fx]
    return []


def merged(found: list[FixtureMention]) -> list[FixtureMention]:
    """One fixture per pair and date: a mention that knows the home side or the date fills the other."""
    out: list[FixtureMention] = []
    for f in found:
        pair = frozenset((name_key(f.home_team), name_key(f.away_team)))
        same = next((g for g in out if frozenset((name_key(g.home_team), name_key(g.away_team))) == pair
                     and (g.match_date is None or f.match_date is None or g.match_date == f.match_date)), None)  # fmt: skip
        if same is None:
            out.append(f)
            continue
        if f.home_known and not same.home_known:
            same.home_team, same.away_team, same.home_known = f.home_team, f.away_team, True
        same.match_date = same.match_date or f.match_date
        same.competition = same.competition or f.competition
    return out
