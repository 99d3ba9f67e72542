"""``mailhelp publish [--site-dir DIR]``: build strictly into a new folder, check it, swap it in.

A failed build or check prints why and leaves the published folder as it was (exit 1);
``make build`` calls it.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mailhelp.commands import FINDINGS, OK, ROOT
from mailhelp.site.publish import PublishError, publish

if TYPE_CHECKING:
    import argparse

NAME = "publish"
HELP = "Build and check the site in a new folder, then put it in place of site/."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Where to publish."""
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site", help="the folder to replace")


def run(args: argparse.Namespace) -> int:
    """Publish, printing MkDocs' messages as ``mkdocs build`` does."""
    _log_like_mkdocs()
    try:
        publish(args.site_dir)
    except PublishError as error:
        print(f"{error}\n{args.site_dir} was left as it was.", file=sys.stderr)
        return FINDINGS
    print(f"Published {args.site_dir}")
    return OK


def _log_like_mkdocs() -> None:
    """Print MkDocs' messages as ``mkdocs build`` does: level, then text."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
