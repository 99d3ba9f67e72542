"""Under ``mkdocs serve``, an edit of the package makes the next rebuild import it anew."""

from __future__ import annotations

import os
from types import ModuleType
from typing import TYPE_CHECKING

from mailhelp import reload

if TYPE_CHECKING:
    from pathlib import Path


def _package(tmp_path: Path) -> tuple[Path, dict[str, ModuleType]]:
    folder = tmp_path / "pkg"
    (folder / "sub").mkdir(parents=True)
    for name in ("__init__.py", "a.py", "sub/b.py"):
        (folder / name).write_text("", encoding="utf-8")
    names = ("pkg", "pkg.a", "pkg.sub.b", "pkgother", "json")
    return folder, {name: ModuleType(name) for name in names}


def test_nothing_is_forgotten_while_no_file_changes(tmp_path: Path) -> None:
    folder, modules = _package(tmp_path)
    assert reload.forget_if_changed(modules, folder=folder, package="pkg") == []
    assert reload.forget_if_changed(modules, folder=folder, package="pkg") == []
    assert len(modules) == 5


def test_an_edited_file_forgets_the_package_and_only_it(tmp_path: Path) -> None:
    folder, modules = _package(tmp_path)
    reload.forget_if_changed(modules, folder=folder, package="pkg")
    edited = folder / "sub" / "b.py"
    stamp = edited.stat().st_mtime_ns + 1_000_000_000
    os.utime(edited, ns=(stamp, stamp))
    assert reload.forget_if_changed(modules, folder=folder, package="pkg") == ["pkg", "pkg.a", "pkg.sub.b"]
    assert sorted(modules) == ["json", "pkgother"]
    # The new code is what the next build sees: nothing more to forget until the next edit.
    assert reload.forget_if_changed(modules, folder=folder, package="pkg") == []


def test_a_new_or_removed_file_counts_as_a_change(tmp_path: Path) -> None:
    folder, modules = _package(tmp_path)
    reload.forget_if_changed(modules, folder=folder, package="pkg")
    (folder / "c.py").write_text("", encoding="utf-8")
    assert "pkg.a" in reload.forget_if_changed(modules, folder=folder, package="pkg")
    (folder / "c.py").unlink()
    modules["pkg.a"] = ModuleType("pkg.a")
    assert reload.forget_if_changed(modules, folder=folder, package="pkg") == ["pkg.a"]


def test_the_record_itself_is_never_forgotten(tmp_path: Path) -> None:
    folder = tmp_path / "mailhelp"
    folder.mkdir()
    (folder / "x.py").write_text("", encoding="utf-8")
    modules = {"mailhelp": ModuleType("mailhelp"), reload.__name__: reload}
    reload.forget_if_changed(modules, folder=folder, package="mailhelp")
    (folder / "y.py").write_text("", encoding="utf-8")
    assert reload.forget_if_changed(modules, folder=folder, package="mailhelp") == ["mailhelp"]
    assert modules[reload.__name__] is reload
