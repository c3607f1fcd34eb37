"""Match decision: which matches the article states, which one it is about, and who was at home.

Claims (score headings, results in prose, results without a score) are grouped by team pair and
score into fixtures. The article's main match is a decision over all the evidence, not the first
pattern that fired: where its claims stand (a heading at the top, the headline, the first
sentences), how strong they are, how often its teams are named, whether the line-ups are theirs,
and whether the words tell it as an earlier match ("last week's defeat", "the first leg"). Each
fixture's home side comes from what the text says plainly (a score heading or line-up order, "at
<ground>", "away to", "the hosts", the dateline city); when nothing says it, the order the text
gives is kept and `home_known` is False. Every step leaves a line in `doc.evidence`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from transforms.dates import resolve_match_date
from transforms.reader.blocks import BOX_SCORE_RULE
from transforms.reader.doc import Claim, Doc, Scope, mask
from transforms.reader.lexicon import Lexicon, alternation
from transforms.reader.scores import future_words
from transforms.records import FixtureMention
from transforms.teams import name_key


@dataclass(slots=True)
class Candidate:
    """One fixture being decided: its claims and what they add up to."""

    pair: frozenset[str]
    claims: list[Claim] = field(default_factory=list)
    goals: dict[str, int] | None = None  # team -> goals
    home: str | None = None
    home_why: str = ""
    note: str | None = None
    elsewhere: list[tuple[int, int]] = field(default_factory=list)  # sentences telling other meetings of the pair

    @property
    def start(self) -> int:
        return min(c.start for c in self.claims)

    @property
    def end(self) -> int:
        return max(c.end for c in self.claims)


def decide(doc: Doc) -> None:
    """Fill doc.matches (main first) and doc.scopes from doc.claims."""
    doc.claims += sheet_claims(doc)
    if not any(c.first and c.second for c in doc.claims):
        doc.claims += most_named_claim(doc)
    cands = same_result_merged(doc, candidates(doc))
    if not cands:
        doc.matches = []
        return
    mentions = Counter(r.team for r in doc.teams if r.team)
    weights = {id(c): weight(doc, c, mentions) for c in cands}
    cands.sort(key=lambda c: (-weights[id(c)], c.start))
    for c in cands:
        doc.note(f"candidate {' v '.join(sorted(c.pair))} goals={c.goals} weight={weights[id(c)]:.1f} "
                 f"claims={[cl.rule for cl in c.claims]}")  # fmt: skip
    main = cands[0]
    for c in cands:
        drawn_before_shootout(doc, c)
    fill_scoreless(doc, main)
    for c in cands[1:]:
        fill_scoreless(doc, c, same_paragraph=True)
    for c in cands:
        own = {doc.sentence_at(cl.start) for cl in c.claims}
        c.elsewhere = [
            span for o in cands if o is not c and o.pair == c.pair for cl in o.claims
            if (span := doc.sentence_at(cl.start)) not in own
        ]  # fmt: skip
        orient(doc, c, is_main=c is main)
    other_legs(doc, cands)
    kept = [c for c in cands if c is main or c.goals is not None]
    doc.matches = [to_fixture(doc, c, is_main=c is main) for c in kept]

    doc.scopes = scopes(doc, kept)
    match_status(doc)
    describe(doc)


def match_status(doc: Doc) -> None:
    """'The match was abandoned after 60 minutes', 'the game was called off': the main match's status
    (`result_words.csv`, kind `status`), told in a sentence that names no other match's team."""
    if doc.lex is None or not doc.matches:
        return
    rx, status = _status_words(doc.lex)
    main = doc.matches[0]
    for m in rx.finditer(doc.text):
        if _A_GOALS_FATE.search(doc.text, max(0, m.start() - 30), m.start()):
            continue  # 'the goal was called off after a video review': a goal's fate, not the match's
        s0, s1 = doc.sentence_at(m.start())
        named = {t.team for t in doc.teams_in(s0, s1) if t.team}
        if named and not named & {main.home_team, main.away_team}:
            continue
        main.status = status.get(" ".join(m.group().lower().split()), main.status)
        doc.note(f"status {main.status}: {m.group()!r}")
        return


_A_GOALS_FATE = re.compile(
    r"\b(?:goal|effort|strike|header|penalty|equali[sz]er|winner|opener|finish)\s+(?:[a-z]+\s+)?$", re.I
)


