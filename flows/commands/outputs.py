"""The commands that read a published output: `eval`, `export`, `report`, `review`."""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from flows.commands.common import UsageError, add_output_argument, not_written


def add(sub: argparse._SubParsersAction) -> None:
    _add_eval(sub)
    _add_export(sub)
    _add_review(sub)
    _add_report(sub)


def _add_eval(sub: argparse._SubParsersAction) -> None:
    e = sub.add_parser(
        "eval",
        help="score a published output against gold annotations",
        description="Score a published output against gold annotations (EVALUATION.md).",
    )
    e.add_argument("output", help="a published output directory")
    e.add_argument("gold", help="a folder of gold <id>.json files")
    e.add_argument("--json", action="store_true", help="machine-readable output")
    e.add_argument(
        "--only-published",
        action="store_true",
        help="score only gold documents that the output holds (compare runs over subsets)",
    )
    e.add_argument(
        "--without-corrections",
        action="store_true",
        help="score the rules' own output, before the reviewers' corrections (the default scores the published)",
    )
    e.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        help="list, per dev document, the mentions and facts missed and added (never for check documents)",
    )
    e.add_argument(
        "--check-list",
        default=None,
        metavar="FILE",
        help="stems of the check documents, one a line, scored apart and in total only "
        "(default: check.txt beside the gold folder, where there is one)",
    )
    e.set_defaults(func=cmd_eval)


def _add_export(sub: argparse._SubParsersAction) -> None:
    ex = sub.add_parser(
        "export",
        help="write the published tables as CSV or an Excel workbook",
        description="Write the published tables for people who do not write code: `xlsx` (one sheet per table, "
        "numbers as numbers with thousands separators, header rows frozen, a sheet of column meanings), `csv` "
        "(comma, dot decimals, UTF-8) or `csv-sv` (what Swedish Excel opens: semicolon, decimal comma).",
    )
    add_output_argument(ex)
    ex.add_argument("--format", "-f", required=True, choices=["csv", "csv-sv", "xlsx"], help="the file format")
    ex.add_argument("--table", "-t", action="append", help="a table to export (repeatable; default: every table)")
    ex.add_argument("--out", help="a folder, an .xlsx file, or a .csv file for one table (default: OUTPUT/exports/)")
    ex.set_defaults(func=cmd_export)


def _add_review(sub: argparse._SubParsersAction) -> None:
    rv = sub.add_parser(
        "review",
        help="export what needs a person's look, or apply a filled-in review as corrections",
        description="Export facts below a confidence, money tied to no body, totals whose parts do not add up, "
        "grants whose sources disagree and failed files, each with its evidence and blank verdict columns "
        "(verdict: ok, reject, fix with field and value, or add). --apply reads the verdicts back into the "
        "corrections file, which every later run applies.",
    )
    add_output_argument(rv)
    rv.add_argument(
        "--below", type=float, default=0.8, help="facts with a confidence below this need a look (default 0.8)"
    )
    rv.add_argument("--out", help="review.csv, review.xlsx or review.html (default: OUTPUT/review.csv)")
    rv.add_argument("--apply", metavar="SHEET", help="a filled-in review sheet to add to the corrections")
    rv.add_argument("--corrections", help="the corrections file to add to (default: OUTPUT/corrections.csv)")
    rv.set_defaults(func=cmd_review)


def _add_report(sub: argparse._SubParsersAction) -> None:
    rp = sub.add_parser(
        "report",
        help="write one self-contained HTML page: totals, maps, the grants with their evidence",
        description="Write one HTML page that works offline: totals by role and year and by programme, the "
        "largest recipients, maps of granted kronor per region and municipality, a searchable table of grants "
        "with evidence and sources, the totals that do not add up and the files that could not be read.",
    )
    add_output_argument(rp)
    rp.add_argument("--out", help="where to write the page (default: OUTPUT/report.html)")
    rp.add_argument(
        "--below",
        type=float,
        default=0.8,
        help="grants with a confidence below this are marked and left out of the sums unless the reader "
        "asks (default 0.8, as `review`)",
    )
    rp.set_defaults(func=cmd_report)


def cmd_eval(args: argparse.Namespace) -> int:
    from pipeline.outputs.evaluate import evaluate, format_misses, format_report

    out, gold = Path(args.output), Path(args.gold)
    if not (out / "documents").exists():
        raise UsageError(f"no published output in {out} (run `bidrag run` first)")
    if not gold.is_dir():
        raise UsageError(f"gold directory not found: {gold}")
    check_list = Path(args.check_list) if args.check_list else None
    if check_list is not None and not check_list.is_file():
        raise UsageError(f"check list not found: {check_list}")
    result = evaluate(
        out, gold, only_published=args.only_published, corrected=not args.without_corrections, check_list=check_list
    )
    hidden = result.get("check_documents_hidden", 0)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False, default=str))
    else:
        print(format_report(result))
        if args.verbose:
            print("\nper document: - in gold and missed, + found and not in gold")
            if hidden:
                print(f"({hidden} check documents are scored in total only: their misses are never listed)")
            print(format_misses(result))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from pipeline.outputs.export import ExportError, export

    try:
        written = export(Path(args.output), args.format, Path(args.out) if args.out else None, args.table or None)
    except ExportError as exc:
        raise UsageError(str(exc)) from exc
    except OSError as exc:
        raise not_written("the export", args.out, exc) from exc
    for path in written:
        print(path)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from pipeline.outputs.report import ReportError, write_report

    try:
        if not 0.0 <= args.below <= 1.0:
            raise UsageError(f"--below {args.below}: a confidence from 0 to 1")
        path = write_report(Path(args.output), Path(args.out) if args.out else None, args.below)
    except ReportError as exc:
        raise UsageError(str(exc)) from exc
    except OSError as exc:
        raise not_written("the report", args.out, exc) from exc
    print(path)
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from pipeline.outputs import review, review_apply

    output = Path(args.output)
    try:
        if args.apply:
            target, added, had = review_apply.apply_review(
                output, Path(args.apply), Path(args.corrections) if args.corrections else None
            )
            print(f"{added} corrections added to {target} ({had} were there already)")
            print(f"the next run publishes them: bidrag run ARCHIVE --output {output}")
            return 0
        rows = review.items(output, args.below)
        out = Path(args.out) if args.out else output / "review.csv"
        review.write(rows, out)
    except review.ReviewError as exc:
        raise UsageError(str(exc)) from exc
    except OSError as exc:
        raise not_written("the review sheet", args.out, exc) from exc
    counts = ", ".join(f"{k} {v}" for k, v in sorted(Counter(r["item"] for r in rows).items())) or "nothing"
    print(f"{len(rows)} rows to review ({counts}): {out}")
    return 0
