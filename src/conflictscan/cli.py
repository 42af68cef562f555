"""Command-line interface: parse, call the library, print.

Input: command-line arguments, files or stdin. Output: text on stdout, one-line errors on
stderr with exit code 1 (2 for usage errors). Every option maps to a library parameter.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import warnings
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from conflictscan._config import (
    DEFAULT_BACKEND,
    DEFAULT_BATCH_SIZE,
    DEFAULT_DIRECTIONS,
    DEFAULT_MAX_CHARS,
    DEFAULT_MAX_PAIRS,
    DEFAULT_MODEL,
    DEFAULT_PAIRING,
    DEFAULT_REASONING,
    DEFAULT_TOP_K,
)
from conflictscan._errors import ConflictScanError
from conflictscan._types import Document, ScanResult

app = typer.Typer(
    name="conflictscan",
    help="Find conflicting claims in news text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

T = TypeVar("T")


class OutputFormat(str, Enum):
    """Output formats of ``scan``."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    html = "html"


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code=1)


def _run(func: Callable[[], T], *, resumable: bool = False) -> T:
    """Call ``func``; turn errors into one stderr line: exit 1, or 130 on Ctrl-C."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = func()
        except KeyboardInterrupt:
            _show(caught)
            hint = "; rerun the same command to resume" if resumable else ""
            typer.echo(f"interrupted{hint}", err=True)
            raise typer.Exit(code=130) from None
        except (ConflictScanError, ImportError, OSError) as exc:
            _show(caught)
            _fail(_one_line(exc))
    _show(caught)
    return result


def _one_line(exc: BaseException) -> str:
    """The error as one line; an unexpected OS error also names its file."""
    if isinstance(exc, OSError) and not isinstance(exc, ConflictScanError) and exc.strerror:
        where = f": {exc.filename}" if exc.filename else ""
        return f"{exc.strerror}{where}"
    return " ".join(str(exc).split())


def _show(caught: list[warnings.WarningMessage]) -> None:
    for w in caught:
        if issubclass(w.category, UserWarning):
            typer.echo(f"warning: {' '.join(str(w.message).split())}", err=True)
    caught.clear()


def _read_documents(paths: list[str]) -> list[Document]:
    from conflictscan._errors import InputError
    from conflictscan.text._segmentation import read_text

    if paths.count("-") > 1:
        raise InputError(
            "'-' (standard input) was given more than once; stdin can be read only once, "
            "so pass it once and name the other texts as files"
        )
    docs = []
    for path in paths:
        if path == "-":
            data = sys.stdin.buffer.read()
            if not data.strip():
                raise InputError(
                    "standard input ('-') is empty; pipe a text in, e.g. "
                    "`cat article.txt | conflictscan scan -`, or pass files"
                )
            docs.append(Document(text=read_text(data), doc_id="stdin"))
        else:
            docs.append(Document(text=read_text(path), doc_id=path, source=Path(path).stem))
    return docs


def format_result(result: ScanResult, fmt: OutputFormat) -> str:
    """Render a scan result in one of the CLI's output formats."""
    from conflictscan.report._records import render_table, result_to_records

    if fmt is OutputFormat.json:
        return result.to_json()
    if fmt is OutputFormat.html:
        return result.to_html()
    if fmt is OutputFormat.jsonl:
        return "\n".join(json.dumps(c.to_dict(), ensure_ascii=False) for c in result.conflicts)
    if fmt is OutputFormat.csv:
        from conflictscan.report._records import RECORD_COLUMNS

        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(RECORD_COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(result_to_records(result))
        return buf.getvalue().rstrip("\n")
    return render_table(result)


ModelOpt = Annotated[
    str, typer.Option("--model", "-m", help="Preset (mini, base, large), hub id or local dir.")
]
DeviceOpt = Annotated[str | None, typer.Option(help="cpu, cuda, mps; default: fastest available.")]
BackendOpt = Annotated[
    str, typer.Option(help="auto, torch, int8, onnx or onnx-int8 (int8/ONNX: CPU only).")
]
MaxCharsOpt = Annotated[int, typer.Option(min=1, help="Longest document accepted (characters).")]
DirectionsOpt = Annotated[
    str,
    typer.Option(
        help="auto: read b->a only where a->b may contradict (and for reported pairs); both."
    ),
]


@app.command()
def scan(
    files: Annotated[list[str], typer.Argument(help="Text files to compare; '-' reads stdin.")],
    model: ModelOpt = DEFAULT_MODEL,
    threshold: Annotated[
        float | None,
        typer.Option(
            min=0.0,
            max=1.0,
            help="Minimum confidence [default: news 0.4 standard, 0.2 mini; nli 0.5].",
        ),
    ] = None,
    pairing: Annotated[
        str, typer.Option(help="auto, all, cross-document, similar or cross-similar.")
    ] = DEFAULT_PAIRING,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.table,
    top_k: Annotated[int, typer.Option(min=1, help="Neighbours per sentence (similar).")] = (
        DEFAULT_TOP_K
    ),
    max_pairs: Annotated[int, typer.Option(min=1, help="Guard on candidate pairs.")] = (
        DEFAULT_MAX_PAIRS
    ),
    reasoning: Annotated[str, typer.Option(help="news (default) or nli.")] = DEFAULT_REASONING,
    device: DeviceOpt = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Pairs per forward pass.")] = (
        DEFAULT_BATCH_SIZE
    ),
    max_chars: MaxCharsOpt = DEFAULT_MAX_CHARS,
    backend: BackendOpt = DEFAULT_BACKEND,
    directions: DirectionsOpt = DEFAULT_DIRECTIONS,
) -> None:
    """Find conflicting claims within and across FILES."""
    from conflictscan._scanner import Scanner

    def work() -> ScanResult:
        scanner = Scanner(
            model,
            threshold=threshold,
            pairing=pairing,
            top_k=top_k,
            max_pairs=max_pairs,
            reasoning=reasoning,
            device=device,
            batch_size=batch_size,
            max_chars=max_chars,
            backend=backend,
            directions=directions,
            show_progress=sys.stderr.isatty(),
        )
        return scanner.scan(_read_documents(files))

    result = _run(work)
    text = format_result(result, output_format)
    if text:
        typer.echo(text)


