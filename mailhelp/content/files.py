"""Reading a page's file: UTF-8 only, with the line of the first byte that is not and the fix."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mailhelp.problems import ContentError, Problem

if TYPE_CHECKING:
    from pathlib import Path


def read_page(path: Path, *, shown: str | None = None) -> str:
    """The text of the page at ``path``, which must be UTF-8.

    Raises :class:`ContentError` with the line of the first byte that is not UTF-8, the
    encoding it most likely is, and the command that converts it.
    """
    shown = shown or str(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        problem = Problem(shown, None, None, "is a folder, not a page", "name a page: a .md file in it")
        raise ContentError([problem]) from None
    except OSError as error:
        problem = Problem(shown, None, None, f"cannot be read: {error.strerror}", "check the path")
        raise ContentError([problem]) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        col = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        byte = data[error.start]
        guess = "Windows-1252 or Latin-1" if _reads_as_cp1252(data) else "not UTF-8"
        message = f"the page is not UTF-8 text (byte {byte:#04x}; it looks like {guess})"
        fix = (
            "save it as UTF-8 (your editor's 'Save with encoding'), "
            f"or: iconv -f windows-1252 -t utf-8 {shown} > {shown}.new && mv {shown}.new {shown}"
        )
        raise ContentError([Problem(shown, line, col, message, fix)]) from None


def _reads_as_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True
