"""Structured blocks the line-up reader (`transforms.team_sheets`) does not know: the continental
match-facts box many outlets print, in English or translated.

    Lazio                                   a team's name on a line of its own, then its line-up:
    Keeper; Def, Def (Sub, 46'), Def; ...   lines of the formation split by ';', a substitute and
    ... and Fwd.                            his minute in brackets after the player he replaced
    Goals                                   goals as the running score: '0-1 M. 25 Scorer.',
    0-1 M. 25 Scorer. 1-1 M. 67 Other (p.). '1-1, min. 67, Other (pen)'
    TA: A (7'), B (24') / C (5')            bookings, home / away ('TA', 'Yellow cards', 'Booked')
    TR: D (90')                             dismissals ('TR', 'Red cards', 'Sent off')

Every name keeps its exact span; the teams come from the labels, and a goal's team from which side
of the running score went up.
"""

from __future__ import annotations

import re

from transforms.records import EventMention, PersonMention, TeamSheet

RULE = "sheet_match_facts"
_APOS = r"['’‘′¿´`]"
_LABEL = re.compile(r"[A-ZÀ-Ý][\w'’.\- ]{1,38}")
_SUB = re.compile(rf"\(\s*(?P<on>[^\W\d_][^(),;]*?)\s*,?\s*(?P<min>\d{{1,3}})\s*{_APOS}?\s*\)")
_GOAL_ITEM = re.compile(
    rf"(?P<a>\d{{1,2}})\s*-\s*(?P<b>\d{{1,2}})\s*,?\s*(?:M\.|min\.?|minute)\s*(?P<min>\d{{1,3}})(?:\s*\+\s*(?P<add>\d{{1,2}}))?\s*{_APOS}?\s*[,:]?\s*"
    rf"(?P<name>[^\W\d_][^.()\d]*?)\s*(?P<flag>\((?:p|pen|og|o\.g\.|pp)\.?\))?\s*(?:\.|$|(?=\s\d))",
    re.I,
)
_CARD_LABEL = re.compile(
    r"\b(?P<kind>TA|TR|Yellow cards?|Red cards?|Booked|Sent off|Bookings|Amonestaciones|Expulsiones)\s*:\s*", re.I
)
_CARD_ITEM = re.compile(
    rf"(?P<name>[^\W\d_][\w'’.\- ]*?)\s*\(\s*(?P<min>\d{{1,3}})(?:\s*\+\s*(?P<add>\d{{1,2}}))?\s*{_APOS}?\s*\)"
)


