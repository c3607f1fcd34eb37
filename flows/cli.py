"""The `matchwire` command: run the flow, look at the tables."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from flows.runners import Runner

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
PROJECT = Path(__file__).resolve().parent.parent


SEEDS = Path("seeds")  # defaults are relative to the working folder, like any command-line tool
WAREHOUSE = Path("warehouse")


def fail(message: str) -> typer.Exit:
    """An error the user can fix: one line on stderr, exit status 2 (raise what this returns)."""
    from flows.display import printable

    typer.secho(f"matchwire: {printable(message)}", fg=typer.colors.RED, err=True)
    return typer.Exit(2)


@app.command()
def run(
    articles: Annotated[Path, typer.Option("--articles", help="folder of article files")] = SEEDS,
    warehouse: Annotated[Path, typer.Option("--warehouse", help="warehouse folder")] = WAREHOUSE,
    full: Annotated[bool, typer.Option("--full", help="rebuild from scratch, parsing every article again")] = False,
    prune: Annotated[
        bool, typer.Option("--prune", help="retract loaded articles no longer in the folder (default: only add)")
    ] = False,
    wait: Annotated[
        float,
        typer.Option("--wait", min=0, metavar="SECONDS", help="how long to wait for another run on this warehouse"),
    ] = 600.0,
    no_wait: Annotated[
        bool, typer.Option("--no-wait", help="exit 2 at once if another run holds the warehouse")
    ] = False,
    runner: Annotated[
        Runner | None,
        typer.Option("--runner", help="where tasks run (default: threads; dask with --dask-address)"),
    ] = None,
    dask_address: Annotated[
        str | None,
        typer.Option("--dask-address", metavar="tcp://HOST:8786", help="Dask scheduler to run on (implies dask)"),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, help="processes or local Dask workers (default: one per CPU)"),
    ] = None,
) -> None:
    """Parse new articles and rebuild the warehouse; ends with rows per table and what was quarantined."""
    import os

    kind = runner or (Runner.DASK if dask_address else Runner.THREADS)
    if dask_address and kind != Runner.DASK:
        raise typer.BadParameter(f"runs on Dask, not with --runner {kind}", param_hint="'--dask-address'")
    from flows.runtime import PrefectHomeError, configure_prefect, quiet_user_errors, without_heartbeats

    try:
        configure_prefect()
    except PrefectHomeError as err:
        raise fail(str(err)) from err
    os.environ.setdefault("PREFECT_LOGGING_LOGGERS_PREFECT_FLOW_RUNS_LEVEL", "INFO")  # progress, not chatter
    from flows.pipeline import matchwire_flow
    from flows.runners import RunnerError, task_runner
    from warehouse.articles import ArticlesFolderError
    from warehouse.errors import WarehouseError

    try:
        tasks_on, in_flight = task_runner(kind, dask_address, workers)
    except RunnerError as err:
        raise fail(str(err)) from err
    if dask_address:  # the cluster's workers read the files: a relative path means their working folder
        articles = articles.resolve()
    user_errors = (ArticlesFolderError, WarehouseError)
    try:
        # the caller watches this run: no second lost joining the heartbeat thread; errors the user can
        # fix are this command's one line, not Prefect's tracebacks
        with without_heartbeats(), quiet_user_errors(user_errors):
            summary = matchwire_flow.with_options(task_runner=tasks_on)(
                articles, warehouse, full=full, in_flight=in_flight, prune=prune, wait=0.0 if no_wait else wait
            )
    except user_errors as err:
        raise fail(str(err)) from err
    print_summary(summary, warehouse)


def print_summary(summary, warehouse: Path) -> None:
    """The run's closing lines: rows per table, versions replaced or retracted, and what was quarantined."""
    from flows.display import printable

    typer.echo(f"\n{summary.articles} article files -> {printable(str(warehouse / 'matchwire.duckdb'))}")
    for name, n in summary.tables.items():
        typer.echo(f"  {name:<17}{n:>7} rows")
    if summary.replaced or summary.retracted:
        typer.echo(
            f"{summary.replaced} edited article(s) replaced their earlier version, "
            f"{summary.retracted} no longer in the folder retracted"
        )
    if summary.quarantined:
        typer.echo(f"quarantined {len(summary.quarantined)} record(s):")
        for reason, n in summary.reasons().most_common():
            typer.echo(f"  {n:>4} x {printable(reason)}")
    else:
        typer.echo("nothing quarantined")