models_app = typer.Typer(help="List model presets, or export a built-in model.")
app.add_typer(models_app, name="models")


@models_app.callback(invoke_without_command=True)
def models(
    ctx: typer.Context,
    output_format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """List model presets: name, source, size, offline use and accuracy."""
    if ctx.invoked_subcommand is not None:
        return
    from conflictscan.nli._builtin import PRESETS

    rows = [_preset_row(p) for p in PRESETS.values()]
    if output_format == "json":
        typer.echo(json.dumps(rows, indent=2))
        return
    for row in rows:
        typer.echo(f"{row['name']}  ({'offline' if row['offline'] else 'needs the hub'})")
        typer.echo(f"    source:   {row['source']}")
        typer.echo(f"    size:     {row['size']}")
        typer.echo(f"    accuracy: {row['accuracy']}")
        typer.echo(f"    figures:  {row['accuracy_source']}")


@models_app.command("export")
def models_export(
    name: Annotated[str, typer.Argument(help="Built-in model to export, e.g. mini.")],
    directory: Annotated[str, typer.Argument(help="Folder to write the model into.")],
    overwrite: Annotated[bool, typer.Option(help="Replace a non-empty folder.")] = False,
) -> None:
    """Write a built-in model as a plain Hugging Face folder (config, tokenizer, safetensors)."""
    from conflictscan.nli._export import export_builtin

    folder = _run(lambda: export_builtin(name, directory, overwrite=overwrite))
    typer.echo(f"exported {name} to {folder}")


def _preset_row(preset: Any) -> dict[str, Any]:
    accuracy = ", ".join(f"{k} {v:.3f}" for k, v in preset.accuracy.items()) or "see docs/models.md"
    return {
        "name": preset.name,
        "source": preset.source,
        "size": preset.size,
        "offline": preset.offline,
        "accuracy": accuracy,
        "accuracy_source": preset.accuracy_source,
    }


class Engine(str, Enum):
    """Batch engines."""

    local = "local"
    ray = "ray"


@app.command()
def batch(
    data: Annotated[str, typer.Argument(help="JSONL, CSV or Parquet file of articles.")],
    out: Annotated[str, typer.Option(help="Output file: .jsonl or .parquet.")],
    text_column: Annotated[str, typer.Option(help="Column with the article text.")] = "text",
    id_column: Annotated[str, typer.Option(help="Column with unique article ids.")] = "doc_id",
    group_column: Annotated[
        str | None, typer.Option(help="Compare only articles sharing this value.")
    ] = None,
    source_column: Annotated[str | None, typer.Option(help="Column naming the outlet.")] = None,
    date_column: Annotated[str | None, typer.Option(help="Column with ISO dates.")] = None,
    title_column: Annotated[str | None, typer.Option(help="Column with headlines.")] = None,
    split: Annotated[str | None, typer.Option(help="Split of a saved DatasetDict.")] = None,
    grouping: Annotated[str, typer.Option(help="tfidf or embedding (no group column).")] = (
        "tfidf"
    ),
    grouping_threshold: Annotated[
        float | None, typer.Option(min=0.0, max=1.0, help="Similarity cut for stories.")
    ] = None,
    date_window_days: Annotated[
        float | None, typer.Option(min=0.0, help="Max days between linked articles.")
    ] = 2.0,
    pairing: Annotated[str, typer.Option(help="Pairing inside a group.")] = "cross-similar",
    model: ModelOpt = DEFAULT_MODEL,
    threshold: Annotated[float | None, typer.Option(min=0.0, max=1.0)] = None,
    top_k: Annotated[int, typer.Option(min=1)] = DEFAULT_TOP_K,
    engine: Annotated[Engine, typer.Option(help="local, or ray for a Ray cluster.")] = (
        Engine.local
    ),
    workers: Annotated[int | None, typer.Option(min=1, help="Ray workers.")] = None,
    ray_address: Annotated[str | None, typer.Option(help="Ray cluster address.")] = None,
    cache: Annotated[str | None, typer.Option(help="Score cache file (SQLite).")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not cache scores.")] = False,
    overwrite: Annotated[bool, typer.Option(help="Start again instead of resuming.")] = False,
    html: Annotated[
        str | None, typer.Option(help="Also write a self-contained HTML report to this file.")
    ] = None,
    wait: Annotated[
        bool, typer.Option("--wait", help="If another run writes --out, wait for it to end.")
    ] = False,
    device: DeviceOpt = None,
    backend: BackendOpt = DEFAULT_BACKEND,
    max_chars: MaxCharsOpt = DEFAULT_MAX_CHARS,
    directions: DirectionsOpt = DEFAULT_DIRECTIONS,
) -> None:
    """Scan a collection of articles; resumable, one conflict per output line."""
    from conflictscan._scanner import Scanner
    from conflictscan.batch._collection import scan_collection

    def work() -> Any:
        scanner = Scanner(
            model,
            threshold=threshold,
            top_k=top_k,
            device=device,
            max_chars=max_chars,
            backend=backend,
            directions=directions,
        )
        return scan_collection(
            data,
            scanner=scanner,
            text_column=text_column,
            id_column=id_column,
            group_column=group_column,
            source_column=source_column,
            date_column=date_column,
            title_column=title_column,
            split=split,
            grouping=grouping,
            grouping_threshold=grouping_threshold,
            date_window_days=date_window_days,
            pairing=pairing,
            out=out,
            engine=engine.value,
            workers=workers,
            ray_address=ray_address,
            cache=False if no_cache else (cache or True),
            overwrite=overwrite,
            wait=wait,
        )

    report = _run(work, resumable=True)
    typer.echo(report.summary())
    if html:
        _run(lambda: Path(html).write_text(report.to_html(), encoding="utf-8"))
        typer.echo(f"HTML report -> {html}")


@app.command()
def evaluate(
    data: Annotated[str, typer.Argument(help="Labelled pairs: JSONL, CSV or Parquet.")],
    model: ModelOpt = DEFAULT_MODEL,
    premise_column: str = "premise",
    hypothesis_column: str = "hypothesis",
    label_column: str = "label",
    limit: Annotated[int | None, typer.Option(min=1, help="Use the first N pairs.")] = None,
    batch_size: Annotated[int, typer.Option(min=1)] = DEFAULT_BATCH_SIZE,
    output_format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = (
        "table"
    ),
    device: DeviceOpt = None,
    backend: BackendOpt = DEFAULT_BACKEND,
) -> None:
    """Measure an NLI model on labelled premise/hypothesis pairs."""
    from conflictscan._scanner import Scanner
    from conflictscan.evaluation._nli import evaluate as run_evaluation

    def work() -> Any:
        scanner = Scanner(model, batch_size=batch_size, device=device, backend=backend)
        return run_evaluation(
            data,
            scanner=scanner,
            premise_column=premise_column,
            hypothesis_column=hypothesis_column,
            label_column=label_column,
            limit=limit,
        )

    report = _run(work)
    typer.echo(
        json.dumps(report.to_dict(), indent=2) if output_format == "json" else report.render()
    )


@app.command("evaluate-news")
def evaluate_news(
    stories: Annotated[str, typer.Argument(help="Annotated stories (JSONL).")],
    split: Annotated[str | None, typer.Option(help="dev or heldout; default both.")] = None,
    model: ModelOpt = DEFAULT_MODEL,
    threshold: Annotated[float | None, typer.Option(min=0.0, max=1.0)] = None,
    reasoning: Annotated[str, typer.Option(help="news (default) or nli.")] = DEFAULT_REASONING,
    output_format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = (
        "table"
    ),
    device: DeviceOpt = None,
    backend: BackendOpt = DEFAULT_BACKEND,
) -> None:
    """Recall, hard negatives flagged, false alarms and AUC on annotated news stories."""
    from conflictscan._scanner import Scanner
    from conflictscan.evaluation._news import evaluate_news as run_news

    def work() -> Any:
        scanner = Scanner(
            model, threshold=threshold, reasoning=reasoning, device=device, backend=backend
        )
        return run_news(stories, scanner=scanner, split=split)

    report = _run(work)
    typer.echo(
        json.dumps(report.to_dict(), indent=2) if output_format == "json" else report.render()
    )


@app.command()
def train(
    data: Annotated[str, typer.Argument(help="Labelled pairs: JSONL, CSV or Parquet.")],
    out: Annotated[str, typer.Option(help="Directory to write the fine-tuned model to.")],
    base: Annotated[str, typer.Option(help="mini, a preset, hub id or local dir.")] = "mini",
    eval_data: Annotated[str | None, typer.Option("--eval", help="Dev file.")] = None,
    epochs: Annotated[int, typer.Option(min=1)] = 2,
    batch_size: Annotated[int, typer.Option(min=1)] = 32,
    learning_rate: Annotated[float, typer.Option(min=0.0)] = 3e-5,
    max_steps: Annotated[int | None, typer.Option(min=1)] = None,
    seed: int = 0,
    premise_column: str = "premise",
    hypothesis_column: str = "hypothesis",
    label_column: str = "label",
    overwrite: bool = False,
    device: DeviceOpt = None,
) -> None:
    """Fine-tune an NLI model on your own labelled pairs."""
    from conflictscan.training import train as run_training

    def work() -> Any:
        return run_training(
            data,
            base=base,
            out=out,
            eval_data=eval_data,
            epochs=epochs,
            batch_size=batch_size,
            learning_rate=learning_rate,
            max_steps=max_steps,
            seed=seed,
            premise_column=premise_column,
            hypothesis_column=hypothesis_column,
            label_column=label_column,
            overwrite=overwrite,
            device=device,
        )

    report = _run(work)
    typer.echo(report.render())


cache_app = typer.Typer(help="Check, repair, count or clear the score cache.", no_args_is_help=True)
app.add_typer(cache_app, name="cache")
CachePathOpt = Annotated[
    str | None, typer.Option("--path", help="Cache file; default: the one batch runs use.")
]


def _cache_path(path: str | None) -> Path:
    from conflictscan.batch._cache import default_cache_path

    return Path(path) if path else default_cache_path()


@cache_app.command("stats")
def cache_stats(path: CachePathOpt = None) -> None:
    """Where the cache is, its size and how many scores and vectors it holds."""
    from conflictscan.batch._cache_admin import cache_stats as stats_of

    stats = _run(lambda: stats_of(_cache_path(path)))
    if not stats["exists"]:
        typer.echo(f"{stats['path']}: no cache yet")
        return
    counts = "unreadable (run `conflictscan cache check`)"
    if stats["scores"] is not None:
        counts = f"{stats['scores']:,} scores, {stats['vectors']:,} vectors"
    typer.echo(f"{stats['path']}: {stats['bytes'] / 2**20:.1f} MiB, {counts}")


@cache_app.command("check")
def cache_check(
    path: CachePathOpt = None,
    repair: Annotated[bool, typer.Option(help="Delete damaged rows (recomputed later).")] = False,
) -> None:
    """Verify every cached row's checksum and values; exit 1 if damage remains."""
    from conflictscan.batch._cache import ScoreCache

    target = _cache_path(path)
    if not target.exists():
        typer.echo(f"{target}: no cache yet")
        return
    report = _run(lambda: ScoreCache(target).check(repair=repair))
    typer.echo(report.summary())
    if not report.ok:
        raise typer.Exit(code=1)


@cache_app.command("clear")
def cache_clear(path: CachePathOpt = None) -> None:
    """Delete every cached score and vector (they are recomputed when needed)."""
    from conflictscan.batch._cache_admin import clear_cache

    target = _cache_path(path)
    _run(lambda: clear_cache(target))
    typer.echo(f"{target}: cleared")


# Commands that parse text with spaCy: the command line imports spaCy without torch first
# (text._parsing.import_spacy_without_torch), about two CPU-seconds less start-up.
_PARSING_COMMANDS = frozenset({"scan", "batch", "evaluate-news"})


def main() -> None:
    """Console-script entry point (``conflictscan``)."""
    if len(sys.argv) > 1 and sys.argv[1] in _PARSING_COMMANDS:
        from conflictscan.text._parsing import import_spacy_without_torch

        import_spacy_without_torch()
    app()
