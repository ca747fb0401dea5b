"""The mtqe command line. The only module that prints or chooses exit codes.

Exit codes: 0 success / gate passed, 1 gate failed, 2 usage, config or input error.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__, render
from .errors import MtqeError

app = typer.Typer(
    name="mtqe",
    help="Find and locate round-trip machine-translation damage in a republished article.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


Format = Enum("Format", {name: name for name in render.names()}, type=str)  # one per mtqe/render/ module
Sort = Enum("Sort", {name: name for name in render.SORTS}, type=str)


def _fail(message: str, code: int = 2) -> None:
    """One line on stderr, then exit: the only way mtqe reports a user-fixable error."""
    typer.echo(f"mtqe: error: {message}", err=True)
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mtqe {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """Find and locate round-trip machine-translation damage in a republished article."""


Reference = Annotated[Path, typer.Argument(help="The original article (UTF-8 text or HTML; - reads standard input).", show_default=False)]
Candidate = Annotated[Path, typer.Argument(help="The suspected round-trip copy (UTF-8 text or HTML; - reads standard input).", show_default=False)]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report here instead of stdout.")]
TopOpt = Annotated[int, typer.Option("--top", min=0, help="How many riskiest segments to show first (every critical one is shown too).")]
SortOpt = Annotated[Sort, typer.Option("--sort", help="Order of the riskiest segments: severity (worst flag, then risk), risk, or document order.")]
CometOpt = Annotated[Optional[bool], typer.Option("--comet/--no-comet", help="Score with COMET (needs mtqe[comet] and a local model).")]
CometModelOpt = Annotated[Optional[str], typer.Option("--comet-model", help="COMET hub name or local checkpoint/model dir.")]
BatchOpt = Annotated[Optional[int], typer.Option("--batch-size", min=1, help="COMET batch size.")]
GpusOpt = Annotated[Optional[int], typer.Option("--gpus", min=0, help="GPUs for COMET (default: 1 if CUDA is available).")]
MetricsOpt = Annotated[Optional[str], typer.Option("--metrics", help="Comma-separated sacrebleu metrics: bleu, chrf, chrf++, ter.")]
SelectOpt = Annotated[Optional[str], typer.Option("--select", help="Only detectors whose code starts with these prefixes (comma-separated).")]
IgnoreOpt = Annotated[Optional[str], typer.Option("--ignore", help="Skip detectors whose code starts with these prefixes.")]
MaxMbOpt = Annotated[Optional[float], typer.Option("--max-mb", help="Refuse documents larger than this many MB (default 5).")]
EncodingOpt = Annotated[Optional[str], typer.Option("--encoding", help="Decode inputs with this codec instead of UTF-8.")]


class InputFormat(str, Enum):
    auto = "auto"
    text = "text"
    html = "html"


InputFormatOpt = Annotated[Optional[InputFormat], typer.Option(
    "--input-format", help="How to read inputs: html extracts a page's article; auto (default) detects HTML by extension or content.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print only the verdict line.")]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="Show library logs and banners (Lightning, transformers).")]


def _score_options(comet, comet_model, batch_size, gpus, metrics, select, ignore, max_mb, encoding, verbose,
                   input_format=None) -> dict:
    """The scoring options every command shares, as given on the command line (None = not given)."""
    return dict(comet=comet, comet_model=comet_model, batch_size=batch_size, gpus=gpus, metrics=metrics,
                select=select, ignore=ignore, max_mb=max_mb, encoding=encoding, verbose=verbose or None,
                input_format=input_format.value if input_format else None)


def _render(report, fmt: Format, view) -> str:
    """The report as a string in format ``fmt`` (looked up in mtqe.render's registry)."""
    return render.get(fmt.value).report(report, view)


def _emit(report, fmt: Format, output: Optional[Path], view, quiet: bool) -> None:
    """Write the report to --output (plain text for the text view), else print it; --quiet prints only the verdict line."""
    from .render.text import verdict_line

    if output:
        try:
            output.write_text(_render(report, fmt, view), encoding="utf-8")
        except OSError as e:
            _fail(f"cannot write {output}: {e.strerror}")
    if quiet:
        typer.echo(verdict_line(report))
    elif not output:
        from rich.console import Console

        console = Console()  # honours NO_COLOR, terminal width, no escape codes when piped
        shown = render.get(fmt.value).terminal(report, view, console)
        if shown is None:
            sys.stdout.write(_render(report, fmt, view))
        else:
            console.print(shown)


@app.command()
def score(
    reference: Reference,
    candidate: Candidate,
    format: FormatOpt = Format.text,
    output: OutputOpt = None,
    top: TopOpt = 5,
    sort: SortOpt = Sort.severity,
    comet: CometOpt = None,
    comet_model: CometModelOpt = None,
    batch_size: BatchOpt = None,
    gpus: GpusOpt = None,
    metrics: MetricsOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    max_mb: MaxMbOpt = None,
    encoding: EncodingOpt = None,
    input_format: InputFormatOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    config: ConfigOpt = None,
) -> None:
    """Score a copy against its reference: aligned segments, BLEU/chrF(/COMET), typed flags, risk."""
    try:
        from .config import load_config, resolve
        from .pipeline import Comparer

        opts, _ = resolve(load_config(config), options=_score_options(comet, comet_model, batch_size, gpus, metrics, select, ignore, max_mb, encoding, verbose, input_format))
        report = Comparer(opts).compare_files(str(reference), str(candidate))
    except MtqeError as e:
        _fail(str(e))
    _emit(report, format, output, render.View(top=top, sort=sort.value), quiet)


@app.command()
def rules() -> None:
    """List every detector: code, category, default severity and description."""
    from rich.console import Console
    from rich.table import Table

    from .detectors import all_detectors

    table = Table(title="mtqe detectors")
    for col in ("code", "category", "severity", "description"):
        table.add_column(col)
    for det in all_detectors():
        table.add_row(det.code, det.category, det.severity, det.description())
    Console().print(table)


ConfigOpt = Annotated[Optional[Path], typer.Option(
    "--config", help="TOML settings file (default: nearest mtqe.toml, or pyproject.toml with a tool.mtqe table, above the working directory).")]
MinChrfOpt = Annotated[Optional[float], typer.Option("--min-chrf", help="Fail below this document chrF (default 80).")]
MinBleuOpt = Annotated[Optional[float], typer.Option("--min-bleu", help="Fail below this document BLEU (default: not checked).")]
MinCometOpt = Annotated[Optional[float], typer.Option("--min-comet", help="Fail below this document COMET (needs --comet).")]
MinCoverageOpt = Annotated[Optional[float], typer.Option("--min-coverage", help="Fail if less of the reference (0-1) is aligned (default 0.9).")]
RiskLevelOpt = Annotated[Optional[float], typer.Option("--risk-level", help="Risk (0-1) at which --max-risky-segments counts a segment (default 0.5).")]
MaxRiskyOpt = Annotated[Optional[int], typer.Option("--max-risky-segments", help="Fail if more segments reach --risk-level.")]
MaxCriticalOpt = Annotated[Optional[int], typer.Option("--max-critical", help="Fail above this many critical flags (default 0).")]
MaxMajorOpt = Annotated[Optional[int], typer.Option("--max-major", help="Fail above this many major flags.")]
MaxMinorOpt = Annotated[Optional[int], typer.Option("--max-minor", help="Fail above this many minor flags.")]
MaxFlagsOpt = Annotated[Optional[str], typer.Option("--max-flags", help="Per-category maxima, e.g. name=0,tense=3.")]
FailOnOpt = Annotated[Optional[str], typer.Option(
    "--fail-on", help="Fail on any flag of these categories, e.g. quote,name or quote:minor ('' for none; default name,number,negation,quote).")]
FailOnSeverityOpt = Annotated[Optional[str], typer.Option("--fail-on-severity", help="Minimum severity for --fail-on: minor, major (default), critical.")]
ExitZeroOpt = Annotated[bool, typer.Option("--exit-zero", help="Report the verdict but exit 0 even if the gate fails.")]


@app.command()
def check(
    reference: Reference,
    candidate: Candidate,
    config: ConfigOpt = None,
    min_chrf: MinChrfOpt = None,
    min_bleu: MinBleuOpt = None,
    min_comet: MinCometOpt = None,
    min_coverage: MinCoverageOpt = None,
    risk_level: RiskLevelOpt = None,
    max_risky_segments: MaxRiskyOpt = None,
    max_critical: MaxCriticalOpt = None,
    max_major: MaxMajorOpt = None,
    max_minor: MaxMinorOpt = None,
    max_flags: MaxFlagsOpt = None,
    fail_on: FailOnOpt = None,
    fail_on_severity: FailOnSeverityOpt = None,
    exit_zero: ExitZeroOpt = False,
    format: FormatOpt = Format.text,
    output: OutputOpt = None,
    top: TopOpt = 5,
    sort: SortOpt = Sort.severity,
    comet: CometOpt = None,
    comet_model: CometModelOpt = None,
    batch_size: BatchOpt = None,
    gpus: GpusOpt = None,
    metrics: MetricsOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    max_mb: MaxMbOpt = None,
    encoding: EncodingOpt = None,
    input_format: InputFormatOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Gate a copy: score it, then exit 0 if it meets the thresholds, 1 if not (reasons on stderr and in the report)."""
    try:
        from .config import load_config, resolve
        from .gate import apply
        from .pipeline import Comparer

        opts, gate = resolve(
            load_config(config),
            options=_score_options(comet, comet_model, batch_size, gpus, metrics, select, ignore, max_mb, encoding, verbose, input_format),
            gate=dict(min_chrf=min_chrf, min_bleu=min_bleu, min_comet=min_comet, min_coverage=min_coverage,
                      risk_level=risk_level, max_risky_segments=max_risky_segments, max_critical=max_critical,
                      max_major=max_major, max_minor=max_minor, max_flags=max_flags, fail_on=fail_on,
                      fail_on_severity=fail_on_severity),
        )
        report = apply(Comparer(opts).compare_files(str(reference), str(candidate)), gate)
    except MtqeError as e:
        _fail(str(e))
    _emit(report, format, output, render.View(top=top, sort=sort.value), quiet)
    if not report.verdict.passed:
        typer.echo("mtqe: FAIL: " + "; ".join(report.verdict.reasons), err=True)
        if not exit_zero:
            raise typer.Exit(1)


ManifestArg = Annotated[Path, typer.Argument(
    help="JSONL or CSV manifest (id, reference|reference_text, candidate|candidate_text), or a directory of NAME.ref.txt/NAME.cand.txt pairs.",
    show_default=False)]
ResultsOpt = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write JSON lines here (default: stdout).")]
JobsOpt = Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Worker processes (default: CPU cores available).")]
ResumeOpt = Annotated[bool, typer.Option(
    "--resume", help="Skip ids already in --output and append the rest; refused if those results were made with other options.")]
SummaryOpt = Annotated[Optional[Path], typer.Option("--summary", help="Write the corpus summary here (.txt, .html, .htm, .json or .md).")]
SchedulerOpt = Annotated[Optional[str], typer.Option(
    "--scheduler", help="Run on a Dask cluster at this address (tcp://host:8786), or 'local' for a local one (needs mtqe\\[dask]).")]
GateOpt = Annotated[bool, typer.Option(
    "--gate", help="Gate every item ([tool.mtqe.gate] thresholds, else mtqe check's defaults): each report carries its verdict; exit 1 if any item fails.")]
JunitOpt = Annotated[Optional[Path], typer.Option(
    "--junit", help="With --gate: also write a JUnit XML report here, one test case per item (for Jenkins, GitLab, GitHub).")]


@app.command()
def corpus(
    manifest: ManifestArg,
    output: ResultsOpt = None,
    jobs: JobsOpt = None,
    resume: ResumeOpt = False,
    summary: SummaryOpt = None,
    scheduler: SchedulerOpt = None,
    config: ConfigOpt = None,
    comet: CometOpt = None,
    comet_model: CometModelOpt = None,
    batch_size: BatchOpt = None,
    gpus: GpusOpt = None,
    metrics: MetricsOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    max_mb: MaxMbOpt = None,
    encoding: EncodingOpt = None,
    input_format: InputFormatOpt = None,
    gate: GateOpt = False,
    junit: JunitOpt = None,
    exit_zero: ExitZeroOpt = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary at the end.")] = False,
    verbose: VerboseOpt = False,
) -> None:
    """Score every pair of a manifest in parallel: one JSON line per item, as each finishes; bad items are recorded, not fatal."""
    if junit is not None and not gate:
        _fail("--junit needs --gate (the gate decides which items fail)")
    report = None
    try:
        from . import corpus as c
        from .cli_progress import ProgressBar
        from .config import load_config, resolve

        c.check_report_paths(summary=summary, junit=junit)
        opts, thresholds = resolve(load_config(config), options=_score_options(comet, comet_model, batch_size, gpus, metrics, select, ignore, max_mb, encoding, verbose, input_format))
        item_gate = thresholds if gate else None
        if junit is not None:
            report = c.JUnitReport(f"mtqe corpus {manifest.name}", "mtqe." + manifest.stem.replace(".", "_"),
                                   c.junit_properties(c.fingerprint(opts, item_gate)))

        with ProgressBar() as bar:
            def on_outcome(outcome) -> None:
                bar.advance(outcome)
                if report is not None:
                    report.add(outcome)

            result = c.run(manifest, output, opts, jobs=jobs, resume=resume, scheduler=scheduler,
                           gate=item_gate, on_start=bar.start, on_outcome=on_outcome)
        if summary:
            result.summary.write(summary)
        if report is not None:
            report.write(junit)
    except MtqeError as e:
        _fail(str(e))
    except KeyboardInterrupt:
        _fail("interrupted; finished items are saved: rerun with --resume", 130)
    finally:
        if report is not None:
            report.close()
    if not quiet and not summary:
        typer.echo(result.summary.render_text().rstrip("\n"), err=output is None)
    failed = result.summary.gate_failed
    if not quiet and (output is not None or summary or junit):
        gated = f", {failed} failed the gate" if gate else ""
        typer.echo(f"mtqe: {result.done} scored ({result.errors} errors{gated}), {result.skipped} skipped, "
                   f"{result.rate:.2f} items/s", err=True)
    if gate and (failed or result.summary.errors) and not exit_zero:
        raise typer.Exit(1)  # an item that could not be scored did not pass either

from .cli_models import models_app  # noqa: E402  (a light module: no torch until a command runs)

app.add_typer(models_app, name="models", help="List and download COMET models for offline use.")


def main() -> None:
    app()