@app.command()
def serve(
    cron: Annotated[str, typer.Option("--cron", help="schedule, e.g. '*/30 * * * *'")] = "*/30 * * * *",
    articles: Annotated[Path, typer.Option("--articles", help="folder of article files")] = SEEDS,
    warehouse: Annotated[Path, typer.Option("--warehouse", help="warehouse folder")] = WAREHOUSE,
) -> None:
    """Serve the flow as a Prefect deployment on a cron schedule (runs until stopped)."""
    from flows.runtime import PrefectHomeError, configure_prefect

    try:
        configure_prefect(scheduler=True)  # our server must schedule the cron's runs, not only record them
    except PrefectHomeError as err:
        raise fail(str(err)) from err
    from flows.pipeline import matchwire_flow

    matchwire_flow.serve(
        name="matchwire-scheduled",
        cron=cron,
        parameters={"articles_dir": str(articles.resolve()), "warehouse_dir": str(warehouse.resolve())},
    )


# `tables` and `query` run whatever SQL they are given: DuckDB may read the warehouse file and nothing
# else. No files read or written (COPY, read_text, read_csv, ATTACH, EXPORT), no extensions installed or
# loaded, and the settings locked so a statement cannot turn these back on. `--output` writes from Python.
QUERY_CONFIG = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "lock_configuration": True,
}


def open_warehouse(warehouse: Path):
    """The warehouse's DuckDB file, read-only and locked down; one line and exit 2 when it cannot be opened."""
    import duckdb

    db = warehouse / "matchwire.duckdb"
    if not db.exists():
        raise fail(f"no warehouse at {db} (run `matchwire run --warehouse {warehouse}` first)")
    try:
        return duckdb.connect(str(db), read_only=True, config=QUERY_CONFIG)
    except duckdb.Error as err:
        raise fail(f"warehouse {db} cannot be opened: {str(err).splitlines()[0]}") from err


@app.command()
def tables(warehouse: Annotated[Path, typer.Option("--warehouse")] = WAREHOUSE) -> None:
    """List the warehouse's tables and views with their row counts."""
    with open_warehouse(warehouse) as con:
        for name, kind in con.execute(
            "select table_name, table_type from information_schema.tables order by table_type, table_name"
        ).fetchall():
            n = con.execute(f'select count(*) from "{name}"').fetchone()[0]
            typer.echo(f"{name:<20}{'view' if kind == 'VIEW' else 'table':<7}{n:>8}")


@app.command()
def query(
    sql: str,
    warehouse: Annotated[Path, typer.Option("--warehouse")] = WAREHOUSE,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="write the result to a .csv, .parquet or .json file instead"),
    ] = None,
) -> None:
    """Run one SQL statement against the warehouse (read-only, no file or network access) and print the result."""
    import duckdb
    import polars as pl

    with open_warehouse(warehouse) as con:
        try:
            rel = con.sql(sql)  # None for a statement with no result
            df = pl.from_arrow(rel.to_arrow_table()) if rel is not None else pl.DataFrame()
        except duckdb.Error as err:
            raise fail(str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__) from err
    if output is not None:
        write_result(df, output)
        typer.echo(f"{df.height} rows -> {output}")
        return
    with pl.Config(tbl_rows=200, tbl_cols=30, fmt_str_lengths=60, tbl_width_chars=200):
        typer.echo(df)


def write_result(df, output: Path) -> None:
    """A query's result to a file, by its suffix; an unknown suffix or an unwritable path is one line."""
    writers = {".csv": df.write_csv, ".parquet": df.write_parquet, ".json": df.write_json}
    writer = writers.get(output.suffix.lower())
    if writer is None:
        raise fail(f"--output {output}: use a .csv, .parquet or .json file")
    try:
        writer(output)
    except OSError as err:
        raise fail(f"--output {output} cannot be written: {err.strerror or err}") from err


def main() -> None:  # pragma: no cover
    app(prog_name="matchwire")
    sys.exit(0)
