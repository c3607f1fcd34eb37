"""Football language as data: the words the passes look for and what each implies.

The vocabulary lives in CSV files beside `teams.csv` (`transforms/data/`): result words
(`result_words.csv`), team words such as "the hosts" (`team_words.csv`), nicknames
(`nicknames.csv`), demonyms (`demonyms.csv`), score contexts (`score_words.csv`) and event
phrases (`event_words.csv`). Every row carries an `example`: an invented sentence the tests read
to prove the row does what it says. The I/O layer reads the files and hands their text in.

A phrase is written as plain words; `*` stands for one optional word ("a * win" reads "a 2-1
win" and "a win"), `*ed` for any word with that ending ("*ed home" reads "eased home"), `¤` for
a team; the engines build their patterns from the phrases, longest first.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from functools import cached_property

TABLES = ("result_words", "team_words", "nicknames", "demonyms", "score_words", "event_words", "ahead_words")


class Lexicon:
    """The vocabulary tables, each a list of rows (dicts of column -> text)."""

    def __init__(self, tables: dict[str, list[dict[str, str]]]) -> None:
        self.tables = {name: [dict(r) for r in rows] for name, rows in tables.items()}
        if "result_words" in self.tables:
            self.tables["result_words"] += inflected_verbs(self.tables["result_words"])

    @classmethod
    def from_csv_texts(cls, texts: dict[str, str]) -> Lexicon:
        """Build from each table's CSV text (read by the I/O layer); a missing table is empty."""
        tables = {}
        for name in TABLES:
            text = texts.get(name, "")
            rows = [
                {k: (v or "").strip() for k, v in r.items()}
                for r in csv.DictReader(io.StringIO(text))
                if any((v or "").strip() for v in r.values())
            ]
            tables[name] = rows
        return cls(tables)

    def rows(self, table: str, **where: str) -> list[dict[str, str]]:
        """Rows of a table whose columns equal the given values."""
        return [r for r in self.tables.get(table, []) if all(r.get(k) == v for k, v in where.items())]

    def phrases(self, table: str, column: str = "phrase", **where: str) -> list[str]:
        return [r[column] for r in self.rows(table, **where) if r.get(column)]

    @cached_property
    def nickname_owners(self) -> dict[str, tuple[str, ...]]:
        """Nickname (folded, without 'the') -> every team it may stand for."""
        out: dict[str, list[str]] = {}
        for r in self.rows("nicknames"):
            out.setdefault(fold_phrase(r["nickname"]), []).append(r["team"])
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def demonym_countries(self) -> dict[str, str]:
        """'dutch' -> 'Netherlands', 'ivorians' -> 'Ivory Coast'."""
        return {fold_phrase(r["demonym"]): r["country"] for r in self.rows("demonyms")}


