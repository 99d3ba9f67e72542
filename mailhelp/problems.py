"""Problems found in content or data, reported as ``file:line:col: message``.

Every pure module raises :class:`ContentError` with one or more :class:`Problem`; the
hooks turn it into a ``PluginError`` and the command line prints it. Nobody sees a
traceback for a writer's mistake.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable


@dataclass(frozen=True)
class Problem:
    """One mistake at one place, with what to do about it."""

    file: str
    line: int | None
    col: int | None
    message: str
    fix: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        text = f"{where}: {self.message}"
        if self.fix:
            text += f"\n    fix: {self.fix}"
        return text


class ContentError(Exception):
    """Raised with every problem found in one file or one data set."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(format_problems(self.problems))


def format_problems(problems: Iterable[Problem]) -> str:
    """Render problems one after the other, each on its own line(s)."""
    return "\n".join(str(problem) for problem in problems)