def read(text: str, lines: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[TeamSheet]:
    """Match-facts line-ups (with their goals and cards), wire summaries and score boxes, in text order;
    none where other sheets were read."""
    out = summaries(text, lines, taken) + lineups(text, lines, taken) + score_boxes(text, lines, taken)
    return out + scoring_summaries(text, taken)


# ---- a US college page's scoring summary ----------------------------------------------------------------
#
#     Scoring: NOR-Tomas Varga (Jan Olsen, Piotr Kral), 35:21;   a team's code, the scorer, the assists,
#     EAS-Marek Berg (penalty kick), 75:28;                      the clock (35:21 is the 36th minute)
#     NOR-Eastwick own goal, 92:35.                              an own goal by the side named

SCORING_RULE = "sheet_scoring_summary"
_SCORING_LABEL = re.compile(r"(?m)^[ \t]*Scoring(?:[ \t]+Summary)?[ \t]*:[ \t]*")
_SCORING_ITEM = re.compile(
    r"\s*(?P<code>[A-Z]{2,5})\s*[-–]\s*(?P<name>[^\W\d_][^();,\n]*?)\s*(?:\((?P<extra>[^()]*)\))?\s*,\s*"
    r"(?P<mm>\d{1,3}):(?P<ss>[0-5]\d)[ \t]*(?:[;.]|(?=\n)|\Z)"
)
_OWN_GOAL = re.compile(r"\s+own\s+goal$", re.I)


def scoring_summaries(text: str, taken: list[tuple[int, int]]) -> list[TeamSheet]:
    """'Scoring: NOR-Varga (Olsen), 35:21; EAS-Berg (penalty kick), 75:28': one sheet per team code, each
    goal at its clock's minute, the first name in brackets its assist; the code names the team later."""
    from transforms.minutes import clock

    if "Scoring" not in text:
        return []
    out: dict[str, TeamSheet] = {}
    overtime = re.search(r"\bovertime\b|\(OT\)|\b2?OT\b", text) is not None
    for label in _SCORING_LABEL.finditer(text):
        if any(a <= label.start() < b for a, b in taken):
            continue
        pos = label.end()
        while (m := _SCORING_ITEM.match(text, pos)) and m.end() - label.end() < 600:
            pos = m.end()
            name, extra = m["name"].strip(), (m["extra"] or "").strip()
            minute, added = clock(int(m["mm"]) + 1, extra_time=overtime)
            own = _OWN_GOAL.search(name)
            player = None if own else name
            team = name[: own.start()].strip() if own else m["code"]
            assist = None if own or not extra or "penalty" in extra.lower() else extra.split(",")[0].strip()
            s = m.start("name")
            sheet = out.setdefault(m["code"], TeamSheet(m["code"], None, label.start(), m.end()))
            sheet.char_end = max(sheet.char_end, m.end())
            penalty = "penalty" in extra.lower()
            sheet.events.append(
                EventMention(
                    "goal", s, s + len(name), player, team, assist, minute, added, penalty, bool(own), SCORING_RULE
                )
            )
            if player:
                sheet.players.append(PersonMention(player, s, s + len(player), rule=SCORING_RULE))
    return list(out.values())


# ---- score boxes: a team and its goals on one line, then what each player did, a line each ----------
#
#     Northbrook 2                     the home side and its goals
#     - T Varga (7th minute)           a goal and its minute ('pen', 'og' before the minute)
#     Eastwick 1                       the away side
#     - J Kowal (sent off 73rd minute) a dismissal

BOX_RULE = "sheet_score_box"
_BOX_TEAM = re.compile(
    r"[ \t]*(?P<t>[A-ZÀ-Ý][^\W\d_]*(?:[ \t]+[^\W\d_&.'’-][\w&.'’-]*){0,4})[ \t]+(?P<n>\d{1,2})[ \t]*$"
)
_BOX_ITEM = re.compile(
    r"[ \t]*[-•][ \t]*(?P<name>[^\W\d_][^()\n]*?)[ \t]*\([ \t]*(?P<kind>sent off|pen(?:alty)?|og|own goal)?[ \t]*"
    r"(?P<min>\d{1,3})(?:st|nd|rd|th)?(?:[ \t]*(?:minute|min|['’]))?(?:[ \t]*\+[ \t]*(?P<add>\d{1,2}))?[ \t]*\)[ \t]*$",
    re.I,
)


def score_boxes(text: str, lines: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[TeamSheet]:
    """Two team lines, each with the lines of its scorers (and dismissals) under it: home, then away."""
    if "(" not in text:
        return []
    for k, line in enumerate(lines):
        home = _box(text, lines, k)
        if home is None or any(a <= line[0] < b for a, b in taken):
            continue
        sheet, nxt = home
        away = _box(text, lines, nxt)
        if away is None or not (sheet.events or away[0].events):
            continue
        sheet.side, away[0].side = "home", "away"
        for box, other in ((sheet, away[0]), (away[0], sheet)):
            for own_goal in (e for e in box.events if e.is_own_goal):
                own_goal.team = other.team  # listed under the side it helped; the scorer plays for the other
        return [sheet, away[0]]
    return []


def _box(text: str, lines: list[tuple[int, int]], k: int) -> tuple[TeamSheet, int] | None:
    """The team line at k and its item lines; with the index of the line after them."""
    if k >= len(lines):
        return None
    m = _BOX_TEAM.match(text, *lines[k])
    if m is None:
        return None
    team = m["t"].strip()
    sheet = TeamSheet(team, None, lines[k][0], lines[k][1])
    j = k + 1
    while j < len(lines) and (item := _BOX_ITEM.match(text, *lines[j])):
        s, e = item.span("name")
        name = text[s:e].strip()
        kind = (item["kind"] or "").lower()
        etype = "red_card" if kind == "sent off" else "goal"
        minute, added = int(item["min"]), int(item["add"]) if item["add"] else None
        own = kind in ("og", "own goal")
        sheet.events.append(
            EventMention(
                etype, s, s + len(name), name, team, None, minute, added, kind.startswith("pen"), own, BOX_RULE
            )
        )
        sheet.players.append(PersonMention(name, s, s + len(name), rule=BOX_RULE))
        sheet.char_end = lines[j][1]
        j += 1
    return sheet, j


def lineups(text: str, lines: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[TeamSheet]:
    """A team's name on its line, its line-up on the next; goals and cards after the two sides."""
    sheets: list[TeamSheet] = []
    for k in range(len(lines) - 1):
        label, body = lines[k], lines[k + 1]
        if any(a <= body[0] < b for a, b in taken):
            continue
        sheet = _lineup(text, label, body)
        if sheet is not None:
            sheets.append(sheet)
    if len(sheets) < 2:
        return []
    sheets = sheets[:2]
    sheets[0].side, sheets[1].side = "home", "away"
    end = sheets[-1].char_end
    sheets[0].events += _goals(text, end, sheets)
    sheets[0].events += _cards(text, end, sheets)
    return sheets


def _lineup(text: str, label: tuple[int, int], body: tuple[int, int]) -> TeamSheet | None:
    """A label line and a line of at least nine players split by ';' and ','."""
    name = text[label[0] : label[1]].strip()
    line = text[body[0] : body[1]]
    if not _LABEL.fullmatch(name) or len(name.split()) > 4 or line.count(";") < 2:
        return None
    sheet = TeamSheet(name, None, label[0], body[1])
    for start, part in _items(line, body[0]):
        sub = _SUB.search(part)
        player = part[: sub.start()] if sub else part
        p0 = start + len(player) - len(player.lstrip())
        p1 = start + len(player.rstrip().rstrip("."))
        if not text[p0:p1] or not text[p0].isupper():
            continue
        sheet.players.append(PersonMention(text[p0:p1], p0, p1, rule=RULE))
        if sub:
            on0 = start + sub.start("on")
            on1 = start + sub.end("on")
            sheet.players.append(PersonMention(text[on0:on1], on0, on1, rule=RULE))
            sheet.events.append(
                EventMention(
                    "substitution", on0, on1, text[on0:on1], None, text[p0:p1], int(sub["min"]), None, rule=RULE
                )  # fmt: skip
            )
    if len(sheet.players) < 9:
        return None
    for e in sheet.events:
        e.team = name
    return sheet


def _items(line: str, offset: int) -> list[tuple[int, str]]:
    """The line split at ';', ',' and 'and' outside brackets: (offset, item) pairs."""
    out, depth, begin = [], 0, 0
    for m in re.finditer(r"[()]|;|,|\band\b", line):
        tok = m.group()
        if tok == "(":
            depth += 1
        elif tok == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            if line[begin : m.start()].strip():
                out.append((offset + begin, line[begin : m.start()]))
            begin = m.end()
    if line[begin:].strip():
        out.append((offset + begin, line[begin:]))
    return out


def _goals(text: str, start: int, sheets: list[TeamSheet]) -> list[EventMention]:
    """'0-1 M. 25 Scorer.': the side whose number went up scored."""
    out = []
    window = text[start : start + 1500]
    before = (0, 0)
    for m in _GOAL_ITEM.finditer(window):
        now = (int(m["a"]), int(m["b"]))
        side = 0 if now[0] > before[0] else 1 if now[1] > before[1] else None
        before = now
        if side is None:
            continue
        s, e = start + m.start("name"), start + m.end("name")
        flag = (m["flag"] or "").lower()
        own = "og" in flag or "o.g" in flag or "pp" in flag
        team = sheets[side].team if not own else sheets[1 - side].team
        minute, added = int(m["min"]), int(m["add"]) if m["add"] else None
        out.append(EventMention("goal", s, e, text[s:e], team, None, minute, added, "p" in flag and not own, own, RULE))
    return out


def _cards(text: str, start: int, sheets: list[TeamSheet]) -> list[EventMention]:
    """'TA: A (7'), B (24') / C (5')': home's bookings, a slash, the away side's."""
    out = []
    window = text[start : start + 1500]
    labels = list(_CARD_LABEL.finditer(window))
    for i, lab in enumerate(labels):
        kind = lab["kind"].lower()
        etype = "red_card" if kind in ("tr", "red card", "red cards", "sent off", "expulsiones") else "yellow_card"
        end = labels[i + 1].start() if i + 1 < len(labels) else min(len(window), lab.end() + 300)
        chunk = window[lab.end() : end]
        side = 0
        pos = lab.end()
        two_sides = "/" in chunk
        for part in re.split(r"(/)", chunk):
            if part == "/":
                side = 1
                pos += 1
                continue
            for m in _CARD_ITEM.finditer(part):
                s, e = start + pos + m.start("name"), start + pos + m.end("name")
                name = text[s:e].strip()
                added = int(m["add"]) if m["add"] else None
                team = sheets[min(side, 1)].team if two_sides else None  # one list: the player's sheet tells
                out.append(EventMention(etype, s, s + len(name), name, team, None, int(m["min"]), added, rule=RULE))
            pos += len(part)
    return out


# ---- wire summaries: 'Home (1) 2 Scorers: A 38pen, B 82 Yellow card: C 78 Subs used: D 66 (E)' ----------

_SUMMARY = re.compile(
    r"(?P<t>[^\n(]+?)\s*\((?P<ht>\d{1,2})\)\s*(?P<n>\d{1,2})\s+(?=(?:Scorers?|Goals?|Yellow cards?|Red cards?|Subs used|"
    r"Missed penalty|Sent off)\s*:)"
)
_SUMMARY_LABEL = re.compile(r"(?:Scorers?|Goals?|Yellow cards?|Red cards?|Subs used|Missed penalty|Sent off)\s*:")
_FIELD = re.compile(
    r"(?P<label>Scorers?|Goals?|Yellow cards?|Red cards?|Subs used|Missed penalty|Sent off)\s*:\s*", re.I
)
_ITEM = re.compile(
    rf"(?P<name>[^\W\d_][^\d(),;:]*?)\s+(?P<min>\d{{1,3}})(?:\s*\+\s*(?P<add>\d{{1,2}}))?\s*{_APOS}?\s*(?P<flag>pen|p|og|o\.g\.)?"
    r"(?:\s*\((?P<off>[^()]+)\))?"
)
_KIND = {"scorer": "goal", "scorers": "goal", "goal": "goal", "goals": "goal", "yellow card": "yellow_card",
         "yellow cards": "yellow_card", "red card": "red_card", "red cards": "red_card", "sent off": "red_card",
         "subs used": "substitution", "missed penalty": "penalty_miss"}  # fmt: skip


_SECOND = frozenset({"2nd", "second", "2nd yellow", "second yellow"})


def summaries(text: str, lines: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[TeamSheet]:
    """Two consecutive summary lines are home and away; each labelled field lists one kind of event."""
    out: list[TeamSheet] = []
    if not _SUMMARY_LABEL.search(text):
        return out  # no 'Scorers:' or 'Yellow cards:' anywhere: no summary lines to try
    k = 0
    while k + 1 < len(lines):
        first, second = lines[k], lines[k + 1]
        m1 = _SUMMARY.match(text, *first)
        m2 = _SUMMARY.match(text, *second) if m1 else None
        if not (m1 and m2) or any(a <= first[0] < b for a, b in taken):
            k += 1
            continue
        home, away = _summary_sheet(text, m1, first, "home"), _summary_sheet(text, m2, second, "away")
        for own_goal in (e for e in home.events + away.events if e.is_own_goal):
            own_goal.team = away.team if own_goal in home.events else home.team  # listed under the side it helped
        out += [home, away]
        k += 2
    return out


def _summary_sheet(text: str, m: re.Match[str], line: tuple[int, int], side: str) -> TeamSheet:
    team = text[m.start("t") : m.end("t")].strip()
    sheet = TeamSheet(team, side, line[0], line[1])
    fields = list(_FIELD.finditer(text, m.end(), line[1]))
    for i, f in enumerate(fields):
        kind = _KIND.get(f["label"].lower())
        end = fields[i + 1].start() if i + 1 < len(fields) else line[1]
        for item in _ITEM.finditer(text, f.end(), end):
            s, e = item.span("name")
            name = text[s:e].strip().rstrip(",")
            e = s + len(name)
            minute, added = int(item["min"]), int(item["add"]) if item["add"] else None
            flag = (item["flag"] or "").lower()
            if kind == "substitution":
                off = (item["off"] or "").strip()
                sheet.events.append(
                    EventMention("substitution", s, e, name, team, off or None, minute, added, rule=RULE)
                )
            elif kind:
                if kind == "yellow_card" and (item["off"] or "").strip().lower() in _SECOND:
                    kind_here = "second_yellow"  # 'Cole 85 (2nd)': his second booking
                else:
                    kind_here = kind
                sheet.events.append(
                    EventMention(
                        kind_here,
                        s,
                        e,
                        name,
                        team,
                        None,
                        minute,
                        added,
                        kind == "goal" and flag in ("pen", "p"),
                        kind == "goal" and flag in ("og", "o.g."),
                        RULE,
                    )  # fmt: skip
                )
            sheet.players.append(PersonMention(name, s, e, rule=RULE))
    return sheet
