"""Minutes pass: every time expression in the prose, resolved to the match clock where it can be.

The phrases and their arithmetic live in `transforms.minutes` ("in the 15th minute", "90+3",
"with ten minutes left", "two minutes into the second half", "six minutes later"); this pass runs
them once over the article, knowing whether the match went to extra time.
"""

from __future__ import annotations

from transforms.minutes import find_minutes
from transforms.reader.doc import Doc


def read(doc: Doc) -> None:
    doc.minutes = find_minutes(doc.text, extra_time=doc.extra_time)
