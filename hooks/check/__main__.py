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
from hooks.check.rules import Reference
from hooks.problems import ContentError
from hooks.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "settings.yml"


def main(argv: list[str] | None = None) -> int:
    """Run the checker as the command line asks; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m hooks.check", description=__doc__.split("\n\n")[0])
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
    except (OSError, UnicodeDecodeError) as error:
        print(f"cannot read a guide: {error}\n    fix: save it as UTF-8 text", file=sys.stderr)
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
    """Scan ``pages`` synthetic pages (our pages and their mutations, every language)."""
    from hooks.check.mutate import mutations  # only the benchmark needs it

    tree: list[tuple[str, str, str | None]] = []
    sources = sorted((ROOT / "docs").glob("*/*.md"))
    for path in sources:
        tree.append((str(path), path.read_text(encoding="utf-8"), language_of(path)))
    for path in sources:
        source = path.read_text(encoding="utf-8")
        tree += [(m.file, m.text, language_of(path)) for m in mutations(source, ref, file=str(path))]
    batch = [tree[i % len(tree)] for i in range(pages)]
    size = sum(len(text) for _f, text, _l in batch)
    started = time.perf_counter()
    found = 0
    for file, text, lang in batch:
        found += len(check_markdown(text, ref, file=file, lang=lang))
    elapsed = time.perf_counter() - started
    print(
        f"{pages} pages ({size / pages / 1024:.1f} KiB each, {len(tree)} distinct), {found} findings "
        f"in {elapsed:.2f} s: {pages / elapsed:,.0f} pages/s, {found / elapsed:,.0f} findings/s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
