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

from conflictscan.config import DEFAULT_MAX_PAIRS, DEFAULT_MODEL, DEFAULT_THRESHOLD, DEFAULT_TOP_K
from conflictscan.errors import ConflictScanError
from conflictscan.results import Document, ScanResult

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


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code=1)


def _run(func: Callable[[], T]) -> T:
    """Call ``func``; turn conflictscan errors into one stderr line and exit code 1."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = func()
        except ConflictScanError as exc:
            _fail(" ".join(str(exc).split()))
        except (ImportError, FileNotFoundError) as exc:
            _fail(" ".join(str(exc).split()))
    for w in caught:
        if issubclass(w.category, UserWarning):
            typer.echo(f"warning: {' '.join(str(w.message).split())}", err=True)
    return result


def _read_documents(paths: list[str]) -> list[Document]:
    from conflictscan.segmentation import read_text

    docs = []
    for pos, path in enumerate(paths):
        if path == "-":
            text = read_text(sys.stdin.buffer.read())
            docs.append(Document(text=text, doc_id="stdin" if len(paths) == 1 else f"stdin{pos}"))
        else:
            docs.append(Document(text=read_text(path), doc_id=path, source=Path(path).stem))
    return docs


def format_result(result: ScanResult, fmt: OutputFormat) -> str:
    """Render a scan result in one of the CLI's output formats."""
    from conflictscan.report import render_table, result_to_records

    if fmt is OutputFormat.json:
        return result.to_json()
    if fmt is OutputFormat.jsonl:
        return "\n".join(json.dumps(c.to_dict(), ensure_ascii=False) for c in result.conflicts)
    if fmt is OutputFormat.csv:
        from conflictscan.report import RECORD_COLUMNS

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


@app.command()
def scan(
    files: Annotated[list[str], typer.Argument(help="Text files to compare; '-' reads stdin.")],
    model: ModelOpt = DEFAULT_MODEL,
    threshold: Annotated[float, typer.Option(min=0.0, max=1.0, help="Minimum confidence.")] = (
        DEFAULT_THRESHOLD
    ),
    pairing: Annotated[
        str, typer.Option(help="auto, all, cross-document, similar or cross-similar.")
    ] = "auto",
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.table,
    top_k: Annotated[int, typer.Option(min=1, help="Neighbours per sentence (similar).")] = (
        DEFAULT_TOP_K
    ),
    max_pairs: Annotated[int, typer.Option(min=1, help="Guard on candidate pairs.")] = (
        DEFAULT_MAX_PAIRS
    ),
    reasoning: Annotated[str, typer.Option(help="news (default) or nli.")] = "news",
    device: DeviceOpt = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Pairs per forward pass.")] = 32,
) -> None:
    """Find conflicting claims within and across FILES."""
    from conflictscan.scanner import Scanner

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
        )
        return scanner.scan(_read_documents(files))

    result = _run(work)
    text = format_result(result, output_format)
    if text:
        typer.echo(text)


@app.command()
def models(
    output_format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """List model presets: name, source, size, offline use and accuracy."""
    from conflictscan.models import PRESETS

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


def main() -> None:
    """Console-script entry point (``conflictscan``)."""
    app()
