"""Load and validate the one settings file (``data/settings.yml``).

The file is read as a writer reads it (:mod:`mailhelp.data.yaml_reader`), checked against
the schema node by node and then across its parts (:mod:`mailhelp.data.validate`), so that
every mistake names its line, its dotted key, the value received and what is expected.
All mistakes of a file are reported at once.
"""

from __future__ import annotations

import stat
from pathlib import Path

from mailhelp.data import yaml_reader
from mailhelp.data.model import Settings, endpoints_from
from mailhelp.data.schema import SCHEMA
from mailhelp.data.validate import Walker, cross_check
from mailhelp.problems import ContentError, Problem

MAX_SIZE = 1024 * 1024
"""A settings file is a few kilobytes: anything past a megabyte is not one."""

__all__ = ["Settings", "load_settings", "parse_settings"]


def load_settings(path: Path) -> Settings:
    """Read, validate and model the settings file at ``path``.

    Raises :class:`ContentError` naming the file, line, key, value and expectation of every
    mistake; a path that is not a regular file of text (a folder, a device, a pipe, a file
    too large) is refused before it is read, so that reading never hangs.
    """
    shown = display_path(path)

    def refuse(message: str, fix: str) -> ContentError:
        return ContentError([Problem(shown, None, None, message, fix)])

    if path.is_symlink() and not path.resolve().is_relative_to(path.parent.resolve()):
        # Its text would be quoted in the messages: never read a file from elsewhere.
        raise refuse(
            f"the settings file is a symbolic link to {path.readlink()}, outside its folder",
            f"put the settings file itself there: cp --remove-destination {path.resolve()} {path}",
        )
    try:
        info = path.stat()
    except FileNotFoundError:
        raise refuse("the settings file does not exist", "create it, see README.md") from None
    except OSError as error:
        raise refuse(f"the settings file cannot be read: {error.strerror}", "check the path") from None
    if not stat.S_ISREG(info.st_mode):
        raise refuse("the settings file is not a regular file", "point settings_file at a YAML file")
    if info.st_size > MAX_SIZE:
        raise refuse(
            f"the settings file is {info.st_size:,} bytes",
            "a settings file is a few kilobytes: check the path",
        )
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        message = f"the settings file is not UTF-8 text (byte {error.object[error.start]:#04x})"
        raise ContentError([Problem(shown, line, None, message, "save it as UTF-8")]) from None
    except OSError as error:
        raise refuse(f"the settings file cannot be read: {error.strerror}", "check the path") from None
    return parse_settings(text, path=path)


def parse_settings(text: str, *, path: Path) -> Settings:
    """Validate settings given as YAML ``text``; ``path`` is only used in messages."""
    shown = display_path(path)
    root, problems = yaml_reader.compose(text, shown=shown)
    if problems:
        raise ContentError(problems)
    walker = Walker(shown)
    data = walker.walk(root, SCHEMA)
    if walker.problems:
        raise ContentError(walker.problems)
    errors, warnings = cross_check(data, walker.places, shown)
    if errors:
        raise ContentError(errors)
    return Settings(path=path, data=data, endpoints=endpoints_from(data), warnings=tuple(warnings))


def display_path(path: Path) -> str:
    """``path`` relative to the working folder when it is below it, as a writer typed it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except (ValueError, OSError):
        return str(path)