@lru_cache(maxsize=4)
def _status_words(lex: Lexicon) -> tuple[re.Pattern[str], dict[str, str]]:
    rows = lex.rows("result_words", kind="status")
    words = alternation(r["phrase"] for r in rows) if rows else "(?!)"
    return re.compile(rf"(?<![\w-])(?:{words})(?![\w-])", re.I), {r["phrase"].lower(): r["outcome"] for r in rows}


_LEG = re.compile(r"\b(?:first|second|return|home|away)[- ]leg\b|\bon aggregate\b", re.I)


def other_legs(doc: Doc, cands: list[Candidate]) -> None:
    """A two-legged tie told with both scores: when the words place one leg, the other was played at
    the other ground."""
    if not ("leg" in doc.lower or "aggregate" in doc.lower) or not _LEG.search(doc.text):
        return
    by_pair: dict[frozenset[str], list[Candidate]] = {}
    for c in cands:
        if c.goals is not None:
            by_pair.setdefault(c.pair, []).append(c)
    for pair, legs in by_pair.items():
        placed = [c for c in legs if c.home]
        if len(legs) == 2 and len(placed) == 1:
            other = next(c for c in legs if not c.home)
            other.home = next(t for t in pair if t != placed[0].home)
            other.home_why = "the other leg"
            doc.note(f"home of {' v '.join(sorted(pair))} ({other.goals}): {other.home} (the other leg)")


def candidates(doc: Doc) -> list[Candidate]:
    """Claims grouped by team pair, then by score: a two-legged tie is two fixtures."""
    by_pair: dict[frozenset[str], list[Claim]] = {}
    for c in doc.claims:
        if c.first and c.second and c.first != c.second:
            by_pair.setdefault(frozenset((c.first, c.second)), []).append(c)
    out: list[Candidate] = []
    for pair, claims in by_pair.items():
        scored: dict[tuple, Candidate] = {}
        for c in sorted(claims, key=lambda c: (-c.weight, c.start)):
            if c.goals is None:
                continue
            key = tuple(sorted(((c.first, c.goals[0]), (c.second, c.goals[1]))))
            cand = scored.setdefault(key, Candidate(pair, goals={c.first: c.goals[0], c.second: c.goals[1]}))
            cand.claims.append(c)
        unscored = [c for c in claims if c.goals is None]
        if not scored:
            out.append(Candidate(pair, claims=unscored))
            continue
        ranked = sorted(
            scored.values(), key=lambda k: (all(c.earlier for c in k.claims), -max(c.weight for c in k.claims))
        )
        ranked[0].claims += unscored  # results without a score back the told match, not an earlier leg
        out += ranked
    for cand in out:
        notes = [c.note for c in cand.claims if c.note]
        cand.note = notes[0] if notes else None
    return out


