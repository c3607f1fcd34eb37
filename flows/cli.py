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


@app.command()
def run(
    articles: Annotated[Path, typer.Option("--articles", help="folder of article files")] = SEEDS,
    warehouse: Annotated[Path, typer.Option("--warehouse", help="warehouse folder")] = WAREHOUSE,
    full: Annotated[bool, typer.Option("--full", help="rebuild from scratch, parsing every article again")] = False,
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
    from flows.runtime import configure_prefect, without_heartbeats

    configure_prefect()
    os.environ.setdefault("PREFECT_LOGGING_LOGGERS_PREFECT_FLOW_RUNS_LEVEL", "INFO")  # progress, not chatter
    from flows.pipeline import matchwire_flow
    from flows.runners import RunnerError, task_runner
    from warehouse.articles import ArticlesFolderError
    from warehouse.store import WarehouseError

    try:
        tasks_on, in_flight = task_runner(kind, dask_address, workers)
    except RunnerError as err:
        typer.secho(f"matchwire: {err}", fg=typer.colors.RED, err=True)
        raise typer.Exit(2) from err
    if dask_address:  # the cluster's workers read the files: a relative path means their working folder
        articles = articles.resolve()
    try:
        with without_heartbeats():  # the caller watches this run: no second lost joining the heartbeat thread
            summary = matchwire_flow.with_options(task_runner=tasks_on)(
                articles, warehouse, full=full, in_flight=in_flight
            )
    except (ArticlesFolderError, WarehouseError) as err:
        typer.secho(f"matchwire: {err}", fg=typer.colors.RED, err=True)
        raise typer.Exit(2) from err
    typer.echo(f"\n{summary.articles} article files -> {warehouse / 'matchwire.duckdb'}")
    for name, n in summary.tables.items():
        typer.echo(f"  {name:<17}{n:>7} rows")
    if summary.quarantined:
        typer.echo(f"quarantined {len(summary.quarantined)} record(s):")
        for reason, n in summary.reasons().most_common():
            typer.echo(f"  {n:>4} x {reason}")
    else:
        typer.echo("nothing quarantined")


@app.command()
def serve(
    cron: Annotated[str, typer.Option("--cron", help="schedule, e.g. '*/30 * * * *'")] = "*/30 * * * *",
    articles: Annotated[Path, typer.Option("--articles", help="folder of article files")] = SEEDS,
    warehouse: Annotated[Path, typer.Option("--warehouse", help="warehouse folder")] = WAREHOUSE,
) -> None:
    """Serve the flow as a Prefect deployment on a cron schedule (runs until stopped)."""
    from flows.runtime import configure_prefect

    configure_prefect(scheduler=True)  # our server must schedule the cron's runs, not only record them
    from flows.pipeline import matchwire_flow

    matchwire_flow.serve(
        name="matchwire-scheduled",
        cron=cron,
        parameters={"articles_dir": str(articles.resolve()), "warehouse_dir": str(warehouse.resolve())},
    )


@app.command()
def tables(warehouse: Annotated[Path, typer.Option("--warehouse")] = WAREHOUSE) -> None:
    """List the warehouse's tables and views with their row counts."""
    import duckdb

    with duckdb.connect(str(warehouse / "matchwire.duckdb"), read_only=True) as con:
        for name, kind in con.execute(
            "select table_name, table_type from information_schema.tables order by table_type, table_name"
        ).fetchall():
            n = con.execute(f'select count(*) from "{name}"').fetchone()[0]
            typer.echo(f"{name:<20}{'view' if kind == 'VIEW' else 'table':<7}{n:>8}")


@app.command()
def query(
    sql: str,
    warehouse: Annotated[Path, typer.Option("--warehouse")] = WAREHOUSE,
) -> None:
    """Run one SQL statement against the warehouse (read-only) and print the result."""
    import duckdb
    import polars as pl

    with duckdb.connect(str(warehouse / "matchwire.duckdb"), read_only=True) as con:
        try:
            df = pl.from_arrow(con.sql(sql).to_arrow_table())
        except duckdb.Error as err:
            typer.secho(f"matchwire: {err}", fg=typer.colors.RED, err=True)
            raise typer.Exit(2) from err
    with pl.Config(tbl_rows=200, tbl_cols=30, fmt_str_lengths=60, tbl_width_chars=200):
        typer.echo(df)


def main() -> None:  # pragma: no cover
    app(prog_name="matchwire")
    sys.exit(0)
