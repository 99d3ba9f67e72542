"""Read YAML as a writer reads it: what the text shows is what the value is.

PyYAML resolves plain scalars with YAML 1.1's rules: ``0143`` becomes 99 (octal), ``2:23``
becomes 143 (base 60), ``yes`` becomes true. The settings file is read with the plain forms
of YAML 1.2's core schema instead (``true``/``false``, ``null``, decimal integers, decimal
numbers; everything else is text), and the forms whose meaning a writer may not see are
refused with their line: a number with a leading zero, a tag (``!foo``), an anchor or alias
(``&srv``, ``*srv``), a merge key (``<<``), nesting deeper than any setting needs.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from mailhelp.problems import Problem

MAX_DEPTH = 12
"""Deeper than any section of the file: deeper nesting is a mistake, or an attack."""

_NULL = re.compile(r"^(?:null|Null|NULL|~|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_LEADING_ZERO = re.compile(r"^[-+]?0[0-9_]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")


def compose(text: str, *, shown: str) -> tuple[yaml.Node | None, list[Problem]]:
    """The YAML node tree of ``text``, or the problems that keep it from being read.

    The events are read first, without recursion, so that a refused form (or a document
    nested thousands deep) is reported before the tree is built.
    """
    problems: list[Problem] = []
    try:
        depth = 0
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            mark = event.start_mark
            where = (mark.line + 1, mark.column + 1)
            if isinstance(event, yaml.AliasEvent):
                problems.append(
                    _refused(shown, where, f"an alias '*{event.anchor}'", "write the value out in full")
                )
                continue
            if getattr(event, "anchor", None):
                problems.append(_refused(shown, where, f"an anchor '&{event.anchor}'", "remove it"))
            tag = getattr(event, "tag", None)
            if tag is not None and tag != "!":
                problems.append(_refused(shown, where, f"a YAML tag '{tag}'", "remove the tag"))
            elif isinstance(event, yaml.ScalarEvent) and event.value == "<<" and event.style is None:
                problems.append(_refused(shown, where, "a merge key '<<'", "write the keys out in full"))
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    message = f"the file is nested more than {MAX_DEPTH} levels deep"
                    problems.append(
                        Problem(shown, *where, message, "indent each setting under its section only")
                    )
                    return None, problems
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
        if problems:
            return None, problems
        return yaml.compose(text, Loader=yaml.SafeLoader), []
    except yaml.YAMLError as error:
        return None, [syntax_problem(error, shown)]


def scalar(node: yaml.ScalarNode) -> Any:
    """The value of a scalar as written: quoted text stays text; plain text by YAML 1.2."""
    text = node.value
    if node.style is not None:  # quoted or block: always text
        return text
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        return float(text)
    return text


def leading_zero(node: yaml.ScalarNode) -> bool:
    """A plain number written with a leading zero (``0143``): octal in YAML 1.1, 143 in 1.2."""
    return node.style is None and _LEADING_ZERO.match(node.value) is not None


def _refused(shown: str, where: tuple[int, int], what: str, fix: str) -> Problem:
    return Problem(shown, *where, f"{what} is not allowed in the settings file", fix)


def syntax_problem(
    error: yaml.YAMLError, shown: str, *, first_line: int = 1, fix: str | None = None
) -> Problem:
    """A YAML syntax error as a problem at the line where the writer must look.

    The problem mark is where the parser noticed; the context mark (when there is one) is
    where the construct it could not finish began. For an unclosed ``[``, ``{`` or quote, and
    for a text that ran on over the lines below it, the mistake is where the construct began;
    for a line indented wrong, it is where the parser noticed, inside the block.
    ``first_line`` is the file line the YAML text starts on (front matter starts on 2)."""
    mark = getattr(error, "problem_mark", None)
    context = getattr(error, "context_mark", None)
    reason = getattr(error, "problem", None) or str(error)
    if context is not None and mark is not None and context.line < mark.line:
        opened = str(getattr(error, "context", "")) + reason
        if any(word in opened for word in ("flow", "quoted", "found '<scalar>'")):
            reason += f" (noticed on line {mark.line + first_line})"
            mark = context
        else:
            reason += f" (in the block that starts on line {context.line + first_line})"
    line = mark.line + first_line if mark is not None else None
    col = mark.column + 1 if mark is not None else None
    fix = fix or "check the indentation and quoting on that line (values holding ': ' need quotes)"
    return Problem(shown, line, col, f"YAML syntax error: {reason}", fix)
