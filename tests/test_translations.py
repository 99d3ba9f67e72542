"""Translations: parity with the source, status tracking, and the fallback notice."""

from __future__ import annotations

import shutil
import subprocess
from typing import TYPE_CHECKING

import pytest

from mailhelp.cli import main
from mailhelp.translations.parity import differences
from mailhelp.translations.status import (
    MISSING,
    OUTDATED,
    UNMARKED,
    UP_TO_DATE,
    changes_since,
    mark_reviewed,
    page_status,
    source_hash,
)
from tests.conftest import DOCS, BuildFailed, locales, pages

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from tests.conftest import Built

SOURCE = locales()[0]
GUIDE = "e-mails_partilhados_guia_de_configuracao_para_o_windows_mail.md"
TRANSLATIONS = [
    (locale, page.relative_to(DOCS / SOURCE).as_posix()) for locale in locales()[1:] for page in pages(SOURCE)
]


def read(locale: str, page: str) -> str:
    return (DOCS / locale / page).read_text(encoding="utf-8")


@pytest.mark.parametrize(("locale", "page"), TRANSLATIONS, ids=[f"{loc}/{p}" for loc, p in TRANSLATIONS])
def test_translation_has_the_settings_and_structure_of_its_source(locale: str, page: str) -> None:
    found = differences(read(SOURCE, page), read(locale, page))
    assert not found, f"docs/{locale}/{page} departs from docs/{SOURCE}/{page}:\n- " + "\n- ".join(found)


@pytest.mark.parametrize(("locale", "page"), TRANSLATIONS, ids=[f"{loc}/{p}" for loc, p in TRANSLATIONS])
def test_every_translation_is_up_to_date(locale: str, page: str) -> None:
    statuses = {(s.locale, s.page): s.state for s in page_status(DOCS, SOURCE, locales())}
    state = statuses[(locale, page)]
    assert state == UP_TO_DATE, (
        f"docs/{locale}/{page} is {state}: update it, then run `make translated PAGE=docs/{locale}/{page}`"
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "`{{ imap.host }}:",
            "`imap host:",
            "uses {{ imap.host }} 0x where the source uses it 1x",
            id="dropped-setting",
        ),
        pytest.param(
            "IMAP: porta {{ imap.ports.ssl }} (SSL/TLS)",
            "IMAP: porta 993 (SSL/TLS)",
            "uses {{ imap.ports.ssl }}",
            id="hard-coded-value",
        ),
        pytest.param("{{ smtp.host }}", "{{ smtp.hôte }}", "uses {{ smtp.host }}", id="translated-key"),
        pytest.param("slug: e-mails", "slug: courriels", "front matter 'slug'", id="translated-slug"),
        pytest.param("product: mx_plan", "product: email_pro", "front matter 'product'", id="other-product"),
        pytest.param("/// regions\n| Campo", "| Campo", "has the blocks", id="lost-region-block"),
        pytest.param("/// settings\n", "\n", "has the blocks", id="lost-settings-table"),
        pytest.param(
            "legacy_guide_number: g1300",
            "legacy_guide_number: g1301",
            "'legacy_guide_number'",
            id="changed-legacy-number",
        ),
        pytest.param(
            "\n## Configuração IMAP", "\n### Configuração IMAP", "headings of levels", id="heading-level"
        ),
        pytest.param(
            "|---|---|\n| Endereço de e-mail |",
            "\n| Endereço de e-mail |",
            "table(s)",
            id="lost-table",
        ),
    ],
)
def test_a_broken_translation_is_named_in_words(old: str, new: str, expected: str) -> None:
    source = read(SOURCE, GUIDE)
    assert old in source, "the mutation's anchor must exist in the source"
    found = differences(source, source.replace(old, new, 1))
    assert any(expected in line for line in found), found


