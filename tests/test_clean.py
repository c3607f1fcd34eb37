"""Read stage: decoding, header, dateline, sign-off and clutter, with offsets kept."""

import datetime as dt

import pytest

from transforms.clean import UnreadableArticle, read_article

WIRE = (
    " date 2026-03-02 Sign up now: Get the biggest sports news in your inbox\n\n"
    "LISBON, March 1 - Northgate beat Southport 2-1 on Sunday.\n\n"
    "Alex Stone scored twice. REUTERS"
)


def test_header_dateline_signoff_and_clutter() -> None:
    a = read_article("w.txt", WIRE.encode())
    assert a.published_date == dt.date(2026, 3, 2)
    assert a.publisher == "Reuters"
    assert a.text[a.dateline[0] : a.dateline[1]].startswith("LISBON, March 1")
    body = a.body
    assert len(body) == len(a.text)  # offsets unchanged
    assert "Sign up" not in body and "REUTERS" not in body and "LISBON" not in body
    assert body.index("Northgate") == a.text.index("Northgate")


def test_body_blanks_overlapping_spans_and_keeps_newlines() -> None:
    text = "Sign up now for the newsletter\nPARIS, May 2 - Lens won.\nFollow us on X\nREUTERS"
    a = read_article("c.txt", text.encode())
    assert len(a.body) == len(text) and a.body.count("\n") == text.count("\n")
    assert a.body.split("\n")[0].strip() == "" and "Follow" not in a.body and "Lens won." in a.body
    assert read_article("d.txt", b"Lens won 2-0 at home.").body == "Lens won 2-0 at home."


def test_html_entities_and_cp1252_are_decoded() -> None:
    a = read_article("x.txt", b"The &#163;30m striker scored.")
    assert "£30m" in a.text
    b = read_article("y.txt", "Caf\xe9 owner\x92s son scored.".encode("latin-1"))
    assert b.encoding == "cp1252" and "Café owner’s" in b.text


def test_impossible_header_date_is_reported_not_guessed() -> None:
    a = read_article("z.txt", b" date 2026-02-31 Northgate drew 1-1.")
    assert a.published_date is None and "impossible" in (a.header_problem or "")


@pytest.mark.parametrize("raw", [b"", b"   \n", b"\x00\x01\x02binary" * 50])
def test_unreadable_bytes_raise(raw: bytes) -> None:
    with pytest.raises(UnreadableArticle):
        read_article("bad.txt", raw)


def test_same_text_same_source_id() -> None:
    assert read_article("a.txt", b"Northgate won.").source_id == read_article("b.txt", b"Northgate  won.\n").source_id