def inflected_verbs(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Phrasal result verbs in the forms the files leave out ('brushed aside' -> 'to brush aside', 'brushing
    aside', 'brushes aside'), as rows without an example (the written row's example tests it)."""
    written = {(r["phrase"], r.get("kind")) for r in rows}
    out = []
    for r in rows:
        if r.get("kind") != "verb" or r.get("outcome") not in ("win", "lose", "draw") or " " not in r["phrase"]:
            continue  # phrasal verbs only: a lone 'down' or 'top' would read 'went down 2-1' as a win
        for form in inflections(r["phrase"]):
            if (form, "verb") not in written:
                written.add((form, "verb"))
                out.append({**r, "phrase": form, "example": ""})
    return out


def fold_phrase(phrase: str) -> str:
    """Lower case, curly quotes straightened, 'the ' dropped: the key nicknames are looked up by."""
    s = phrase.lower().replace("’", "'").strip()
    s = re.sub(r"^the\s+", "", s)
    return re.sub(r"\s+", " ", s)


def phrase_pattern(phrase: str) -> str:
    """One phrase as a regex: words separated by any blanks, `*` for one optional word, a trailing
    `-` for any ending ('equalis-' reads equalised, equaliser, equalising)."""
    parts = []
    for word in phrase.split():
        if word == "*":
            parts.append(r"(?:[\w'’-]+\s+|¤\d+\s+)?")  # any one word, or a team
            continue
        if word.startswith("*") and len(word) > 1:  # "*ed": any word with that ending ("eased", "lifted")
            parts.append(r"[a-z][a-z'’-]*" + re.escape(word[1:]) + r"\s+")
            continue
        stem = word.endswith("-") and len(word) > 2
        w = re.escape(word[:-1] if stem else word).replace("'", "['’]")
        parts.append(w + (r"[\w-]*" if stem else "") + r"\s+")
    return "".join(parts)[: -len(r"\s+")] if parts and parts[-1].endswith(r"\s+") else "".join(parts)


_SLOT = re.compile(r"¤(?!\\d)")  # a phrase's team slot, not the '¤\d+' of a '*' that reads any team


def split_slots(pattern: str) -> list[str]:
    """A phrase pattern cut at its team slots: the text around each '¤' of the phrase."""
    return _SLOT.split(pattern)


def fill_slots(pattern: str, fill: str) -> str:
    """A phrase pattern with every team slot replaced by `fill` (a regex)."""
    return _SLOT.sub(lambda _: fill, pattern)


def alternation(phrases: Iterable[str]) -> str:
    """Phrases as one alternation, longest first (so 'drew level' wins over 'drew')."""
    uniq = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "(?:" + "|".join(phrase_pattern(p) for p in uniq) + ")" if uniq else "(?!x)x"


IRREGULAR = {  # past -> (base, -ing, -s)
    "struck": ("strike", "striking", "strikes"), "hit": ("hit", "hitting", "hits"), "put": ("put", "putting", "puts"),
    "sent": ("send", "sending", "sends"), "made": ("make", "making", "makes"), "got": ("get", "getting", "gets"),
    "won": ("win", "winning", "wins"), "drew": ("draw", "drawing", "draws"), "fell": ("fall", "falling", "falls"),
    "went": ("go", "going", "goes"), "came": ("come", "coming", "comes"), "saw": ("see", "seeing", "sees"),
    "gave": ("give", "giving", "gives"), "took": ("take", "taking", "takes"), "ran": ("run", "running", "runs"),
    "shot": ("shoot", "shooting", "shoots"), "broke": ("break", "breaking", "breaks"), "found": ("find", "finding", "finds"),
    "held": ("hold", "holding", "holds"), "led": ("lead", "leading", "leads"), "swept": ("sweep", "sweeping", "sweeps"),
    "bent": ("bend", "bending", "bends"), "slid": ("slide", "sliding", "slides"), "stole": ("steal", "stealing", "steals"),
    "rose": ("rise", "rising", "rises"), "threw": ("throw", "throwing", "throws"), "drove": ("drive", "driving", "drives"),
    "brought": ("bring", "bringing", "brings"), "caught": ("catch", "catching", "catches"), "left": ("leave", "leaving", "leaves"),
    "bagged": ("bag", "bagging", "bags"), "netted": ("net", "netting", "nets"), "tapped": ("tap", "tapping", "taps"),
    "slotted": ("slot", "slotting", "slots"), "nodded": ("nod", "nodding", "nods"), "stabbed": ("stab", "stabbing", "stabs"),
    "prodded": ("prod", "prodding", "prods"), "chipped": ("chip", "chipping", "chips"), "slammed": ("slam", "slamming", "slams"),
    "dragged": ("drag", "dragging", "drags"), "skied": ("sky", "skying", "skies"), "ripped": ("rip", "ripping", "rips"),
    "grabbed": ("grab", "grabbing", "grabs"), "notched": ("notch", "notching", "notches"), "levelled": ("level", "levelling", "levels"),
    "equalised": ("equalise", "equalising", "equalises"), "equalized": ("equalize", "equalizing", "equalizes"),
    "limped": ("limp", "limping", "limps"), "hobbled": ("hobble", "hobbling", "hobbles"), "stepped": ("step", "stepping", "steps"),
    "pulled": ("pull", "pulling", "pulls"), "booked": ("book", "booking", "books"), "dismissed": ("dismiss", "dismissing", "dismisses"),
}  # fmt: skip


def inflections(phrase: str) -> list[str]:
    """A verb phrase's base, -ing and -s forms: 'scored twice' -> 'score twice', 'scoring twice', 'scores twice'.

    Only the first word is a verb, and only a past form ending in -ed (or a listed irregular) is inflected:
    nouns and fixed phrases stay as written. The phrases in the data files stay readable; this fills in the
    forms writers use for the same fact ('limping off', 'slotting home', 'missing a penalty').
    """
    words = phrase.split()
    if not words or not words[0].isalpha() or not words[0].islower():
        return []
    head, rest = words[0], words[1:]
    if head in IRREGULAR:
        forms = IRREGULAR[head]
    elif head.endswith("ed") and len(head) > 4:
        stem = head[:-2]
        if stem.endswith("i"):
            base = stem[:-1] + "y"
        elif re.search(r"[bcdfgkpstz]l$", stem):
            base = stem + "e"  # 'battled' -> 'battle', 'humbled' -> 'humble'
        elif len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
            base = stem[:-1]
        elif stem.endswith(("c", "v", "u", "g", "s", "z", "at", "it", "ot", "ut")) or (
            len(stem) > 2 and stem[-1] not in "aeiouwxy" and stem[-2] in "aeiou" and stem[-3] not in "aeiou"
        ):
            base = stem + "e" if not stem.endswith(("ss", "er", "en", "on", "el", "ol", "it", "at")) else stem
        else:
            base = stem
        ing = (base[:-1] if base.endswith("e") and not base.endswith("ee") else base) + "ing"
        s_form = base + ("es" if base.endswith(("s", "sh", "ch", "x", "z")) else "s")
        forms = (base, ing, s_form)
    else:
        return []
    return [" ".join([f, *rest]) for f in forms]  # base, -ing, -s (the base may be the past: 'put')


def lead_ins(lex: Lexicon | None) -> str:
    """The words that lead a subject to its result verb (`result_words` rows `lead_in`): 'Northbrook came
    back to beat Eastwick 2-1', 'rallied to draw 2-2 with'."""
    return alternation(r["phrase"] for r in lex.rows("result_words") if r["kind"] == "lead_in") if lex else "(?!x)x"
