"""What the command line and the run log print: names from the file system made safe for a terminal."""

from __future__ import annotations

import unicodedata


def printable(text: str) -> str:
    """`text` with control and format characters escaped (\\x1b, \\u202e, ...): a file name can hold terminal
    escape codes or bidirectional overrides, which must not reach the terminal raw."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == " " else _escape(ch) for ch in text)


def _escape(ch: str) -> str:
    code = ord(ch)
    if unicodedata.category(ch) in ("Zs",):
        return ch
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
