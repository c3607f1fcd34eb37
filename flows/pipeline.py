"""The matchwire flow: read -> parse -> validate -> build -> load, as Prefect tasks on batches.

Wiring only: the work is in transforms/ (pure) and warehouse/ (I/O). Bad input never stops the
flow; it is collected as quarantine rows with the stage and the reason.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact

from schemas.models import RAW_MODELS, TABLE_MODELS
from schemas.validate import split_valid
from transforms.clean import Article, UnreadableArticle, about_football, read_article
from transforms.fuse import fuse
from transforms.parse import ArticleRecords, parse_article, records_frames
from warehouse.articles import RawFile, list_articles, read_files
from warehouse.reference import parser_fingerprint, spacy_tagger, team_book
from warehouse.store import ensure_writable, load_warehouse, now, previous_state
from warehouse.views import VIEWS_SQL

BATCH_SIZE = 200
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


@task(name="read articles", retries=2, retry_delay_seconds=1)
def read_stage(paths: list[Path]) -> tuple[list[Article], list[dict], list[dict]]:
    """Bytes to articles; unreadable, empty, binary and duplicate files to quarantine, their bytes kept."""
    articles: list[Article] = []
    rejected: list[dict] = []
    files: list[dict] = []
    seen: dict[str, str] = {}
    for path, f in zip(paths, read_files(paths), strict=True):
        article, problem = _read_one(f)
        if problem:
            rejected.append(quarantine_row("read", problem, f.file_name))
            files.append(rejected_file(path, f, problem))
            continue
        assert article is not None
        if article.source_id in seen:
            reason = f"duplicate of {seen[article.source_id]}"
            rejected.append(quarantine_row("read", reason, f.file_name, article.source_id))
            files.append(rejected_file(path, f, reason))
            continue
        seen[article.source_id] = f.file_name
        if article.encoding != "utf-8":
            note = f"not UTF-8: decoded as {article.encoding}, nothing lost (article kept)"
            rejected.append(quarantine_row("read", note, f.file_name, article.source_id))
        if article.header_problem:
            rejected.append(
                quarantine_row("read", article.header_problem + " (date left empty)", f.file_name, article.source_id)
            )
        articles.append(article)
    return articles, rejected, files


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


@task(name="parse articles")
def parse_stage(articles: list[Article]) -> tuple[list[ArticleRecords], list[dict]]:
    """Each article to raw records; an article the parser chokes on is quarantined, not fatal."""
    book, tagger = team_book(), spacy_tagger()
    out: list[ArticleRecords] = []
    rejected: list[dict] = []
    for a in articles:
        try:
            rec = parse_article(a, book, tagger)
            if not rec.fixtures and not about_football(a.body, len(rec.teams)):
                reason = "not about football (no team, no football words)"
                rejected.append(quarantine_row("parse", reason, a.file_name, a.source_id))
                continue
            out.append(rec)
        except Exception as err:
            rejected.append(
                quarantine_row("parse", f"parser error: {type(err).__name__}: {err}", a.file_name, a.source_id)
            )
    return out, rejected


@task(name="validate raw records")
def validate_stage(
    frames: dict[str, pl.DataFrame], names: dict[str, str]
) -> tuple[dict[str, pl.DataFrame], list[dict]]:
    """Raw records through their pandera models, lazily: failing rows go to quarantine with reasons."""
    valid: dict[str, pl.DataFrame] = {}
    rejected: list[dict] = []
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
        rejected.append(
            quarantine_row(
                "validate",
                "raw events: no valid fixture for this event",
                names.get(rec["source_id"]),
                rec["source_id"],
                rec,
            )
        )
    valid["events"] = valid["events"].join(keys, on=["source_id", "fixture_index"], how="semi")
    return valid, rejected


@task(name="build tables")
def build_stage(
    articles: list[Article], frames: dict[str, pl.DataFrame], previous: dict[str, pl.DataFrame], quarantine: list[dict]
) -> tuple[dict[str, pl.DataFrame], list[dict]]:
    """Fuse all raw records (earlier runs' and this one's) into the contract's tables and check them."""
    for kind in ("fixtures", "events", "people"):
        if f"raw_{kind}" in previous:
            frames[kind] = pl.concat(
                [previous[f"raw_{kind}"].select(frames[kind].columns).cast(frames[kind].schema), frames[kind]]
            )
    tables = fuse(frames["fixtures"], frames["events"], frames["people"])
    tables["sources"] = sources_frame(articles, previous.get("sources"))
    tables |= {f"raw_{kind}": frames[kind].sort("source_id", "char_start") for kind in ("fixtures", "events", "people")}
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