def make_tree(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    (docs / "pt").mkdir(parents=True)
    (docs / "fr").mkdir()
    (docs / "pt" / "a.md").write_text("# A\n\nUm.\n", encoding="utf-8")
    (docs / "pt" / "b.md").write_text("# B\n\nDois.\n", encoding="utf-8")
    (docs / "pt" / "c.md").write_text("# C\n", encoding="utf-8")
    (docs / "fr" / "a.md").write_text("# A\n\nUn.\n", encoding="utf-8")
    (docs / "fr" / "b.md").write_text("---\ntitle: B\n---\n# B\n\nDeux.\n", encoding="utf-8")
    mark_reviewed(docs / "fr" / "a.md", docs / "pt" / "a.md")
    mark_reviewed(docs / "fr" / "b.md", docs / "pt" / "b.md")
    return docs


def test_status_tells_up_to_date_outdated_unmarked_and_missing(tmp_path: Path) -> None:
    docs = make_tree(tmp_path)
    (docs / "pt" / "b.md").write_text("# B\n\nDois, três.\n", encoding="utf-8")
    (docs / "de").mkdir()
    (docs / "de" / "a.md").write_text("# A\n", encoding="utf-8")
    states = {(s.locale, s.page): s.state for s in page_status(docs, "pt", ["pt", "fr", "de"])}
    assert states == {
        ("fr", "a.md"): UP_TO_DATE,
        ("fr", "b.md"): OUTDATED,
        ("fr", "c.md"): MISSING,
        ("de", "a.md"): UNMARKED,
        ("de", "b.md"): MISSING,
        ("de", "c.md"): MISSING,
    }


def test_marking_writes_the_hash_into_front_matter_once(tmp_path: Path) -> None:
    docs = make_tree(tmp_path)
    text = (docs / "fr" / "b.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: B\nsource_hash: ")
    mark_reviewed(docs / "fr" / "b.md", docs / "pt" / "b.md")
    assert (docs / "fr" / "b.md").read_text(encoding="utf-8") == text
    assert source_hash("x\r\n") == source_hash("x\n")


def test_outdated_page_shows_what_changed_from_git_history(tmp_path: Path) -> None:
    docs = make_tree(tmp_path)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([*git, "add", "-A"], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-qm", "one"], cwd=tmp_path, check=True)
    (docs / "pt" / "b.md").write_text("# B\n\nDois, três.\n", encoding="utf-8")
    recorded = source_hash("# B\n\nDois.\n")
    diff = changes_since(docs / "pt" / "b.md", recorded, repo=tmp_path)
    assert diff is not None
    assert "-Dois.\n+Dois, três." in diff
    assert changes_since(docs / "pt" / "b.md", "000000000000", repo=tmp_path) is None


def test_status_command_fails_in_ci_mode_and_names_the_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(DOCS, tmp_path / "docs")
    config = tmp_path / "mkdocs.yml"
    config.write_text((DOCS.parent / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "hooks").symlink_to(DOCS.parent / "hooks")
    (tmp_path / "mailhelp").symlink_to(DOCS.parent / "mailhelp")
    (tmp_path / "data").symlink_to(DOCS.parent / "data")
    (tmp_path / "overrides").symlink_to(DOCS.parent / "overrides")
    assert main(["status", "--ci", "--config", str(config)]) == 0
    (tmp_path / "docs" / "it" / GUIDE).unlink()
    assert main(["status", "--config", str(config)]) == 0
    assert main(["status", "--ci", "--config", str(config)]) == 1
    out = capsys.readouterr().out
    assert f"   it  missing     {GUIDE}" in out
    assert f"make translated PAGE=docs/it/{GUIDE}" in out


def test_missing_page_falls_back_with_a_notice_in_the_readers_language(
    site_builder: Callable[..., Built], tmp_path: Path
) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(DOCS, docs)
    (docs / "de" / GUIDE).unlink()
    built = site_builder(docs=docs)
    html = built.html("de", GUIDE)
    assert "Diese Seite ist noch nicht übersetzt" in html
    assert f'href="../../{GUIDE.removesuffix(".md")}/"' in html
    assert "Parte 1" in html, "the reader gets the source page"
    assert "Diese Seite ist noch nicht übersetzt" not in built.html("fr", GUIDE)
    status_page = (built.site / "translation-status" / "index.html").read_text(encoding="utf-8")
    assert "em falta" in status_page
    assert '<meta name="robots" content="noindex">' in status_page


def test_broken_front_matter_in_a_translation_stops_the_build_with_its_file(
    site_builder: Callable[..., Built], tmp_path: Path
) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(DOCS, docs)
    page = docs / "fr" / "index.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("source_hash: ", "source_hash: [", 1), encoding="utf-8"
    )
    with pytest.raises(BuildFailed) as caught:
        site_builder(docs=docs)
    message = str(caught.value)
    assert "fr/index.md:3: front matter is not valid YAML" in message
    assert "Traceback" not in message


def test_a_translation_keeps_its_sources_generated_blocks_in_order() -> None:
    source = "# T\n\n/// settings\n\n/// setup-files downloads\n"
    assert differences(source, "# T\n\n/// settings\n\n/// setup-files downloads\n") == []
    assert differences(source, "# T\n\n/// setup-files downloads\n\n/// settings\n")
    assert differences(source, "# T\n\n/// settings\n")
