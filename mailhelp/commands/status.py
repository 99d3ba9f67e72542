"""``mailhelp status [--ci]``: the translation status of every page, per language.

For each outdated page it prints what changed in the source since the translation was last
reviewed, and the command that marks it reviewed. ``make status`` calls it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config import load_config

from mailhelp.commands import CONFIG_FILE, FINDINGS, OK, UNUSABLE
from mailhelp.problems import ContentError
from mailhelp.site.build import site_locales
from mailhelp.translations.status import (
    MISSING,
    OUTDATED,
    UNMARKED,
    UP_TO_DATE,
    changes_since,
    page_status,
)

if TYPE_CHECKING:
    import argparse

NAME = "status"
HELP = "Show per language and page what is up to date, outdated, not marked or missing."
MARK_COMMAND = "make translated PAGE={path}"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The status report's arguments."""
    parser.add_argument("--ci", action="store_true", help="exit 1 when a page is missing or outdated")
    parser.add_argument("--config", type=Path, default=CONFIG_FILE, help="the site configuration")


def run(args: argparse.Namespace) -> int:
    """Print the status of every translated page; return the exit status."""
    docs, locales = site_of(args.config)
    try:
        return _report(docs, locales, ci=args.ci, repo=args.config.resolve().parent)
    except ContentError as error:
        print(error, file=sys.stderr)
        return UNUSABLE


def site_of(config_file: Path) -> tuple[Path, list[str]]:
    """The docs folder and the locales (source first) of the site configured in ``config_file``."""
    config = load_config(config_file=str(config_file))
    return Path(config.docs_dir), site_locales(config)


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
    return FINDINGS if ci and failing else OK


def _indent(text: str) -> str:
    return "\n".join("       " + line for line in text.rstrip("\n").splitlines())
