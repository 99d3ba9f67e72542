"""`make build` (hooks/publish.py): reproducible builds, and a failed build publishes nothing."""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest

from mailhelp.site.publish import ROOT, PublishError, publish, source_date_epoch
from tests.conftest import DATA, DOCS, locales

if TYPE_CHECKING:
    from pathlib import Path

# A fixed day long past: a build that took its date from the clock would show today instead.
PINNED = 1_600_000_000  # 2020-09-13


def _tree(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()
    }


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same commit published twice, into different folders, the first over a stale site.

    The commit's date is replaced by a day long past, so the dates in the output show
    whether the build took them from the commit or from the clock.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        patch.setattr("mailhelp.site.publish.source_date_epoch", lambda: PINNED)
        patch.delenv("DOCS_LANG", raising=False)
        first = tmp_path_factory.mktemp("first") / "site"
        first.mkdir()
        (first / "stale.html").write_text("from an older build", encoding="utf-8")
        second = tmp_path_factory.mktemp("second") / "site"
        publish(first)
        publish(second)
    return first, second


def test_two_builds_are_byte_identical(two_builds: tuple[Path, Path]) -> None:
    """Every file of two builds of one commit has the same bytes; no file is extra."""
    first, second = (_tree(site) for site in two_builds)
    assert len(first) > 20
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []


def test_the_build_date_is_the_pinned_one(two_builds: tuple[Path, Path]) -> None:
    """The dates a build writes (sitemap, its gzip header) are the commit's, not today's."""
    site = two_builds[0]
    day = datetime.fromtimestamp(PINNED, UTC).strftime("%Y-%m-%d")
    dates = set(re.findall(r"<lastmod>([^<]*)</lastmod>", (site / "sitemap.xml").read_text(encoding="utf-8")))
    assert dates == {day}
    with gzip.open(site / "sitemap.xml.gz") as packed:
        packed.read()
        stamp = packed.mtime
    assert stamp is not None
    assert datetime.fromtimestamp(stamp, UTC).strftime("%Y-%m-%d") == day


def test_publish_replaces_the_old_site_whole(two_builds: tuple[Path, Path]) -> None:
    """A good build takes the place of site/: no file of the old site stays, nothing is left beside it."""
    site = two_builds[0]
    assert not (site / "stale.html").exists()
    assert (site / "index.html").is_file()
    assert sorted(path.name for path in site.parent.iterdir()) == ["site", "site.lock"]
    assert site.stat().st_mode & 0o755 == 0o755


def test_without_a_pinned_date_the_build_takes_the_last_commits(monkeypatch: pytest.MonkeyPatch) -> None:
    """`make build` needs no set-up: the date of the checked-out commit pins the build."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    commit = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert source_date_epoch() == int(commit.stdout)


def _bad_settings(tmp_path: Path) -> Path:
    bad = tmp_path / "settings.yml"
    text = DATA.read_text(encoding="utf-8")
    assert "port: 993\n" in text
    bad.write_text(text.replace("port: 993\n", "port: 99300\n", 1), encoding="utf-8")
    return bad


def test_a_failing_build_leaves_the_site_untouched(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A strict build that fails (a port out of range) says why and changes nothing in site/."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the published site", encoding="utf-8")
    before = _tree(site)
    with pytest.raises(PublishError, match="The build failed"):
        publish(site, config_overrides={"extra": {"settings_file": str(_bad_settings(tmp_path))}})
    assert "99300" in caplog.text
    assert _tree(site) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["settings.yml", "site", "site.lock"]


def test_a_broken_link_is_not_published(tmp_path: Path) -> None:
    """The site checks run before the swap: a strict build with a dead raw-HTML link keeps the old site."""
    docs = tmp_path / "docs"
    shutil.copytree(DOCS, docs)
    home = docs / locales()[0] / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + '\n<a href="missing/">?</a>\n', encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the published site", encoding="utf-8")
    with pytest.raises(PublishError, match=r"'missing/' names missing/index\.html"):
        publish(site, config_overrides={"docs_dir": str(docs)})
    assert (site / "index.html").read_text(encoding="utf-8") == "the published site"
