"""The strings files: every text the build writes into pages, one file per language.

``docs/<locale>/strings.yml`` holds the words of generated settings tables, notices and the
site's name. The source language's file says which keys there are; every translation has
exactly those keys (plus the ``source_hash`` that ``mailhelp mark`` writes), each a text. A
missing key, an unknown key or a YAML mistake stops the build with the file, the line and
the key. A language without its file is shown the source language's strings; ``mailhelp
status`` lists it as missing, like a page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from mailhelp.data import yaml_reader
from mailhelp.data.schema import TEXT, Optional
from mailhelp.data.validate import Walker
from mailhelp.problems import ContentError, Problem

STRINGS_FILE = "strings.yml"
"""The strings file's name in each language folder of ``docs/``."""

HASH_KEY = "source_hash"


def load_strings(docs: Path, locales: list[str]) -> dict[str, dict[str, Any]]:
    """Every language's strings, the source language's (``locales[0]``) standing in for a
    missing file. Raises :class:`ContentError` with every mistake of every file."""
    source = docs / locales[0] / STRINGS_FILE
    problems: list[Problem] = []
    root = _compose(source, docs, problems)
    if root is None:
        raise ContentError(problems)
    spec = _spec_of(root)
    walker = Walker(_shown(source, docs))
    base = walker.walk(root, spec)
    problems += walker.problems
    found = {locales[0]: base}
    translated = {**spec, HASH_KEY: Optional(TEXT)}
    for locale in locales[1:]:
        path = docs / locale / STRINGS_FILE
        if not path.exists():
            found[locale] = base
            continue
        node = _compose(path, docs, problems)
        if node is None:
            continue
        walker = Walker(_shown(path, docs))
        found[locale] = walker.walk(node, translated)
        problems += [_against(problem, _shown(source, docs)) for problem in walker.problems]
    if problems:
        raise ContentError(problems)
    return found


def _compose(path: Path, docs: Path, problems: list[Problem]) -> yaml.Node | None:
    shown = _shown(path, docs)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(
            Problem(
                shown, None, None, "the strings file does not exist", "create it from docs/pt/strings.yml"
            )
        )
        return None
    except (OSError, UnicodeDecodeError) as error:
        problems.append(
            Problem(shown, None, None, f"cannot be read as UTF-8 text: {error}", "save it as UTF-8")
        )
        return None
    root, found = yaml_reader.compose(text, shown=shown)
    problems += found
    if root is None and not found:
        problems.append(
            Problem(shown, None, None, "the strings file is empty", "copy the keys of docs/pt/strings.yml")
        )
    return root


def _against(problem: Problem, source: str) -> Problem:
    """A translation's key the source lacks: the fix names the source, which sets the keys."""
    if "expected one of the known keys here" not in problem.message:
        return problem
    fix = f"{source} has no such key: translate the keys it has (or add this one there first)"
    return Problem(problem.file, problem.line, problem.col, problem.message, fix)


def _spec_of(node: yaml.Node) -> Any:
    """The schema the source file sets: its keys, nested as they are, each a text."""
    if isinstance(node, yaml.MappingNode):
        return {str(key.value): _spec_of(value) for key, value in node.value}
    return TEXT


def _shown(path: Path, docs: Path) -> str:
    return (Path(docs.name) / path.relative_to(docs)).as_posix() if path.is_relative_to(docs) else str(path)
