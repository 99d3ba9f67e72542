"""Command line: ``python -m hooks.check PATH... [--data FILE] [--json] [--own]``.

Checks every Markdown (``.md``) and HTML file under the given paths against the data file
and prints one finding per value that drifted, as ``file:line:col``. The language of each
file comes from its path (``docs/fr/…`` or ``guide.fr-fr.md``). Exit status: 0 when all
agree, 1 on any finding, 2 when the data file or a guide cannot be read.

``--own`` is for our own pages: a value typed by hand instead of a ``{{ key }}``
placeholder is a finding. ``--benchmark`` measures the Markdown scan on a synthetic tree.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from hooks.check import check_markdown, check_paths, language_of
from hooks.check.model import Reference
from hooks.problems import ContentError
from hooks.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "settings.yml"


def main(argv: list[str] | None = None) -> int:
    """Run the checker as the command line asks; return the exit status."""
    description = "Check that every mail host and port in the guides agrees with the data file."
    parser = argparse.ArgumentParser(prog="python -m hooks.check", description=description)
    parser.add_argument("paths", nargs="*", type=Path, help="guides or folders of guides (.md, .html)")
    parser.add_argument("--data", type=Path, default=DATA, help=f"the data file (default: {DATA})")
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    parser.add_argument("--own", action="store_true", help="our own pages: values must be placeholders")
    parser.add_argument("--benchmark", type=int, metavar="PAGES", help="time the scan of PAGES pages")
    args = parser.parse_args(argv)
    try:
        ref = Reference.from_settings(load_settings(args.data), file=str(args.data))
    except ContentError as error:
        print(error, file=sys.stderr)
        return 2
    if args.benchmark:
        return benchmark(ref, args.benchmark)
    if not args.paths:
        parser.error("name at least one guide or folder")
    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        print(f"{', '.join(missing)}: no such file or folder", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        findings, files = check_paths(args.paths, ref, require_placeholders=args.own)
    except ContentError as error:
        print(error, file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started
    if args.json:
        report = {"data": str(args.data), "files": files, "findings": [f.as_dict() for f in findings]}
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            print(finding)
        rate = files / elapsed if elapsed else 0.0
        print(f"{len(findings)} finding(s) in {files} file(s), {elapsed:.2f} s ({rate:,.0f} pages/s)")
    return 1 if findings else 0


def benchmark(ref: Reference, pages: int) -> int:
    """Time the Markdown scan of a synthetic tree of ``pages`` guides, on one core.

    The tree is made like a help centre: our pages in every language, each copy a guide of
    its own (its title says which), one in ten with one drifted value (a mutation). Then the
    same tree with every page drifted, and the worst case: no run of lines ever seen before.
    """
    from hooks.check import _MEMO, _heading_key  # the benchmark measures the memos too
    from hooks.check.words import signals

    def _forget() -> None:
        """Start from nothing known: no run, heading or text judged before."""
        _MEMO.clear()
        _heading_key.cache_clear()
        signals.cache_clear()

    from hooks.check.mutate import READER, mutations
    from hooks.placeholders import render

    sources = sorted((ROOT / "docs").glob("*/*.md"))
    bases = [(str(p), render(p.read_text(encoding="utf-8"), ref.values), language_of(p)) for p in sources]
    drifted = [
        [m.text for m in mutations(p.read_text(encoding="utf-8"), ref, file=str(p)) if m.view == READER]
        for p in sources
    ]

    def tree(every: int) -> list[tuple[str, str, str | None]]:
        """``pages`` guides, one in ``every`` drifted."""
        made = []
        for number in range(pages):
            which = number % len(bases)
            file, text, lang = bases[which]
            if number % every == 0 and drifted[which]:
                text = drifted[which][(number // len(bases)) % len(drifted[which])]
            made.append((f"{file}#{number}", text.replace("\n# ", f"\n# Guide {number}: ", 1), lang))
        return made

    # CPU time of this process: what one core spends, whatever else the machine runs. Each
    # tree is scanned three times from an empty memo; the best and the slowest are shown.
    for label, batch, cold in (
        ("help centre, 1 page in 10 drifted", tree(10), False),
        ("every page drifted", tree(1), False),
        ("worst case, nothing seen before", tree(1), True),
    ):
        times = []
        for _ in range(3):
            _forget()
            found = 0
            started = time.process_time()
            for file, text, lang in batch:
                if cold:
                    _forget()
                found += len(check_markdown(text, ref, file=file, lang=lang))
            times.append(time.process_time() - started)
        size = sum(len(text) for _f, text, _l in batch) / len(batch) / 1024
        best, slowest = min(times), max(times)
        print(
            f"{label}: {len(batch)} pages ({size:.1f} KiB each), {found} findings; "
            f"{len(batch) / best:,.0f} pages/s, {found / best:,.0f} findings/s "
            f"(slowest of 3: {len(batch) / slowest:,.0f} pages/s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
