"""The mtqe command line. The only module that prints or chooses exit codes.

Exit codes: 0 success / gate passed, 1 gate failed, 2 usage, config or input error.
"""

from __future__ import annotations

import functools
import inspect
import re
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Callable, Optional

import typer
from typer.core import TyperCommand, TyperGroup

from . import __version__, render
from .errors import MtqeError
from .options import GATE, SETTINGS


class _PlainErrors(TyperGroup):
    """Usage errors (``--bogus``, a missing argument) on two plain lines, like every other mtqe error,
    instead of typer's rich box: the message, then where to find help."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except typer.TyperException as e:  # typer's click exceptions: usage errors and bad values
            rv = e.exit_code
            if type(e).__name__ == "NoArgsIsHelpError":  # bare `mtqe`: the help is the message (typer tests the name too)
                typer.echo(e.format_message(), err=True)
            else:
                ctx = getattr(e, "ctx", None)
                hint = f"\nTry '{ctx.command_path} --help' for help." if ctx is not None else ""
                typer.echo(f"mtqe: error: {e.format_message()}{hint}", err=True)
        except typer.Abort:
            typer.echo("mtqe: aborted", err=True)
            rv = 1
        if not standalone_mode:
            return rv
        sys.exit(rv if isinstance(rv, int) else 0)


class _PlainUsage(TyperCommand):
    """Usage lines that read "REFERENCE CANDIDATE", not typer's "{REFERENCE} {CANDIDATE}" (braces look
    like a template placeholder nobody filled in)."""

    def collect_usage_pieces(self, ctx):
        return [re.sub(r"^\{(.*)\}", r"\1", piece) for piece in super().collect_usage_pieces(ctx)]


app = typer.Typer(
    name="mtqe",
    cls=_PlainErrors,
    help="Find and locate round-trip machine-translation damage in a republished article.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # help text as written: "[comet]" and "[tool.mtqe.gate]" are not markup
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


def with_settings(*sections: str) -> Callable:
    """Give a command a ``--flag`` for every setting of ``sections`` in mtqe.options.SETTINGS ("" for the
    comparison options, "gate" for thresholds). The command receives them as one dict, ``settings``
    (None = not given), ready for ``config.resolve``: a new option is one row there, no signature here."""
    rows = [s for s in SETTINGS if s.section in sections and s.cli is not None]

    def decorate(fn: Callable) -> Callable:
        signature = inspect.signature(fn, eval_str=True)
        own = [p for p in signature.parameters.values() if p.name != "settings"]
        added = [
            inspect.Parameter(
                s.name, inspect.Parameter.KEYWORD_ONLY, default=None,
                annotation=Annotated[Optional[s.cli], typer.Option(*(s.flags or (s.flag,)), help=s.help, show_default=False)],
            )
            for s in rows
        ]

        @functools.wraps(fn)
        def command(**kwargs: Any) -> Any:
            settings = {s.name: kwargs.pop(s.name) for s in rows}
            return fn(settings=settings, **kwargs)

        command.__signature__ = signature.replace(parameters=[*own, *added])  # type: ignore[attr-defined]
        return command

    return decorate


def _split(settings: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Command-line settings as (comparison options, gate thresholds) for config.resolve."""
    gate = {s.name for s in SETTINGS if s.section == GATE}
    return ({k: v for k, v in settings.items() if k not in gate}, {k: v for k, v in settings.items() if k in gate})


Reference = Annotated[Path, typer.Argument(metavar="REFERENCE", help="The original article (UTF-8 text or HTML; - reads standard input).", show_default=False)]
Candidate = Annotated[Path, typer.Argument(metavar="CANDIDATE", help="The suspected round-trip copy (UTF-8 text or HTML; - reads standard input).", show_default=False)]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to this file ('-': stdout, the default).")]
TopOpt = Annotated[int, typer.Option("--top", min=0, help="How many riskiest segments to show first (every critical one is shown too).")]
SortOpt = Annotated[Sort, typer.Option("--sort", help="Order of the riskiest segments: severity (worst flag, then risk), risk, or document order.")]
QuietOpt = Annotated[bool, typer.Option(
    "--quiet", "-q", help="Print less: the text view shrinks to its verdict line; other formats print in full.")]
