"""The ``mailhelp`` command as it is run: the installed script, in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from mailhelp.cli import COMMANDS
from tests.conftest import DOCS, ROOT, SEED

if TYPE_CHECKING:
    from collections.abc import Sequence

MAILHELP = Path(sys.executable).with_name("mailhelp")
"""The script ``[project.scripts]`` installs beside the virtual environment's Python."""


def run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run ``mailhelp`` with ``args`` as a user would, from ``cwd``."""
    command: Sequence[str | Path] = [MAILHELP, *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False, timeout=300)


def test_the_script_is_installed() -> None:
    assert MAILHELP.is_file(), "run `make test`: it installs the package and its `mailhelp` script"


def test_help_lists_every_verb_and_the_exit_statuses() -> None:
    done = run("--help")
    assert done.returncode == 0, done.stderr
    for command in COMMANDS:
        assert command.NAME in done.stdout
    assert "0 all good, 1 findings, 2 unusable input" in done.stdout


@pytest.mark.parametrize("verb", [command.NAME for command in COMMANDS])
def test_every_verb_has_its_help(verb: str) -> None:
    done = run(verb, "--help")
    assert done.returncode == 0, done.stderr
    assert f"usage: mailhelp {verb}" in done.stdout


@pytest.mark.parametrize("args", [[], ["nonsense"], ["check", "--no-such-option"], ["mark"]])
def test_a_wrong_command_line_exits_2_with_the_usage(args: list[str]) -> None:
    done = run(*args)
    assert done.returncode == 2
    assert "usage: mailhelp" in done.stderr


def test_check_exits_1_on_the_seeds_findings_from_any_folder(tmp_path: Path) -> None:
    done = run("check", SEED, "--json", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert [f["line"] for f in json.loads(done.stdout)["findings"]] == [22, 27]


def test_check_exits_0_on_our_pages_and_2_on_a_missing_folder(tmp_path: Path) -> None:
    assert run("check", DOCS, "--own").returncode == 0
    missing = run("check", tmp_path / "missing")
    assert missing.returncode == 2
    assert "no such file or folder" in missing.stderr


def test_python_dash_m_is_the_same_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mailhelp", "check", SEED], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    assert "ns0.ovh.net" in done.stdout


def test_status_reports_every_translated_page() -> None:
    done = run("status")
    assert done.returncode == 0, done.stderr
    assert "translated pages:" in done.stdout


def test_mark_refuses_a_page_outside_the_docs(tmp_path: Path) -> None:
    stray = tmp_path / "page.md"
    stray.write_text("# Page\n", encoding="utf-8")
    done = run("mark", stray)
    assert done.returncode == 2
    assert "not a page under" in done.stderr


def test_publish_builds_and_swaps_in_a_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    done = run("publish", "--site-dir", site)
    assert done.returncode == 0, done.stderr[-2000:]
    assert (site / "index.html").is_file()
    assert (site / "fr" / "index.html").is_file()
