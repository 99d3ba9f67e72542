"""Translation status: which translated pages are up to date, outdated or missing.

Each translated page records, as ``source_hash`` in its front matter, a hash of the source
page it translates (a strings file records it as its first line). ``make translated`` writes
it, never a person. When the source changes, its hash no longer matches and the translation
is outdated; git history finds the text the translator saw, so the status can show what
changed since.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import subprocess
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mailhelp.content.files import read_page
from mailhelp.content.guides import read_front_matter
from mailhelp.translations.strings import STRINGS_FILE

if TYPE_CHECKING:
    from pathlib import Path

UP_TO_DATE = "up to date"
OUTDATED = "outdated"
UNMARKED = "not marked"
MISSING = "missing"
STATES = (UP_TO_DATE, OUTDATED, UNMARKED, MISSING)
"""From best to worst. A missing page falls back to the source page on the site."""

HASH_KEY = "source_hash"
_HASH_LINE = re.compile(rf"^{HASH_KEY}:.*\n", re.MULTILINE)


@dataclass(frozen=True)
class PageStatus:
    """The state of one page in one language."""

    locale: str
    page: str
    state: str
    recorded: str | None = None
    current: str | None = None


def source_hash(text: str) -> str:
    """The hash a translation records of its source page's text (12 hex digits)."""
    normal = text.replace("\r\n", "\n").strip() + "\n"
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:12]


def page_status(docs: Path, source: str, locales: list[str]) -> list[PageStatus]:
    """The status of every source page in every other locale, sorted by locale then page."""
    result = []
    sources = [*(docs / source).rglob("*.md"), *(docs / source).rglob(STRINGS_FILE)]
    for path in sorted(sources):
        page = path.relative_to(docs / source).as_posix()
        current = source_hash(read_page(path, shown=path.relative_to(docs.parent).as_posix()))
        for locale in locales:
            if locale == source:
                continue
            translated = docs / locale / page
            if not translated.exists():
                result.append(PageStatus(locale, page, MISSING, None, current))
                continue
            origin = translated.relative_to(docs.parent).as_posix()
            recorded = _recorded(
                read_page(translated, shown=origin), origin=origin, strings=path.suffix != ".md"
            )
            recorded = str(recorded) if recorded is not None else None
            if recorded is None:
                state = UNMARKED
            elif recorded == current:
                state = UP_TO_DATE
            else:
                state = OUTDATED
            result.append(PageStatus(locale, page, state, recorded, current))
    return sorted(result, key=lambda s: (s.locale, s.page))


def _recorded(text: str, *, origin: str, strings: bool) -> object:
    """The source hash a translation records: in its front matter, or a strings file's key."""
    if strings:
        found = _HASH_LINE.search(text)
        return found.group(0).split(":", 1)[1].strip() if found else None
    meta, _ = read_front_matter(text, origin=origin)
    return meta.get(HASH_KEY)


def mark_reviewed(translation: Path, source: Path) -> str:
    """Record in ``translation`` the hash of ``source`` as it is now: in a page's front matter,
    or as the first line of a strings file."""
    digest = source_hash(read_page(source))
    text = read_page(translation)
    line = f"{HASH_KEY}: {digest}\n"
    if _HASH_LINE.search(text):
        text = _HASH_LINE.sub(line, text, count=1)
    elif translation.suffix != ".md":
        text = line + text
    elif text.startswith("---\n"):
        end = text.index("\n---", 3) + 1
        text = text[:end] + line + text[end:]
    else:
        text = f"---\n{line}---\n\n{text}"
    translation.write_text(text, encoding="utf-8")
    return digest


def changes_since(source: Path, recorded: str, *, repo: Path) -> str | None:
    """The diff of ``source`` from the version whose hash is ``recorded`` to now.

    Looks through the file's git history; ``None`` when no committed version has that hash
    (the history is shallow, or the hash was typed by hand).
    """
    relative = source.resolve().relative_to(repo.resolve()).as_posix()
    try:
        log = subprocess.run(
            ["git", "log", "--format=%H", "--", relative],
            cwd=repo,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return None
    for commit in log:
        shown = subprocess.run(
            ["git", "show", f"{commit}:{relative}"], cwd=repo, capture_output=True, text=True, check=False
        )
        if shown.returncode == 0 and source_hash(shown.stdout) == recorded:
            before = shown.stdout.splitlines(keepends=True)
            after = source.read_text(encoding="utf-8").splitlines(keepends=True)
            diff = difflib.unified_diff(before, after, f"{relative} ({commit[:8]})", f"{relative} (now)")
            return "".join(diff)
    return None


_STATUS_WORDS = {
    UP_TO_DATE: "✅ atualizada",
    OUTDATED: "⚠️ desatualizada",
    UNMARKED: "⚠️ por rever",
    MISSING: "❌ em falta",
}


def status_page(statuses: list[PageStatus], locales: list[str]) -> str:
    """The translators' status page, in the source language, as Markdown."""
    source = locales[0]
    others = locales[1:]
    table = {(s.page, s.locale): s.state for s in statuses}
    pages = sorted({s.page for s in statuses})
    lines = [
        "---",
        "title: Estado das traduções",
        "robots: noindex",
        "---",
        "",
        "# Estado das traduções",
        "",
        f"Cada página traduzida regista a versão da página de origem (`docs/{source}/`) que traduz.",
        "Esta tabela é gerada a cada construção do site.",
        "",
        "| Página | " + " | ".join(others) + " |",
        "|---|" + "---|" * len(others),
    ]
    for page in pages:
        cells = [_STATUS_WORDS[table[(page, locale)]] for locale in others]
        lines.append(f"| `{page}` | " + " | ".join(cells) + " |")
    lines += [
        "",
        "- **atualizada**: traduz a versão atual da página de origem.",
        "- **desatualizada**: a página de origem mudou desde a última revisão da tradução.",
        "- **por rever**: a tradução nunca foi marcada como revista.",
        "- **em falta**: os leitores veem a página de origem, com um aviso no seu idioma.",
        "",
        "`make status` mostra o que mudou em cada página de origem e o comando que marca uma "
        "tradução como revista.",
        "",
    ]
    return "\n".join(lines)