def sources_frame(articles: list[Article], previous: pl.DataFrame | None) -> pl.DataFrame:
    """One row per article ever loaded; ingested_at keeps the first load's time."""
    stamp = now()
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
            "parser": parser_fingerprint(),
        }
        for a in sorted(articles, key=lambda a: a.source_id)
    ]
    schema = {
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
    fresh = pl.DataFrame(rows, schema=schema, orient="row")
    if previous is None:
        return fresh
    missing = [pl.lit(None, dtype).alias(c) for c, dtype in schema.items() if c not in previous.columns]
    kept = previous.with_columns(missing).select(list(schema)).cast(schema)
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


@task(name="load warehouse", retries=2, retry_delay_seconds=1)
def load_stage(dest: Path, tables: dict[str, pl.DataFrame]) -> dict[str, int]:
    load_warehouse(dest, tables, VIEWS_SQL)
    return {name: df.height for name, df in tables.items()}


@flow(name="matchwire", log_prints=True)
def matchwire_flow(
    articles_dir: Path, warehouse_dir: Path, batch_size: int = BATCH_SIZE, full: bool = False
) -> RunSummary:
    """Articles folder in, validated DuckDB + Parquet warehouse out.

    Incremental by default: an article already in the warehouse (same content) is not parsed again,
    and the tables are fused anew from every raw record kept, so the result equals a full rebuild.
    """
    log = get_run_logger()
    paths = list_articles(Path(articles_dir))
    ensure_writable(Path(warehouse_dir))
    previous = {} if full else previous_state(Path(warehouse_dir))
    archive: list[Article] = []
    if previous and (
        "parser" not in previous["sources"].columns
        or set(previous["sources"]["parser"].unique()) != {parser_fingerprint()}
    ):
        log.info("the parser changed since the last run: parsing every article again")
        archive = articles_from_sources(previous["sources"])
        previous = {k: v for k, v in previous.items() if not k.startswith("raw_")}
    known = set(previous["sources"]["source_id"]) if "raw_events" in previous else set()
    seen: set[str] = set(known)
    # rejections of articles not parsed again stay on record; fusion checks run anew every time
    stages = ["read"] if archive else ["read", "parse", "validate"]
    quarantine: list[dict] = previous["quarantine"].filter(pl.col("stage").is_in(stages)).to_dicts() if previous else []
    rejected_files: list[dict] = previous["rejected_sources"].to_dicts() if "rejected_sources" in previous else []
    log.info("reading %d article files from %s", len(paths), articles_dir)
    batches = [paths[i : i + batch_size] for i in range(0, len(paths), batch_size)]
    articles: list[Article] = []
    records: list[ArticleRecords] = []
    for n, batch in enumerate(batches, 1):
        read, bad, refused = read_stage(batch)
        fresh = [a for a in read if a.source_id not in seen]
        quarantine += [q for q in bad if q not in quarantine]
        on_record = {(r["file_name"], r["reason"]) for r in rejected_files}
        rejected_files += [r for r in refused if (r["file_name"], r["reason"]) not in on_record]
        for a in read:
            if a.source_id in seen and a.source_id not in known:
                quarantine.append(
                    quarantine_row("read", "duplicate of an article in an earlier batch", a.file_name, a.source_id)
                )
        seen |= {a.source_id for a in fresh}
        parsed, bad_parse = parse_stage(fresh)
        articles += keep_parsed(fresh, parsed)
        records += parsed
        quarantine += bad_parse
        log.info(
            "batch %d/%d: %d articles parsed, %d already loaded, %d quarantined",
            n,
            len(batches),
            len(parsed),
            len(read) - len(fresh),
            len(bad) + len(bad_parse),
        )
    if archive:  # articles loaded by earlier runs from elsewhere: parsed again from their stored text
        archive = [a for a in archive if a.source_id not in seen]
        parsed, bad_parse = parse_stage(archive)
        articles += keep_parsed(archive, parsed)
        records += parsed
        quarantine += bad_parse
    names = {a.source_id: a.file_name for a in articles}
    frames, bad_raw = validate_stage(records_frames(records), names)
    tables, _ = build_stage(articles, frames, previous, quarantine + bad_raw)
    tables["rejected_sources"] = pl.DataFrame(rejected_files, schema=REJECTED_SCHEMA, orient="row")
    counts = load_stage(Path(warehouse_dir), tables)
    quarantined = tables["quarantine"].to_dicts()
    log.info("loaded %s", ", ".join(f"{k}={v}" for k, v in counts.items()))
    summary = RunSummary(articles=len(paths), tables=counts, quarantined=quarantined)
    create_markdown_artifact(summary_markdown(summary), key="matchwire-run", description="rows per table, quarantine")
    return summary


def summary_markdown(summary: RunSummary) -> str:
    """The run's summary as a Prefect artifact: what schedules and their watchers look at."""
    lines = [f"# matchwire run: {summary.articles} article files", "", "| table | rows |", "|---|---|"]
    lines += [f"| {name} | {n} |" for name, n in summary.tables.items()]
    lines += ["", "| quarantined | reason |", "|---|---|"]
    lines += [f"| {n} | {reason} |" for reason, n in summary.reasons().most_common()] or ["| 0 | |"]
    return "\n".join(lines)


def keep_parsed(articles: list[Article], parsed: list[ArticleRecords]) -> list[Article]:
    """Sources are the articles that parsed as football; the rest are on record in quarantine."""
    ok = {r.source_id for r in parsed}
    return [a for a in articles if a.source_id in ok]
