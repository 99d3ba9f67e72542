"""Command line: the translation status of every page, and marking a page as reviewed.

    python -m hooks.status              # per language and page; diffs of outdated sources
    python -m hooks.status --ci         # also exit 1 when a page is missing or outdated
    python -m hooks.status mark docs/fr/guide.md [...]   # record the source as reviewed

``make status`` and ``make translated PAGE=docs/fr/guide.md`` call it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mkdocs.config import load_config

from hooks.problems import ContentError
from hooks.settings_hook import site_locales
from hooks.translations import (
    MISSING,
    OUTDATED,
    UNMARKED,
    UP_TO_DATE,
    changes_since,
    mark_reviewed,
    page_status,
)

ROOT = Path(__file__).resolve().parent.parent
MARK_COMMAND = "make translated PAGE={path}"


def main(argv: list[str] | None = None) -> int:
    """Run the command; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m hooks.status", description=__doc__.split("\n")[0])
    parser.add_argument("--ci", action="store_true", help="exit 1 when a page is missing or outdated")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="the site configuration")
    parser.add_argument("action", nargs="?", choices=["mark"], help="mark pages as reviewed")
    parser.add_argument("pages", nargs="*", type=Path, help="translated pages to mark")
    args = parser.parse_args(argv)
    docs, locales = _site(args.config)
    try:
        if args.action == "mark":
            return _mark(args.pages, docs, locales[0])
        return _report(docs, locales, ci=args.ci, repo=args.config.resolve().parent)
    except ContentError as error:
        print(error, file=sys.stderr)
        return 2


def _site(config_file: Path) -> tuple[Path, list[str]]:
    config = load_config(config_file=str(config_file))
    return Path(config.docs_dir), site_locales(config)


def _mark(pages: list[Path], docs: Path, source: str) -> int:
    if not pages:
        print("name the translated pages to mark, e.g. docs/fr/index.md", file=sys.stderr)
        return 2
    for page in pages:
        try:
            locale, inner = _split(page, docs)
        except ValueError:
            print(f"{page}: not a page under {docs}/<locale>/", file=sys.stderr)
            return 2
        origin = docs / source / inner
        if locale == source or not origin.exists() or not page.exists():
            print(f"{page}: no source page {origin} to mark it against", file=sys.stderr)
            return 2
        digest = mark_reviewed(page, origin)
        print(f"{page}: marked as translating {origin} ({digest})")
    return 0


def _split(page: Path, docs: Path) -> tuple[str, Path]:
    parts = page.resolve().relative_to(docs.resolve()).parts
    return parts[0], Path(*parts[1:])


def _report(docs: Path, locales: list[str], *, ci: bool, repo: Path) -> int:
    statuses = page_status(docs, locales[0], locales)
    counts = dict.fromkeys((UP_TO_DATE, OUTDATED, UNMARKED, MISSING), 0)
    for status in statuses:
        counts[status.state] += 1
        path = docs / status.locale / status.page
        shown = path.relative_to(repo) if path.is_relative_to(repo) else path
        print(f"{status.locale:>5}  {status.state:<10}  {status.page}")
        if status.state == MISSING:
            print("       readers see the source page with a notice; translate it, then run:")
            print(f"       {MARK_COMMAND.format(path=shown)}")
        elif status.state in (OUTDATED, UNMARKED):
            source = docs / locales[0] / status.page
            if status.state == OUTDATED and status.recorded:
                diff = changes_since(source, status.recorded, repo=repo)
                print(_indent(diff) if diff else "       (the reviewed version is not in git history)")
            print(f"       after updating the translation, run: {MARK_COMMAND.format(path=shown)}")
    summary = ", ".join(f"{n} {state}" for state, n in counts.items())
    print(f"\n{len(statuses)} translated pages: {summary}")
    failing = counts[MISSING] + counts[OUTDATED] + counts[UNMARKED]
    return 1 if ci and failing else 0


def _indent(text: str) -> str:
    return "\n".join("       " + line for line in text.rstrip("\n").splitlines())


if __name__ == "__main__":
    sys.exit(main())