ConfigOpt = Annotated[Optional[Path], typer.Option(
    "--config", help="TOML settings file (default: nearest mtqe.toml, or pyproject.toml with a [tool.mtqe] table, above the working directory).")]
ExitZeroOpt = Annotated[bool, typer.Option("--exit-zero", help="Report the verdict but exit 0 even if the gate fails.")]


def _stdout(output: Optional[Path]) -> bool:
    return output is None or str(output) == "-"


def _render(report, fmt: Format, view) -> str:
    """The report as a string in format ``fmt`` (looked up in mtqe.render's registry)."""
    return render.get(fmt.value).report(report, view)


def _emit(report, fmt: Format, output: Optional[Path], view, quiet: bool) -> None:
    """Write the report in ``fmt`` to --output, or print it. --quiet prints less, never another format:
    the text view on stdout becomes its verdict line; files and machine formats are always complete."""
    if not _stdout(output):
        try:
            output.write_text(_render(report, fmt, view), encoding="utf-8")
        except OSError as e:
            _fail(f"cannot write {output}: {e.strerror}")
        return
    if quiet and fmt.value == "text":
        from .render.text import verdict_line

        typer.echo(verdict_line(report))
        return
    from rich.console import Console

    console = Console()  # honours NO_COLOR, terminal width, no escape codes when piped
    shown = render.get(fmt.value).terminal(report, view, console)
    if shown is None:
        sys.stdout.write(_render(report, fmt, view))
    else:
        console.print(shown)


@app.command(cls=_PlainUsage)
@with_settings("")
def score(
    reference: Reference,
    candidate: Candidate,
    format: FormatOpt = Format.text,
    output: OutputOpt = None,
    top: TopOpt = 5,
    sort: SortOpt = Sort.severity,
    quiet: QuietOpt = False,
    config: ConfigOpt = None,
    settings: dict[str, Any] | None = None,
) -> None:
    """Score a copy against its reference: aligned segments, BLEU/chrF(/COMET), typed flags, risk."""
    try:
        from .config import load_config, resolve
        from .pipeline import Comparer

        opts, _ = resolve(load_config(config), options=settings)
        report = Comparer(opts).compare_files(str(reference), str(candidate))
    except MtqeError as e:
        _fail(str(e))
    _emit(report, format, output, render.View(top=top, sort=sort.value), quiet)


def _side(label: str, text: str) -> list[str]:
    """An example side under its label, one paragraph a line, continuation lines aligned with the first."""
    paragraphs = [p.strip() for p in text.splitlines() if p.strip()] or ["(nothing)"]
    return [label + paragraphs[0], *(" " * len(label) + p for p in paragraphs[1:])]


def _explain(cls) -> str:
    """Everything about one rule, as `mtqe rules CODE` prints it."""
    from .catalog import RULES

    rule = RULES[cls.code]
    weight = cls.evidence
    lines = [
        f"{rule.code}: {rule.summary}",
        "",
        f"category:          {rule.category}",
        f"default severity:  {rule.severity}",
        f"evidence weight:   {weight:g}" + ("" if weight else " (risk counts its severity only)"),
    ]
    example = cls.example
    if example:
        lines += ["", "example:", *_side("  reference:  ", example[0]), *_side("  copy:       ", example[1])]
        try:
            from .pipeline import compare

            raised = [f for f in compare(*example, select=[rule.code]).flags if f.code == rule.code]
        except MtqeError:
            raised = []
        if raised:
            lines.append(f"  mtqe says:  {raised[0].message}")
    doc = (cls.__doc__ or "").strip().splitlines()[1:]
    body = [line.strip() for line in doc if line.strip() and not line.strip().startswith(("ref:", "cand:"))]
    if body:
        lines += ["", *body]
    return "\n".join(lines)


def _listing(classes) -> str:
    """One block per rule: code, category, severity, summary, then its example pair."""
    from .catalog import RULES

    out = []
    for cls in classes:
        rule = RULES[cls.code]
        out.append(f"{rule.code}  {rule.category:<11} {rule.severity:<8}  {rule.summary}")
        example = cls.example
        if example:
            out += [*_side("      ref:  ", example[0]), *_side("      copy: ", example[1])]
    return "\n".join(out)


