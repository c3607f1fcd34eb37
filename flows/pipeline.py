"""The matchwire flow: read -> parse -> validate -> build -> load, as Prefect tasks on batches.

Wiring only: the work is in transforms/ (pure) and warehouse/ (I/O). Bad input never stops the
flow; it is collected as quarantine rows with the stage and the reason.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture

from flows.memory import collector_paused, freeze_long_lived, release_free_memory
from schemas.models import RAW_MODELS, TABLE_MODELS
from schemas.validate import split_valid
from transforms.clean import Article, UnreadableArticle, about_football, read_article
from transforms.fuse import fuse
from transforms.parse import ArticleRecords, parse_articles, records_frames
from warehouse.articles import RawFile, content_sha256, list_articles, read_files
from warehouse.reference import parser_fingerprint, spacy_tagger, team_book
from warehouse.store import (
    Staged,
    discard,
    ensure_writable,
    load_staged,
    now,
    previous_state,
    stage_tables,
    table_counts,
)
from warehouse.views import VIEWS_SQL

BATCH_SIZE = 500  # validation and task costs are per batch: 0.83 ms/article at 200, 0.55 at 500
REJECTED_SCHEMA = {
    "file_name": pl.String,
    "content_sha256": pl.String,
    "size_bytes": pl.Int64,
    "reason": pl.String,
    "raw": pl.Binary,
    "path": pl.String,
}
QUARANTINE_SCHEMA = {
    "stage": pl.String,
    "file_name": pl.String,
    "source_id": pl.String,
    "reason": pl.String,
    "record": pl.String,
}


@dataclass(slots=True)
class RunSummary:
    """What a run did, for the CLI's closing lines and the flow's return value."""

    articles: int = 0
    tables: dict[str, int] = field(default_factory=dict)
    quarantined: list[dict] = field(default_factory=list)

    def reasons(self) -> Counter[str]:
        return Counter(f"{q['stage']}: {q['reason'].split(' (got')[0]}" for q in self.quarantined)


def quarantine_row(
    stage: str, reason: str, file_name: str | None = None, source_id: str | None = None, record: dict | None = None
) -> dict:
    return {
        "stage": stage,
        "file_name": file_name,
        "source_id": source_id,
        "reason": reason,
        "record": json.dumps(record, default=str, ensure_ascii=False) if record else None,
    }


class ReadBatch:
    """One batch of files after the read stage: articles to parse and what was refused.

    The batches handed from task to task are plain classes, not dataclasses: Prefect walks a
    dataclass it is handed field by field and object by object, looking for futures (~0.6 s for the
    records of 200 articles); it does not look inside a plain object.
    """

    __slots__ = ("articles", "known", "quarantine", "read_ids", "refused")

    def __init__(
        self,
        articles: list[Article],
        quarantine: list[dict],
        refused: list[dict],
        known: int = 0,
        read_ids: list[tuple[str, str]] | None = None,
    ) -> None:
        self.articles = articles
        self.quarantine = quarantine
        self.refused = refused
        self.known = known  # files whose bytes are already in the warehouse: not decoded, not parsed
        self.read_ids = [] if read_ids is None else read_ids  # (source_id, file name) of every article read

    def hand_on(self) -> None:
        """Let go of the texts once the next stage has what it needs from them.

        Prefect may hold each task's result until the flow run ends (its run state tracks what fed
        what); an emptied batch holds nothing big there, so the texts do not pile up batch by batch.
        """
        self.articles = []


class ParsedBatch(ReadBatch):
    """One batch after the parse stage: the articles that read as football and their raw records."""

    __slots__ = ("records",)

    def __init__(
        self,
        articles: list[Article],
        records: list[ArticleRecords],
        quarantine: list[dict],
        refused: list[dict],
        known: int = 0,
        read_ids: list[tuple[str, str]] | None = None,
    ) -> None:
        super().__init__(articles, quarantine, refused, known, read_ids)
        self.records = records

    def hand_on(self) -> None:
        super().hand_on()
        self.records = []


@dataclass(slots=True)
class Ingested:
    """One batch ready to fuse: columnar and compact, so the flow never holds texts as objects."""

    sources: pl.DataFrame
    frames: dict[str, pl.DataFrame]
    quarantine: list[dict]
    refused: list[dict]
    known: int = 0
    read_ids: list[tuple[str, str]] = field(default_factory=list)

    def drop(self, source_id: str) -> None:
        """Forget one article's rows (a copy of an article an earlier batch read)."""
        self.sources = self.sources.filter(pl.col("source_id") != source_id)
        self.frames = {k: df.filter(pl.col("source_id") != source_id) for k, df in self.frames.items()}
        self.quarantine = [q for q in self.quarantine if q["stage"] == "read" or q["source_id"] != source_id]

    def hand_on(self) -> None:
        """Let go of the frames once the build has them (Prefect may hold a batch until the run ends)."""
        self.sources = self.sources.clear()
        self.frames = {k: df.clear() for k, df in self.frames.items()}


