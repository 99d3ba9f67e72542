"""Forget a package's modules once one of its files has changed (see hooks/live_reload.py).

This module keeps, across the rebuilds of one ``mkdocs serve``, the time of every source
file of the package when it was last loaded; it never forgets itself, so that record stays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import MutableMapping
    from pathlib import Path
    from types import ModuleType

_SEEN: dict[Path, dict[Path, int]] = {}
"""Per package folder: each source file's modification time when the package was loaded."""


def forget_if_changed(modules: MutableMapping[str, ModuleType], *, folder: Path, package: str) -> list[str]:
    """Drop the modules of ``package`` from ``modules`` if a file under ``folder`` changed.

    The first call only records the files' times. Returns the names dropped: none when
    nothing changed, so a plain build, or the tests, never lose their modules.
    """
    now = source_times(folder)
    before = _SEEN.setdefault(folder, now)
    if now == before:
        return []
    _SEEN[folder] = now
    keep = {__name__}
    dropped = sorted(
        name for name in modules if (name == package or name.startswith(package + ".")) and name not in keep
    )
    for name in dropped:
        del modules[name]
    return dropped


def source_times(folder: Path) -> dict[Path, int]:
    """Each ``.py`` file under ``folder`` and its modification time, in nanoseconds."""
    times = {}
    for path in folder.rglob("*.py"):
        try:
            times[path] = path.stat().st_mtime_ns
        except OSError:
            continue  # removed while we looked: the next rebuild sees it gone
    return times
