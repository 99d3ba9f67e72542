"""``mailhelp check PATH... [--data FILE] [--json] [--own]``: the drift checker.

Checks every Markdown (``.md``) and HTML file under the given paths against the data file
and prints one finding per value that drifted, as ``file:line:col``. The language of each
file comes from its path (``docs/fr/…`` or ``guide.fr-fr.md``). Exit status: 0 when all
agree, 1 on any finding, 2 when the data file or a guide cannot be read.

``--own`` is for our own pages: a value typed by hand instead of a ``{{ key }}``
placeholder is a finding. ``--benchmark`` measures the Markdown scan on a synthetic tree.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from mailhelp.check import SUFFIXES, check_paths
from mailhelp.check.benchmark import benchmark
from mailhelp.check.model import Reference
from mailhelp.commands import DATA, FINDINGS, OK, ROOT, UNUSABLE
from mailhelp.data.settings import load_settings
from mailhelp.problems import ContentError

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterator

NAME = "check"
HELP = "Check that every mail host and port in the guides agrees with the data file."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The checker's arguments."""
    parser.add_argument("paths", nargs="*", type=Path, help="guides or folders of guides (.md, .html)")
    parser.add_argument("--data", type=Path, default=DATA, help=f"the data file (default: {DATA})")
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    parser.add_argument("--own", action="store_true", help="our own pages: values must be placeholders")
    parser.add_argument("--benchmark", type=int, metavar="PAGES", help="time the scan of PAGES pages")


def run(args: argparse.Namespace) -> int:
    """Run the checker as the command line asks; return the exit status."""
    try:
        ref = Reference.from_settings(load_settings(args.data), file=str(args.data))
    except ContentError as error:
        print(error, file=sys.stderr)
        return UNUSABLE
    if args.benchmark:
        for line in benchmark(ref, args.benchmark, docs=ROOT / "docs"):
            print(line)
        return OK
    if not args.paths:
        print("mailhelp check: name at least one guide or folder", file=sys.stderr)
        return UNUSABLE
    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        print(f"{', '.join(missing)}: no such file or folder", file=sys.stderr)
        return UNUSABLE
    guides = list(_guides(args.paths))
    if not guides:
        names = ", ".join(str(p) for p in args.paths)
        print(f"{names}: no guide (.md, .html) to check\n    fix: name a folder of guides", file=sys.stderr)
        return UNUSABLE
    started = time.perf_counter()
    try:
        findings, files = check_paths(guides, ref, require_placeholders=args.own)
    except ContentError as error:
        print(error, file=sys.stderr)
        return UNUSABLE
    elapsed = time.perf_counter() - started
    if args.json:
        report = {"data": str(args.data), "files": files, "findings": [f.as_dict() for f in findings]}
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            print(finding)
        rate = files / elapsed if elapsed else 0.0
        print(f"{len(findings)} finding(s) in {files} file(s), {elapsed:.2f} s ({rate:,.0f} pages/s)")
    return FINDINGS if findings else OK


def _guides(paths: list[Path]) -> Iterator[Path]:
    """The guides named by ``paths``; in folders, any case of suffix (``GUIDE.MD``) counts."""
    for path in paths:
        if path.is_dir():
            found = (p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
            yield from sorted(found)
        else:
            yield path