class RawRecords:
    """This run's fresh records, handed to the build whole: what the build sorts, it lets go of.

    A plain class, so Prefect hands it over as it is: with nothing else holding the frames (the
    batches hand theirs on), the build's sorted copies replace them instead of adding to them.
    """

    __slots__ = ("frames", "sources")

    def __init__(self, sources: pl.DataFrame, frames: dict[str, pl.DataFrame]) -> None:
        self.sources = sources
        self.frames = frames

    def take(self) -> tuple[pl.DataFrame, dict[str, pl.DataFrame]]:
        """The frames, once: the holder is left empty."""
        taken = self.sources, self.frames
        self.sources, self.frames = self.sources.clear(), {}
        return taken


@task(name="read articles", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def read_stage(
    paths: list[Path], known_sha256: frozenset[str] = frozenset(), known_ids: frozenset[str] = frozenset()
) -> ReadBatch:
    """Bytes to articles; unreadable, empty, binary and duplicate files to quarantine, their bytes kept.

    A file whose bytes are already loaded (same sha256) is counted and skipped before decoding;
    one whose text is (same source_id) after it.
    """
    batch = ReadBatch([], [], [])
    seen: dict[str, str] = {}
    for path, f in zip(paths, read_files(paths), strict=True):
        if f.raw is not None and hashlib.sha256(f.raw).hexdigest() in known_sha256:
            batch.known += 1
            continue
        article, problem = _read_one(f)
        if problem:
            batch.quarantine.append(quarantine_row("read", problem, f.file_name))
            batch.refused.append(rejected_file(path, f, problem))
            continue
        assert article is not None
        if article.source_id in known_ids:
            batch.known += 1
            continue
        if article.source_id in seen:
            reason = f"duplicate of {seen[article.source_id]}"
            batch.quarantine.append(quarantine_row("read", reason, f.file_name, article.source_id))
            batch.refused.append(rejected_file(path, f, reason))
            continue
        seen[article.source_id] = f.file_name
        batch.read_ids.append((article.source_id, f.file_name))
        if article.encoding != "utf-8":
            note = f"not UTF-8: decoded as {article.encoding}, nothing lost (article kept)"
            batch.quarantine.append(quarantine_row("read", note, f.file_name, article.source_id))
        if article.header_problem:
            note = article.header_problem + " (date left empty)"
            batch.quarantine.append(quarantine_row("read", note, f.file_name, article.source_id))
        batch.articles.append(article)
    return batch


def rejected_file(path: Path, f: RawFile, reason: str) -> dict:
    """A refused file on record: its bytes when we read them, else where it lies."""
    return {
        "file_name": f.file_name,
        "content_sha256": hashlib.sha256(f.raw).hexdigest() if f.raw is not None else None,
        "size_bytes": f.size if f.raw is None else len(f.raw),
        "reason": reason,
        "raw": f.raw,
        "path": None if f.raw is not None else str(path.resolve()),
    }


def _read_one(f: RawFile) -> tuple[Article | None, str | None]:
    if f.raw is None:
        return None, f.problem
    try:
        return read_article(f.file_name, f.raw), None
    except UnreadableArticle as err:
        return None, str(err)


@task(name="find new files", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def new_files_stage(paths: list[Path], known_sha256: frozenset[str]) -> list[Path]:
    """Files whose bytes are not in the warehouse yet: only these are batched, read and parsed.

    One pass of hashing, so that a run over a large archive with little new costs a task or two,
    not three per batch of files already loaded.
    """
    return [p for p in paths if content_sha256(p) not in known_sha256]


@task(name="parse articles", cache_policy=NO_CACHE)
def parse_stage(batch: ReadBatch) -> ParsedBatch:
    """Each article to raw records; an article the parser chokes on is quarantined, not fatal."""
    out = ParsedBatch([], [], list(batch.quarantine), batch.refused, batch.known, batch.read_ids)
    if not batch.articles:
        return out  # nothing new: no model to load
    with collector_paused():
        book, tagger = team_book(), spacy_tagger()
    freeze_long_lived()
    for a, rec in zip(batch.articles, parse_articles(batch.articles, book, tagger), strict=True):
        if isinstance(rec, Exception):
            reason = f"parser error: {type(rec).__name__}: {rec}"
            out.quarantine.append(quarantine_row("parse", reason, a.file_name, a.source_id))
        elif not rec.fixtures and not about_football(a.body, len(rec.teams)):
            reason = "not about football (no team, no football words)"
            out.quarantine.append(quarantine_row("parse", reason, a.file_name, a.source_id))
        else:
            out.articles.append(a)
            out.records.append(rec)
    batch.hand_on()
    return out


@task(name="validate raw records", cache_policy=NO_CACHE)
def validate_stage(batch: ParsedBatch) -> Ingested:
    """Raw records through their pandera models, lazily: failing rows go to quarantine with reasons."""
    frames = records_frames(batch.records)
    names = {a.source_id: a.file_name for a in batch.articles}
    valid: dict[str, pl.DataFrame] = {}
    rejected: list[dict] = list(batch.quarantine)
    for kind, df in frames.items():
        good, bad = split_valid(df, RAW_MODELS[kind])
        valid[kind] = good
        for row, reason in bad.iter_rows():
            rec = df.row(row, named=True)
            rejected.append(
                quarantine_row(
                    "validate", f"raw {kind}: {reason}", names.get(rec.get("source_id")), rec.get("source_id"), rec
                )
            )
    # an event or fixture whose article lost its main fixture row cannot be placed: keep them consistent
    keys = valid["fixtures"].select("source_id", "fixture_index")
    orphans = valid["events"].join(keys, on=["source_id", "fixture_index"], how="anti")
    for rec in orphans.iter_rows(named=True):
        reason = "raw events: no valid fixture for this event"
        rejected.append(quarantine_row("validate", reason, names.get(rec["source_id"]), rec["source_id"], rec))
    valid["events"] = valid["events"].join(keys, on=["source_id", "fixture_index"], how="semi")
    out = Ingested(sources_rows(batch.articles), valid, rejected, batch.refused, batch.known, batch.read_ids)
    batch.hand_on()
    return out


@task(name="build tables", cache_policy=NO_CACHE)
def build_stage(
    records: RawRecords, previous: dict[str, pl.DataFrame], quarantine: list[dict]
) -> tuple[dict[str, pl.DataFrame], list[dict]]:
    """Fuse all raw records (earlier runs' and this one's) into the contract's tables and check them."""
    sources, frames = records.take()
    for kind in ("fixtures", "events", "people"):
        if f"raw_{kind}" in previous:
            frames[kind] = pl.concat(
                [previous[f"raw_{kind}"].select(frames[kind].columns).cast(frames[kind].schema), frames[kind]]
            )
        # the raw tables' order; stable, so fusing the sorted records is fusing them as they came
        frames[kind] = frames[kind].sort("source_id", "char_start", maintain_order=True)
    tables = fuse(frames["fixtures"], frames["events"], frames["people"])
    tables["sources"] = merge_sources(sources, previous.get("sources"))
    tables |= {f"raw_{kind}": frames[kind] for kind in ("fixtures", "events", "people")}
    del sources, frames
    rejected: list[dict] = []
    for name, model in TABLE_MODELS.items():
        good, bad = split_valid(tables[name], model)
        for row, reason in bad.iter_rows():
            rejected.append(quarantine_row("build", f"{name}: {reason}", None, None, tables[name].row(row, named=True)))
        tables[name] = good
    tables = enforce_keys(tables)
    tables["quarantine"] = pl.DataFrame(quarantine + rejected, schema=QUARANTINE_SCHEMA, orient="row")
    return tables, rejected


def enforce_keys(tables: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """Foreign keys resolve: events need their fixture, mentions their event and source."""
    tables["events"] = tables["events"].join(tables["fixtures"].select("fixture_id"), on="fixture_id", how="semi")
    tables["event_mentions"] = (
        tables["event_mentions"]
        .join(tables["events"].select("event_id"), on="event_id", how="semi")
        .join(tables["sources"].select("source_id"), on="source_id", how="semi")
    )
    tables["fixture_mentions"] = tables["fixture_mentions"].join(
        tables["fixtures"].select("fixture_id"), on="fixture_id", how="semi"
    )
    return tables


SOURCES_SCHEMA = {
    "source_id": pl.String,
    "file_name": pl.String,
    "published_date": pl.Date,
    "publisher": pl.String,
    "n_words": pl.Int32,
    "content_sha256": pl.String,
    "ingested_at": pl.Datetime("us"),
    "encoding": pl.String,
    "n_chars": pl.Int32,
    "text": pl.String,
    "parser": pl.String,
}


def sources_rows(articles: list[Article]) -> pl.DataFrame:
    """One row per parsed article, its text included: what the sources table and a re-parse need."""
    stamp, parser = now(), parser_fingerprint()
    rows = [
        {
            "source_id": a.source_id,
            "file_name": a.file_name,
            "published_date": a.published_date,
            "publisher": a.publisher,
            "n_words": a.n_words,
            "content_sha256": a.content_sha256,
            "ingested_at": stamp,
            "encoding": a.encoding,
            "n_chars": len(a.text),
            "text": a.text,
            "parser": parser,
        }
        for a in articles
    ]
    return pl.DataFrame(rows, schema=SOURCES_SCHEMA, orient="row")


def merge_sources(fresh: pl.DataFrame, previous: pl.DataFrame | None) -> pl.DataFrame:
    """One row per article ever loaded; ingested_at keeps the first load's time."""
    if previous is None:
        return fresh.sort("source_id")
    missing = [pl.lit(None, dtype).alias(c) for c, dtype in SOURCES_SCHEMA.items() if c not in previous.columns]
    kept = previous.with_columns(missing).select(list(SOURCES_SCHEMA)).cast(SOURCES_SCHEMA)
    first = kept.select("source_id", pl.col("ingested_at").alias("first_load"))
    fresh = (
        fresh.join(first, on="source_id", how="left")
        .with_columns(pl.coalesce("first_load", "ingested_at").alias("ingested_at"))
        .drop("first_load")
    )
    return pl.concat([kept.join(fresh, on="source_id", how="anti"), fresh]).sort("source_id")


def articles_from_sources(sources: pl.DataFrame) -> list[Article]:
    """Stored texts back to articles, so a new parser can read what an old one loaded."""
    out = []
    for row in sources.iter_rows(named=True):
        a = read_article(row["file_name"], row["text"].encode("utf-8"))
        a.content_sha256 = row["content_sha256"]
        out.append(a)
    return out


@task(name="write parquet", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def parquet_stage(dest: Path, tables: dict[str, pl.DataFrame]) -> Staged:
    """The tables to Parquet beside the warehouse: DuckDB then loads the files, not the frames."""
    return stage_tables(dest, tables)


@task(name="load warehouse", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def load_stage(dest: Path, staged: Staged) -> dict[str, int]:
    load_staged(dest, staged, VIEWS_SQL)
    return staged.rows


@flow(name="matchwire", log_prints=True)
def matchwire_flow(
    articles_dir: Path, warehouse_dir: Path, batch_size: int = BATCH_SIZE, full: bool = False, in_flight: int = 1
) -> RunSummary:
    """Articles folder in, validated DuckDB + Parquet warehouse out.

    Incremental by default: an article already in the warehouse (same content) is not parsed again,
    and the tables are fused anew from every raw record kept, so the result equals a full rebuild.
    Batches go through read -> parse -> validate on the flow's task runner, at most `in_flight` at a
    time, and come back as compact frames: memory does not grow with the archive's texts.
    """
    log = get_run_logger()
    dest = Path(warehouse_dir)
    paths = list_articles(Path(articles_dir))
    ensure_writable(dest)
    state = {} if full else previous_state(dest, light=True)
    reparse = bool(state) and set(state["sources"]["parser"].unique()) != {parser_fingerprint()}
    if reparse:
        log.info("the parser changed since the last run: parsing every article again")
    known = state["sources"] if state and not reparse else pl.DataFrame(schema={"content_sha256": pl.String})
    known_sha = frozenset(known["content_sha256"].drop_nulls())
    known_ids = frozenset(known["source_id"]) if "source_id" in known.columns else frozenset()
    # rejections of articles not parsed again stay on record; fusion checks run anew every time
    stages = ["read"] if reparse else ["read", "parse", "validate"]
    ledger = Ledger(
        state["quarantine"].filter(pl.col("stage").is_in(stages)).to_dicts() if state else [],
        state["rejected_sources"].to_dicts() if "rejected_sources" in state else [],
    )
    new = new_files_stage(paths, known_sha) if known_sha else paths
    log.info(
        "%d article files in %s, %d already loaded, %d to read",
        len(paths),
        articles_dir,
        len(paths) - len(new),
        len(new),
    )
    batches = [new[i : i + batch_size] for i in range(0, len(new), batch_size)]
    chains = (chain(read_stage.submit(b, known_sha, known_ids)) for b in batches)
    seen: set[str] = set()
    fresh: list[Ingested] = []
    for n, got in enumerate(in_order(chains, in_flight), 1):
        fresh.append(ledger.absorb(got, seen))
        release_free_memory()  # the batch's texts and records are gone: so is their memory
        log.info(
            "batch %d/%d: %d articles parsed, %d already loaded, %d quarantined",
            *(n, len(batches), got.sources.height, got.known, len(got.quarantine)),
        )
    if reparse:  # articles loaded by earlier runs from elsewhere: parsed again from their stored text
        stored = previous_state(dest)["sources"].filter(~pl.col("source_id").is_in(list(seen)))
        chains = (chain(ReadBatch(articles_from_sources(part), [], [])) for part in stored.iter_slices(batch_size))
        fresh += [ledger.absorb(got, seen) for got in in_order(chains, in_flight)]
    if state and not reparse and not ledger.changed and not any(b.sources.height for b in fresh):
        log.info("nothing new: the warehouse in place is what a rebuild would give; left as it is")
        counts = table_counts(dest)
        quarantined = state["quarantine"].to_dicts()
    else:
        previous = {} if full else previous_state(dest)
        if reparse:
            previous = {k: v for k, v in previous.items() if not k.startswith("raw_")}
        tables, _ = build_stage(handed_over(fresh), previous, ledger.quarantine)
        tables["rejected_sources"] = pl.DataFrame(ledger.refused, schema=REJECTED_SCHEMA, orient="row")
        del fresh, previous  # in the tables now
        release_free_memory()
        quarantined = tables["quarantine"].to_dicts()
        staged = parquet_stage(dest, tables)
        del tables  # on disk now: DuckDB loads the files while the frames' memory is free
        release_free_memory()
        try:
            counts = load_stage(dest, staged)
        finally:
            discard(staged)
    log.info("loaded %s", ", ".join(f"{k}={v}" for k, v in counts.items()))
    summary = RunSummary(articles=len(paths), tables=counts, quarantined=quarantined)
    create_markdown_artifact(summary_markdown(summary), key="matchwire-run", description="rows per table, quarantine")
    return summary


def handed_over(batches: list[Ingested]) -> RawRecords:
    """The batches' records as one set for the build; the batches let go of theirs."""
    if not batches:
        return RawRecords(sources_rows([]), records_frames([]))
    records = RawRecords(
        pl.concat([b.sources for b in batches]), {k: pl.concat([b.frames[k] for b in batches]) for k in RAW_MODELS}
    )
    for b in batches:
        b.hand_on()
    return records


def chain(read: PrefectFuture[ReadBatch] | ReadBatch) -> PrefectFuture[Ingested]:
    """Parse, then validate, one batch as soon as the stage before hands it on."""
    return validate_stage.submit(parse_stage.submit(read))


def in_order(futures: Iterator[PrefectFuture[Ingested]], in_flight: int) -> Iterator[Ingested]:
    """Results in submission order, with at most `in_flight` batches submitted and not yet taken."""
    window: deque[PrefectFuture[Ingested]] = deque()
    for fut in futures:
        window.append(fut)
        if len(window) >= max(1, in_flight):
            yield window.popleft().result()
    while window:
        yield window.popleft().result()


class Ledger:
    """Quarantine rows and refused files of the run, kept once each, and whether this run added any."""

    def __init__(self, quarantine: list[dict], refused: list[dict]) -> None:
        self.quarantine = quarantine
        self.refused = refused
        self._rows = {_key(q) for q in quarantine}
        self._files = {(r["file_name"], r["reason"]) for r in refused}
        self.changed = False

    def absorb(self, got: Ingested, seen: set[str]) -> Ingested:
        """Take one batch's rejections; a copy of an article an earlier batch read is dropped here."""
        for source_id, file_name in got.read_ids:
            if source_id in seen:
                got.drop(source_id)
                got.quarantine.append(
                    quarantine_row("read", "duplicate of an article in an earlier batch", file_name, source_id)
                )
            seen.add(source_id)
        for q in got.quarantine:
            if _key(q) not in self._rows:
                self._rows.add(_key(q))
                self.quarantine.append(q)
                self.changed = True
        for r in got.refused:
            if (r["file_name"], r["reason"]) not in self._files:
                self._files.add((r["file_name"], r["reason"]))
                self.refused.append(r)
                self.changed = True
        return got


def _key(q: dict) -> tuple:
    return (q["stage"], q["file_name"], q["source_id"], q["reason"], q["record"])


def summary_markdown(summary: RunSummary) -> str:
    """The run's summary as a Prefect artifact: what schedules and their watchers look at."""
    lines = [f"# matchwire run: {summary.articles} article files", "", "| table | rows |", "|---|---|"]
    lines += [f"| {name} | {n} |" for name, n in summary.tables.items()]
    lines += ["", "| quarantined | reason |", "|---|---|"]
    lines += [f"| {n} | {reason} |" for reason, n in summary.reasons().most_common()] or ["| 0 | |"]
    return "\n".join(lines)