RuleArg = Annotated[Optional[str], typer.Argument(
    metavar="CODE", help="A rule code (N102) to explain, or a prefix or category (N, quote) to list.", show_default=False)]


@app.command(cls=_PlainUsage)
def rules(code: RuleArg = None) -> None:
    """List every rule with its example, or explain one: mtqe rules N102."""
    try:
        from .catalog import RULES, expand
        from .detectors import all_detectors

        classes = {cls.code: cls for cls in all_detectors() if cls.code in RULES}
        if code is not None and code.strip().upper() in classes:
            typer.echo(_explain(classes[code.strip().upper()]))
            return
        codes = expand([code]) if code is not None else tuple(classes)
    except MtqeError as e:
        _fail(str(e))
    typer.echo(_listing(classes[c] for c in codes if c in classes))


@app.command(cls=_PlainUsage)
@with_settings(GATE, "")
def check(
    reference: Reference,
    candidate: Candidate,
    config: ConfigOpt = None,
    exit_zero: ExitZeroOpt = False,
    format: FormatOpt = Format.text,
    output: OutputOpt = None,
    top: TopOpt = 5,
    sort: SortOpt = Sort.severity,
    quiet: QuietOpt = False,
    settings: dict[str, Any] | None = None,
) -> None:
    """Gate a copy: score it, then exit 0 if it meets the thresholds, 1 if not (reasons on stderr and in the report)."""
    try:
        from .config import load_config, resolve
        from .gate import apply
        from .pipeline import Comparer

        options, thresholds = _split(settings or {})
        opts, gate = resolve(load_config(config), options=options, gate=thresholds)
        report = apply(Comparer(opts).compare_files(str(reference), str(candidate)), gate)
    except MtqeError as e:
        _fail(str(e))
    _emit(report, format, output, render.View(top=top, sort=sort.value), quiet)
    if not report.verdict.passed:
        typer.echo("mtqe: FAIL: " + "; ".join(report.verdict.reasons), err=True)
        if not exit_zero:
            raise typer.Exit(1)


ManifestArg = Annotated[Path, typer.Argument(
    metavar="MANIFEST",
    help="JSONL or CSV manifest (id, reference|reference_text, candidate|candidate_text), or a directory of NAME.ref.txt/NAME.cand.txt pairs.",
    show_default=False)]
ResultsOpt = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write JSON lines here ('-': stdout, the default).")]
JobsOpt = Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Worker processes (default: CPU cores available).")]
ResumeOpt = Annotated[bool, typer.Option(
    "--resume", help="Skip ids already in --output and append the rest; refused if those results were made with other options.")]
SummaryOpt = Annotated[Optional[Path], typer.Option("--summary", help="Write the corpus summary here (.txt, .html, .htm, .json or .md).")]
SchedulerOpt = Annotated[Optional[str], typer.Option(
    "--scheduler", help="Run on a Dask cluster at this address (tcp://host:8786), or 'local' for a local one (needs mtqe[dask]).")]
GateOpt = Annotated[bool, typer.Option(
    "--gate", help="Gate every item ([tool.mtqe.gate] thresholds, else mtqe check's defaults): each report carries its verdict; exit 1 if any item fails.")]
JunitOpt = Annotated[Optional[Path], typer.Option(
    "--junit", help="With --gate: also write a JUnit XML report here, one test case per item (for Jenkins, GitLab, GitHub).")]


@app.command(cls=_PlainUsage)
@with_settings("")
def corpus(
    manifest: ManifestArg,
    output: ResultsOpt = None,
    jobs: JobsOpt = None,
    resume: ResumeOpt = False,
    summary: SummaryOpt = None,
    scheduler: SchedulerOpt = None,
    config: ConfigOpt = None,
    gate: GateOpt = False,
    junit: JunitOpt = None,
    exit_zero: ExitZeroOpt = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary at the end.")] = False,
    settings: dict[str, Any] | None = None,
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
        output = None if _stdout(output) else output
        opts, thresholds = resolve(load_config(config), options=settings)
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
    app(prog_name="mtqe")  # not "python -m mtqe" in usage lines
