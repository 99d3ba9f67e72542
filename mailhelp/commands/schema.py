"""``mailhelp schema [--write | --check]``: the settings file's JSON Schema, from the validator's.

Editors read ``data/settings.schema.json`` (named on the data file's first line) to complete
keys and flag mistakes as a writer types; it is generated from the same description the
validator checks against (:mod:`mailhelp.data.schema`), never edited by hand.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

from mailhelp.commands import FINDINGS, OK, ROOT
from mailhelp.data.schema import json_schema

if TYPE_CHECKING:
    import argparse

NAME = "schema"
HELP = "Print, write or check the settings file's JSON Schema (data/settings.schema.json)."
SCHEMA_FILE = ROOT / "data" / "settings.schema.json"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Print by default; write or check the committed file."""
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--write", action="store_true", help=f"write {SCHEMA_FILE.relative_to(ROOT)}")
    what.add_argument("--check", action="store_true", help="exit 1 when the committed file is out of date")


def run(args: argparse.Namespace) -> int:
    """Print, write or check the schema."""
    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.write:
        SCHEMA_FILE.write_text(text, encoding="utf-8")
        print(f"wrote {SCHEMA_FILE.relative_to(ROOT)}")
    elif args.check:
        current = SCHEMA_FILE.read_text(encoding="utf-8") if SCHEMA_FILE.exists() else ""
        if current != text:
            print(
                f"{SCHEMA_FILE.relative_to(ROOT)} is out of date: run `mailhelp schema --write`",
                file=sys.stderr,
            )
            return FINDINGS
    else:
        sys.stdout.write(text)
    return OK