def same_result_merged(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """'the Glaswegians' 3-2 win over the Fifers' in a caption, 'Rovers' 3-2 defeat at Partick' in the text:
    one result with one side named two ways. A candidate whose other side is a name no list knows and the
    text gives once or twice joins the one with the same score and the better-named side."""
    mentions = Counter(r.team for r in doc.teams if r.team)
    out = list(cands)
    for weak in cands:
        if weak.goals is None or weak not in out:
            continue
        for strong in out:
            if strong is weak or strong.goals is None or not (shared := weak.pair & strong.pair) or len(shared) != 1:
                continue
            team = next(iter(shared))
            odd, other = next(iter(weak.pair - shared)), next(iter(strong.pair - shared))
            if weak.goals[team] != strong.goals[team] or weak.goals[odd] != strong.goals[other]:
                continue
            squad = _squad_of(other, odd)  # 'Arsenal' in the headline, 'Arsenal Women' in the line-ups
            if not squad and (_listed(doc, odd) or mentions[odd] > 2 or mentions[odd] >= mentions[other]):
                continue
            doc.note(f"same result: {odd} is {other} ({mentions[odd]} v {mentions[other]} mentions)")
            for cl in weak.claims:
                cl.first, cl.second, cl.home = (other if t == odd else t for t in (cl.first, cl.second, cl.home))
            strong.claims += weak.claims
            out.remove(weak)
            break
    return out


def _squad_of(team: str, club: str) -> bool:
    """'Arsenal Women' is Arsenal's women's side: in an article about it, a bare 'Arsenal' is that side."""
    return team != club and team.startswith(club + " ") and team[len(club) + 1 :] in ("Women", "Ladies", "Femenino")


def _listed(doc: Doc, team: str) -> bool:
    return doc.book.canonical(team) is not None or bool(doc.book.clubs.owners(team, exact_only=True))


def weight(doc: Doc, c: Candidate, mentions: Counter) -> float:
    """How much the article is about this fixture."""
    lead_end = doc.sentences[min(1, len(doc.sentences) - 1)][1] if doc.sentences else 0
    head_end = doc.headline[1]
    w = max(cl.weight for cl in c.claims)
    if any(cl.start <= max(lead_end, head_end) for cl in c.claims):
        w += 4
    if c.goals is not None:
        w += 2
    w += min(8.0, 0.5 * sum(mentions.get(t, 0) for t in c.pair))
    if sheet_teams(doc) and set(sheet_teams(doc)) == set(c.pair):
        w += 6
    if all(cl.earlier for cl in c.claims):
        w -= 10
    return w


def sheet_teams(doc: Doc, lineups_only: bool = True) -> list[str]:
    """The teams the line-ups are labelled with, in order (home first); live-text blocks that only tag
    events with a team ('Yellow card X (América)') are no line-ups and say nothing of who was at home."""
    from transforms.reader.teams import canonical_name

    out = []
    for s in doc.sheets:
        if lineups_only and len(s.players) < 7:
            continue
        if s.team:
            name = canonical_name(doc.book, s.team, doc)
            if name and name not in out:
                out.append(name)
    return out


def sheet_claims(doc: Doc) -> list[Claim]:
    """Line-ups name the match even when no sentence gives its score: labelled sheets (home first), or
    the two most-named teams with the side of each sheet told by what the prose says of its players."""
    if len([s for s in doc.sheets if (s.side or s.team) and len(s.players) >= 7]) < 2:
        return []
    start, end = doc.sheets[0].char_start, doc.sheets[-1].char_end
    labels = sheet_teams(doc, lineups_only=True)
    if len(labels) >= 2:
        home = None if wire_box(doc) else labels[0]
        return [Claim(labels[0], labels[1], start, end, "team_sheet", None, home=home, weight=5.0)]
    counts = Counter(r.team for r in doc.teams if r.team)
    ranked = [t for t, _ in counts.most_common()]
    if len(ranked) < 2:
        return []
    first = ranked[0]
    second = next((t for t in ranked[1:] if doc.book.is_national(t) == doc.book.is_national(first)), None)
    if second is None or counts[second] < 2:
        return []
    from transforms.reader.events import player_votes

    votes = player_votes(doc)
    side_votes: dict[str, Counter[str]] = {"home": Counter(), "away": Counter()}
    for sheet in doc.sheets:
        if sheet.side in side_votes:
            for p in sheet.players:
                for team, n in votes.get(_fold(doc.binding.get(p.name, p.name)), Counter()).items():
                    side_votes[sheet.side][team] += n
    home = None
    h, a = side_votes["home"], side_votes["away"]
    score_first = h[first] - a[first]
    score_second = h[second] - a[second]
    if score_first > score_second:
        home = first
    elif score_second > score_first:
        home = second
    order = (home, first if home == second else second) if home else (first, second)
    doc.note(f"line-ups without labels: {order[0]} v {order[1]} (home {'from the players' if home else 'not told'})")
    return [Claim(order[0], order[1], start, end, "most_named", None, home=home, weight=3.0)]


def wire_box(doc: Doc) -> bool:
    """The line-ups are a wire box score's, whose order does not say who was at home."""
    return bool(doc.sheets) and all(p.rule == BOX_SCORE_RULE for s in doc.sheets for p in s.players[:1])


def most_named_claim(doc: Doc) -> list[Claim]:
    """'The 2-1 scoreline means ...' naming no team, or a final score no result pattern reads, and no
    sentence naming two: the two teams the article names most (each at least twice, same kind) played
    the match it reports."""
    loose_score = not doc.claims and any(s.kind == "final" for s in doc.scores)  # 'overcome the (2-0) against X'
    if not loose_score and not any(c.rule == "prose_scoreline" for c in doc.claims):
        return []
    counts = Counter(r.team for r in doc.teams if r.team)
    ranked = [t for t, n in counts.most_common() if n >= 2]
    if len(ranked) < 2:
        return []
    first = ranked[0]
    second = next((t for t in ranked[1:] if doc.book.is_national(t) == doc.book.is_national(first)), None)
    if second is None:
        return []
    where = min(r.start for r in doc.teams if r.team in (first, second))
    doc.note(f"no sentence names the match: the two most-named teams, {first} and {second}")
    return [Claim(first, second, where, where + 1, "most_named", None, weight=2.0)]


def _fold(name: str) -> str:
    from transforms.people import fold_name

    return fold_name(name)


_NORMAL_TIME = re.compile(
    r"\b(?:normal|regular|full)[- ]time\b|\bafter (?:extra[- ]time|90 minutes|120 minutes)\b|"
    r"\b(?:ended|finished)\b",
    re.I,
)


def drawn_before_shootout(doc: Doc, c: Candidate) -> None:
    """'won 5-4 in a shoot-out ... for 1-1 in normal time': a tie decided on penalties was a draw; its score
    is the level one told beside normal time or the end of the game; with both line-ups printed and no
    goal listed under either, it was goalless."""
    if c.goals is not None or not c.note or "penalties" not in c.note:
        return
    full = [s for s in doc.sheets if len(s.players) >= 11]
    if len(full) >= 2 and not any(e.event_type == "goal" for s in doc.sheets for e in s.events):
        a, b = sorted(c.pair)
        c.goals = {a: 0, b: 0}
        doc.note("shoot-out match with both line-ups and no goal listed: 0-0")
        return
    for sc in doc.scores:
        if sc.first == sc.second and sc.kind in ("final", "running"):
            near = doc.text[sc.start - 40 : sc.end + 40]
            if _NORMAL_TIME.search(near):
                a, b = sorted(c.pair)
                c.goals = {a: sc.first, b: sc.second}
                doc.note(f"shoot-out match: level score {sc.first}-{sc.second} from the words about normal time")
                return


def fill_scoreless(doc: Doc, main: Candidate, same_paragraph: bool = False) -> None:
    """'The final scoreline was 2-1' with no team named: the main match's score, the winner from a
    result told without one ('X defeated Y'). Another match of a round-up takes one only from its own
    paragraph ('X moved up with a win over Y. Varga scored, Olsen completing the 2-0 win')."""
    if main.goals is not None:
        return
    neutral = [c for c in doc.claims if c.rule == "prose_scoreline" and not c.placed]
    if same_paragraph:
        spans = [p for p in doc.paragraphs if any(p[0] <= c.start < p[1] for c in main.claims)]
        neutral = [n for n in neutral if any(a <= n.start < b and n.start >= main.start for a, b in spans)]
    if not neutral:
        return
    hi, lo = max(neutral[0].goals or (0, 0)), min(neutral[0].goals or (0, 0))
    told = [c for c in main.claims if c.outcome in ("win", "lose", "draw")]
    if hi == lo:
        if same_paragraph and not any(c.outcome == "draw" for c in told):
            return
        a, b = sorted(main.pair)
        main.goals = {a: hi, b: lo}
    elif told:
        c = told[0]
        if c.outcome == "draw":
            return
        winner = c.first if c.outcome == "win" else c.second
        loser = c.second if winner == c.first else c.first
        main.goals = {winner: hi, loser: lo}
    elif not same_paragraph and (hosts := {c.home for c in main.claims if c.home in main.pair}) and len(hosts) == 1:
        home = hosts.pop()  # 'X hosted Y ... The final score was 0-1': a score naming no side reads home first
        away = next(t for t in main.pair if t != home)
        first, second = neutral[0].goals or (0, 0)
        main.goals = {home: first, away: second}
    if main.goals is not None:
        neutral[0].placed = True
        main.claims.append(neutral[0])
        doc.note(f"score {hi}-{lo} from a sentence naming no team, given to {' v '.join(sorted(main.pair))}")


# ---- who was at home ---------------------------------------------------------------------------------


HOME_EVIDENCE = {  # how much each kind of words says about who was at home
    "heading": 10.0, "line-up order": 6.0, "prose": 5.0, "ground": 5.0, "versus": 4.0, "dateline": 4.0,
    "side words": 3.0, "unscored": 2.0, "place": 2.0, "country": 2.0,
}  # fmt: skip


def orient(doc: Doc, c: Candidate, is_main: bool) -> None:
    """Home side and why: every piece of evidence votes with its weight; no evidence, no home."""
    pair = c.pair
    votes: Counter[str] = Counter()
    why: dict[str, list[str]] = {}

    def vote(team: str | None, kind: str, detail: str) -> None:
        if team in pair:
            votes[team] += HOME_EVIDENCE[kind]
            why.setdefault(team, []).append(detail)

    for cl in c.claims:
        if cl.home is None:
            continue
        kind = (
            "heading" if cl.heading else "versus" if cl.rule == "versus" else
            "line-up order" if cl.rule in ("team_sheet", "most_named") else "unscored" if cl.goals is None else "prose"
        )  # fmt: skip
        vote(cl.home, kind, f"{cl.rule}")
    sheets = sheet_teams(doc)
    if len(sheets) >= 2 and set(sheets[:2]) == set(pair) and not wire_box(doc):
        vote(sheets[0], "line-up order", "line-up order")
    for finder, kind in ((ground_home, "ground"), (dateline_home, "dateline"), (side_word_home, "side words"),
                         (place_home, "place"), (country_home, "country")):  # fmt: skip
        home, detail = finder(doc, c, is_main)
        vote(home, kind, detail)
    ranked = votes.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        c.home = ranked[0][0]
        c.home_why = ", ".join(why[c.home])
    doc.note(
        f"home of {' v '.join(sorted(pair))}: {c.home or 'not told'} ({c.home_why or 'first named'}; votes {dict(votes)})"
    )


def ground_home(doc: Doc, c: Candidate, is_main: bool) -> tuple[str | None, str]:
    """'at St James' Park', 'at the Emirates': the ground's club is at home."""
    window = _match_window(doc, c, is_main)
    for hit in doc.venues_in(window[0], window[0] + len(window[1])):
        owner = next((t for t in doc.book.venue_homes(hit.canonical) if t in c.pair), None)
        if owner:
            return owner, f"ground {hit.canonical}"
    for team in c.pair:
        club = doc.book.clubs.club(team)
        if club and club.ground and len(club.ground) > 4 and _said_at(window[1], club.ground):
            return team, f"ground {club.ground}"
    return None, ""


def _said_at(text: str, ground: str) -> bool:
    return re.search(rf"\b(?:at|inside)\s+(?:the\s+)?{re.escape(ground)}\b", text, re.I) is not None


def _match_window(doc: Doc, c: Candidate, is_main: bool) -> tuple[int, str]:
    """The text that tells this fixture: the whole article for the main match, else its sentences."""
    if is_main:  # without the sentences of the pair's other meetings ('they won 4-0 at Eastwick in March')
        return 0, mask(doc.text, c.elsewhere) if c.elsewhere else doc.text
    spans = [doc.sentence_at(cl.start) for cl in c.claims]
    a, b = min(s for s, _ in spans), max(e for _, e in spans)
    return a, doc.text[a:b]


_DATELINE = re.compile(
    r"(?P<city>[A-ZÀ-Ý][A-Za-zÀ-ÿ .'’-]{2,30}?)(?:\s*[\[(](?P<land2>[A-Za-z .]+)[\])])?(?:,\s*(?P<land>[A-Z][A-Za-z .]{2,30}?))?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?,?\s*(?:\((?:AP|Reuters|AFP|IANS|ANI|dpa|EFE|Xinhua|PA)\)\s*[-–—:]?|[-–—:])"
)


def dateline_home(doc: Doc, c: Candidate, is_main: bool) -> tuple[str | None, str]:
    """'NEWCASTLE, England (AP) —', 'SEATTLE -': a wire story filed from one side's city, for its main match."""
    if not is_main:
        return None, ""
    spots = []
    if doc.article.dateline:
        spots.append(doc.article.text[doc.article.dateline[0] : doc.article.dateline[1]])
    for a, _ in doc.paragraphs[:3]:
        spots.append(doc.article.text[a : a + 80].lstrip())
    for spot in spots:
        m = _DATELINE.match(spot)
        if not m:
            continue
        places = {name_key(m["city"])} | {name_key(m[g]) for g in ("land", "land2") if m[g]}
        owners = [t for t in c.pair if _home_of_place(doc, t) & places]
        if len(owners) == 1:
            return owners[0], f"dateline {m['city'].strip()}"
    return None, ""


def _home_of_place(doc: Doc, team: str) -> set[str]:
    """The places a team is at home in: its city, the words of its name, its country for a national team."""
    keys = {name_key(w) for w in team.split() if len(w) > 3}
    club = doc.book.clubs.club(team)
    if club and club.city:
        keys.add(name_key(club.city))
    if doc.book.is_national(team):
        keys.add(name_key(team))
    return keys


_AT_TEAM = re.compile(  # 'at Eastwick', 'at seventh-placed Eastwick', 'at bottom club Eastwick'
    r"\bat\s+(?:the\s+)?(?:(?:[a-z\d]+-[a-z]+|struggling|lowly|unbeaten|promoted|leaders|champions|bottom|top)"
    r"(?:\s+(?:club|side))?\s+)?$"
)


def place_home(doc: Doc, c: Candidate, is_main: bool) -> tuple[str | None, str]:
    """'title-deciders at Oswestry and Penybont': a team's name or town after 'at' places the match there."""
    found = set()
    start, text = _match_window(doc, c, is_main)
    for r in doc.teams_in(start, start + len(text)):  # "a rocky display at Spurs": the team's own name, any form
        a, b = r.start - start, r.end - start
        if r.team in c.pair and _AT_TEAM.search(text, max(0, a - 40), a) and not text[a].isspace():
            if not re.match(r"\s+(?:to|against)\b", text[b : b + 10]):
                found.add(r.team)
    for m in re.finditer(r"\bat\s+(?:the\s+)?([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)((?:\s+and\s+[A-Z][\w'’-]+)?)", text):
        places = [m[1]] + ([m[2].split("and", 1)[1].strip()] if m[2] else [])
        for place in places:
            key = name_key(place)
            for team in c.pair:
                if key == name_key(team) or (key in _home_of_place(doc, team) and len(key) > 3):
                    if not re.match(r"\s+(?:to|against)\b", text[m.end() : m.end() + 10]):
                        found.add(team)
    if len(found) == 1:
        team = next(iter(found))
        return team, f"'at {team}'"
    return None, ""


_IN_COUNTRY = re.compile(r"\b(?:in|to)\s+$")
_NOT_THIS_MATCH = re.compile(r"\b(?:will|can|could|return|second leg|next|must|hope|going to)\b", re.I)


def country_home(doc: Doc, c: Candidate, is_main: bool) -> tuple[str | None, str]:
    """'winning in Spain', 'that it was in Spain': a club match told as played in one side's country,
    the other side being from elsewhere. Words of the future ('we can score in Germany') are about
    another leg."""
    if not is_main:
        return None, ""
    countries = {t: _country_of(doc, t) for t in c.pair}
    if None in countries.values() or len(set(countries.values())) < 2:
        return None, ""
    found = set()
    for r in doc.teams:
        if r.how != "name" or not r.team or not doc.book.is_national(r.team) or r.team in c.pair:
            continue
        if not _IN_COUNTRY.search(doc.text, max(0, r.start - 5), r.start):
            continue
        s0, s1 = doc.sentence_at(r.start)
        if _NOT_THIS_MATCH.search(doc.text, s0, s1):
            continue
        found |= {t for t, land in countries.items() if land == r.team}
    if len(found) == 1:
        team = next(iter(found))
        return team, f"played in {countries[team]}"
    return None, ""


def _country_of(doc: Doc, team: str) -> str | None:
    if doc.book.is_national(team):
        return None
    club = doc.book.clubs.club(team)
    return doc.book.country(team) or (club.country if club else None)


def side_word_home(doc: Doc, c: Candidate, is_main: bool) -> tuple[str | None, str]:
    """'host Ivory Coast', 'X, the visitors,', and 'the home side' opening the sentence after one about X."""
    votes: Counter[str] = Counter()
    sides = [r for r in doc.teams if r.how == "side"]
    for r in sides:
        nxt = next((t for t in doc.teams if t.start >= r.end and t.team), None)
        prev = next((t for t in reversed(doc.teams) if t.end <= r.start and t.team), None)
        team = None
        if nxt and nxt.team in c.pair and re.fullmatch(r"[\s,]*", doc.text[r.end : nxt.start]):
            team = nxt.team  # "host Ivory Coast", "the hosts, Lyon"
        elif prev and prev.team in c.pair and re.fullmatch(r",\s*", doc.text[prev.end : r.start]):
            team = prev.team  # "Lyon, the hosts"
        elif (told := _claim_in_sentence(doc, c, r.start)) is not None:
            team = told  # "X beat Y 3-0 to leave the home side bottom": the words after both teams are about Y
        elif is_main and re.match(r"\s*$", doc.text[doc.sentence_at(r.start)[0] : r.start]):
            k = next((i for i, (a, _) in enumerate(doc.sentences) if a <= r.start < doc.sentences[i][1]), None)
            if k:
                first = [t for t in doc.teams_in(*doc.sentences[k - 1]) if t.team in c.pair]
                team = first[0].team if first and len({t.team for t in first}) == 1 else None  # both named: which?
        if team:
            votes[team if r.side == "home" else _other(c.pair, team)] += 1
    if len(votes) == 1 or (len(votes) == 2 and votes.most_common(2)[0][1] > votes.most_common(2)[1][1]):
        return votes.most_common(1)[0][0], "side words (hosts/visitors)"
    return None, ""


def _claim_in_sentence(doc: Doc, c: Candidate, pos: int) -> str | None:
    """The object of this fixture's claim told earlier in the same sentence as a side word, if any."""
    s0, s1 = doc.sentence_at(pos)
    for cl in c.claims:
        if s0 <= cl.start and cl.end <= pos < s1 and cl.second in c.pair and not cl.heading:
            return cl.second
    return None


def _other(pair: frozenset[str], team: str) -> str:
    return next((t for t in pair if t != team), team)


# ---- fixtures and scopes -----------------------------------------------------------------------------


def to_fixture(doc: Doc, c: Candidate, is_main: bool) -> FixtureMention:
    first = min(c.claims, key=lambda cl: (not cl.heading, cl.start))
    home = c.home or first.first
    away = _other(c.pair, home)
    hs = c.goals.get(home) if c.goals else None
    as_ = c.goals.get(away) if c.goals else None
    rule = first.rule
    return FixtureMention(
        home, away, c.start, c.end, hs, as_, status="played", home_known=c.home is not None,
        score_note=c.note, rule=rule, is_main=is_main,
    )  # fmt: skip


def scopes(doc: Doc, cands: list[Candidate]) -> list[Scope]:
    """The text each fixture's events are read in: a heading's section runs to the next heading."""
    heads = sorted((cl.start, k) for k, c in enumerate(cands) for cl in c.claims if cl.heading)
    out: list[Scope] = []
    distinct = {k for _, k in heads}
    if len(distinct) >= 2:
        for j, (start, k) in enumerate(heads):
            end = next((s for s, kk in heads[j + 1 :] if kk != k), len(doc.text))
            out.append(Scope(start, end, k))
    return out


def describe(doc: Doc) -> None:
    """Date, competition and venue from the words around each fixture (the lead for the main one)."""
    text, anchor = doc.text, doc.article.published_date
    lead_end = doc.sentences[min(2, len(doc.sentences) - 1)][1] if doc.sentences else min(len(text), 600)
    future = future_words(doc.lex) if doc.lex is not None else None
    lead = " ".join(  # the lead's dates, but not one of a match to come ('... when they travel to X on May 4')
        text[a:b] for a, b in (doc.sentences[:3] if doc.sentences else [(0, lead_end)])
        if future is None or not future.search(text, a, b)
    )
    for f in doc.matches:
        s0 = doc.sentence_at(f.char_start)[0] if doc.sentences else 0
        s1 = doc.sentence_at(max(f.char_start, f.char_end - 1))[1] or len(text)
        window = text[s0 : max(s1, f.char_end)]
        if f.is_main:
            window += " " + lead
        f.match_date = resolve_match_date(window, anchor, played=f.status != "scheduled")
        spans = [(s0, max(s1, f.char_end))] + ([(0, lead_end)] if f.is_main else [])
        comps = [h for a, b in spans for h in doc.competitions_in(a, b)]
        f.competition = comps[0].canonical if comps else None
        grounds = [h for a, b in spans for h in doc.venues_in(a, b)]
        if grounds and f.is_main:
            f.venue = grounds[0].canonical
