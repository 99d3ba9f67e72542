"""A tiny run of the build benchmark (bench/bench.py), so that it cannot rot."""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from bench.bench import (
    BEGIN,
    END,
    BuildFailed,
    Measure,
    Results,
    build,
    generate,
    load_real_config,
    schedule,
    timed,
    write_markdown,
)
from bench.instructions import INSTALL, Unavailable, _tail, count, scan
from mailhelp.check import _HEADINGS, signals
from mailhelp.check.benchmark import Speed, never_seen_pages, scan_once
from mailhelp.check.model import Reference
from mailhelp.content.guides import read_front_matter
from mailhelp.data.settings import load_settings
from tests.conftest import DATA, DOCS, ROOT, missing

if TYPE_CHECKING:
    from pathlib import Path

VARIANTS = {"ours", "plain", "macros"}


def test_tiny_benchmark_writes_sane_results(tmp_path: Path) -> None:
    command = [
        sys.executable,
        str(ROOT / "bench" / "bench.py"),
        "--sizes",
        "3",
        "--reps",
        "1",
        "--cold",
        "30",
    ]
    run = subprocess.run(
        [*command, "--languages", "2", "--out", str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr[-3000:]

    with (tmp_path / "benchmarks.csv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert {row["variant"] for row in rows} == VARIANTS
    for row in rows:
        # 3 guides, one section index page and the home page, in 2 languages.
        assert (row["guides_per_language"], row["languages"], row["pages"]) == ("3", "2", "10")
        assert 0.2 < float(row["median_s"]) < 60, row
        assert float(row["per_page_ms"]) == pytest.approx(float(row["median_s"]) * 100, abs=0.1)
        assert 0.1 < float(row["median_cpu_s"]) < 2 * float(row["median_s"]) + 1, row
        assert 20 < float(row["peak_mb"]) < 2000, row

    report = (tmp_path / "BENCHMARKS.md").read_text(encoding="utf-8")
    assert report.count("| 3 | 10 |") == len(VARIANTS)
    loop = re.search(r"Writer's loop \(one language of the real site, strict\): ([0-9.]+) s", report)
    assert loop, report
    assert 0.1 < float(loop.group(1)) < 30
    checker = re.search(
        r"^- Drift checker's command line over the plain tree of N=3: (.+)$", report, re.MULTILINE
    )
    assert checker, report
    assert re.fullmatch(r"[0-9]+ pages/s", checker.group(1)), checker.group(1)
    cold = re.search(
        r"^- Drift checker on 30 pages never seen \((\d\.\d) KiB each, one core, CPU\): ", report, re.M
    )
    assert cold, report
    assert 2.0 <= float(cold.group(1)) <= 3.0, cold.group(0)


def test_report_keeps_the_text_around_its_block(tmp_path: Path) -> None:
    report = tmp_path / "BENCHMARKS.md"
    report.write_text(f"# Title\n\n{BEGIN}\nold numbers\n{END}\n\n## Analysis\nkept\n", encoding="utf-8")
    measures = [
        Measure(v, 10, 20, [2.0, 1.0, 3.0], [1.0, 1.0, 1.0], [50.0, 60.0, 55.0])
        for v in ("ours", "plain", "macros")
    ]
    cold = Speed("worst case", 10, 2.5, 4, 0.5, 0.6)
    write_markdown(Results(measures, ["pt"], 3, 1.0, "not available", cold, "now", [0.5, 1.5]), report)
    text = report.read_text(encoding="utf-8")
    assert text.startswith("# Title\n\n")
    assert text.endswith("\n\n## Analysis\nkept\n")
    assert "old numbers" not in text
    assert "| 10 | 20 | ours | 2.00 | 1.00 | 100.00 | 50.00 | 60 |" in text


def test_each_repetition_builds_every_size_before_the_next() -> None:
    # The machine's speed drifts over an hour's run: sizes compared must be built in turn.
    order = [(rep, size) for rep, size, _variant in schedule([50, 1000], 2)]
    assert order == [(0, 50)] * 3 + [(0, 1000)] * 3 + [(1, 50)] * 3 + [(1, 1000)] * 3
    assert [variant for _rep, _size, variant in schedule([50], 1)] == ["ours", "plain", "macros"]


def test_a_builds_peak_memory_is_its_own_not_the_benchmarks(tmp_path: Path) -> None:
    # On Linux, exec hands a child the high-water mark of the process it replaces: wait4's
    # ru_maxrss for a build started by a benchmark of 300 MB says 300 MB, whatever it used.
    (tmp_path / "ballast.py").write_text('held = b"x" * (120 * 2**20)\n', encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    _benchmark_ballast = b"x" * (300 * 2**20)
    _seconds, _cpu, small = timed(["json.tool", "--help"], env)
    _seconds, _cpu, big = timed(["ballast"], env)
    assert 5 < small < 80, small
    assert 120 < big < 200, big


def test_macros_variant_is_strict(tmp_path: Path) -> None:
    # The comparison is fair only if mkdocs-macros-plugin, like our hooks, stops on a typo.
    generate(tmp_path, guides=1, locales=["pt"], real=load_real_config())
    page = tmp_path / "docs-macros" / "pt" / "s01" / "guide-00001.md"
    text = page.read_text(encoding="utf-8")
    assert "{{ imap.host }}" in text
    page.write_text(text.replace("{{ imap.host }}", "{{ imap.hots }}"), encoding="utf-8")
    with pytest.raises(BuildFailed, match="hots"):
        build(tmp_path / "macros.yml", tmp_path / "site")


def test_the_time_of_each_hook_is_told(tmp_path: Path) -> None:
    command = [sys.executable, str(ROOT / "bench" / "bench.py"), "--by-hook", "1", "--languages", "2"]
    run = subprocess.run(command, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    rows = dict(re.findall(r"^\| (\S+ \| \S+) \| ([0-9.]+) \|", run.stdout, re.MULTILINE))
    # Every page of both languages went through the drift checker's two events.
    assert {"drift_check.py | page_markdown", "drift_check.py | post_page"} <= set(rows), run.stdout
    assert "all our hooks" in run.stdout
    total = float(re.search(r"pages, ([0-9.]+) s CPU in all", run.stdout).group(1))  # type: ignore[union-attr]
    assert 0 < sum(map(float, rows.values())) < total


def test_the_generated_guides_are_every_real_guide_in_turn(tmp_path: Path) -> None:
    real = sorted(
        p
        for p in (ROOT / "docs" / "pt").glob("*.md")
        if re.search(r"^slug:", p.read_text(encoding="utf-8"), re.M)
    )
    assert len(real) > 1
    generate(tmp_path, guides=len(real) + 1, locales=["pt", "fr"], real=load_real_config())
    folder = tmp_path / "docs-ours" / "pt" / "s01"
    made = sorted(folder.glob("guide-*.md"))
    titles = [re.search(r"^# (.+) \(E-mail, g\d+\)$", p.read_text(encoding="utf-8"), re.M) for p in made]
    assert all(titles), made
    wanted = [read_front_matter(p.read_text(encoding="utf-8"), origin=str(p))[0]["title"] for p in real]
    # Every real guide once, in file order, then the first again.
    assert [t.group(1) for t in titles] == [*wanted, wanted[0]]  # type: ignore[union-attr]
    # A link to another real guide leads to a guide made from it, never to a missing page.
    for page in (tmp_path / "docs-ours").rglob("guide-*.md"):
        for target in re.findall(r"\]\(([^()#\s]+\.md)", page.read_text(encoding="utf-8")):
            assert (page.parent / target).resolve().exists(), f"{page.name} links to {target}"


def _require_valgrind() -> None:
    """Fail in CI, skip elsewhere, when valgrind is missing, with the command that installs it."""
    if shutil.which("valgrind") and shutil.which("callgrind_control"):
        return
    missing(f"valgrind missing: counting instructions needs it.\n    fix: {INSTALL}")


def test_the_instructions_counted_are_the_scans_and_only_its() -> None:
    _require_valgrind()
    idle, scanned = count(0), count(3)
    # Starting Python, importing the package and making the pages cost billions of
    # instructions: counted, they would swamp the scan; the wait between two lines costs few.
    assert idle.instructions < 200_000, idle
    assert (scanned.pages, idle.findings) == (3, 0)
    assert 2.0 <= scanned.kib <= 3.0, scanned
    # A page never seen costs millions: a scan that read nothing would count next to none.
    assert scanned.instructions > 3 * 1_000_000, scanned
    assert "instructions a page" in str(scanned)


def test_a_missing_valgrind_is_named_with_its_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    with pytest.raises(Unavailable, match="valgrind is missing") as raised:
        count(1)
    assert INSTALL in str(raised.value)
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "instructions.py"), "--pages", "-1"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2
    assert "--pages: give a number of pages, 0 or more" in run.stderr


def test_a_broken_data_file_stops_the_count_with_its_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "settings.yml"
    broken.write_text("provider: [unclosed\n", encoding="utf-8")
    monkeypatch.setattr("mailhelp.commands.DATA", broken)
    with pytest.raises(SystemExit) as stopped:
        scan(0)  # the child under valgrind: its message, not a traceback, reaches the user
    assert str(broken) in str(stopped.value.code)
    assert "fix:" in str(stopped.value.code)
    # What the child wrote is shown without valgrind's own lines.
    log = "==4242== Callgrind, a call-graph generating cache profiler\nsettings.yml:1: bad\n==4242== \n"
    assert _tail(log) == "settings.yml:1: bad"


def test_the_never_seen_scan_forgets_every_text_before_each_page() -> None:
    # Each page is scanned as if it were the first: what the scan remembers after two pages
    # is what it remembers after the second alone (the regions and products of the texts it
    # read too, which the data's reference keeps).
    ref = Reference.from_settings(load_settings(DATA), file=str(DATA))
    batch = never_seen_pages(ref, 12, docs=DOCS)

    def remembered() -> tuple[set[object], set[object], int]:
        return set(ref._names_seen), set(_HEADINGS), signals.cache_info().currsize

    alone = {}
    for page in batch:
        scan_once([page], ref, cold=True)
        alone[page[0]] = remembered()
    # Two pages, the first of which leaves names that the second does not read.
    first, second = next((a, b) for a in batch for b in batch if alone[a[0]][0] - alone[b[0]][0])
    scan_once([first, second], ref, cold=True)
    assert remembered() == alone[second[0]]
