"""Bad input, as a hostile writer, a tired translator and a careless operator would give it.

Every case asserts the message (the file, the line where there is one, the fix), the exit
status where a command runs, and that a published ``site/`` is unchanged. Most cases stop
before any page is built (the data file, the folder of pages, the command line), so the
battery runs in seconds; the checker's scans are timed at a size and four times it (a ratio in one run).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from mailhelp import cli
from mailhelp.check import check_markdown
from mailhelp.check.from_html import read_html
from mailhelp.check.model import Reference
from mailhelp.check.page import Page
from mailhelp.check.tokens import tokens
from mailhelp.check.unseen import html_values
from mailhelp.data.settings import load_settings
from mailhelp.site import publish as publishing
from mailhelp.site.publish import PublishError, publish
from tests.conftest import DATA, DOCS

if TYPE_CHECKING:
    from collections.abc import Callable

GUIDE = "e-mails_partilhados_guia_de_configuracao_para_o_windows_mail.md"
SOURCE = DATA.read_text(encoding="utf-8")


# The published site, which no bad input may change ------------------------------------------


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A published site/ with one page; each test checks it is the same at its end."""
    monkeypatch.delenv("DOCS_LANG", raising=False)
    folder = tmp_path / "out" / "site"
    folder.mkdir(parents=True)
    (folder / "index.html").write_text("the published site", encoding="utf-8")
    before = _tree(folder)
    yield folder
    assert _tree(folder) == before, "the published site/ changed"


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = cli.main(argv)
    out, err = capsys.readouterr()
    text = out + err
    assert "Traceback" not in text
    return status, text


def _has(text: str, *expected: str) -> None:
    for part in expected:
        assert part in text, f"{part!r} not in:\n{text}"


# The data file ------------------------------------------------------------------------------


def _port(value: str) -> Callable[[str], str]:
    return lambda text: text.replace("port: 993\n", f"port: {value}\n", 1)


def _host(value: str) -> Callable[[str], str]:
    return lambda text: text.replace("host: imap.mail.ovh.net\n", f"host: {value}\n", 1)


def _deep(text: str) -> str:
    return text + "deep: " + "[" * 300 + "]" * 300 + "\n"


DATA_CASES = [
    pytest.param(_port("0143"), 86, ["leading zero", "fix: write 143"], id="octal-port"),
    pytest.param(_port("2:23"), 86, ["'2:23'", "fix:"], id="base-60-port"),
    pytest.param(_port("99300"), 86, ["99300", "1 to 65535"], id="port-out-of-range"),
    pytest.param(_port("'993'"), 86, ["without quotes"], id="quoted-port"),
    pytest.param(_port("!foo 993"), 86, ["YAML tag '!foo'", "fix: remove the tag"], id="yaml-tag"),
    pytest.param(_port("&p 993"), 86, ["anchor '&p'", "fix: remove it"], id="anchor"),
    pytest.param(_port("yes"), 86, ["'yes'", "fix:"], id="yes-as-port"),
    pytest.param(_port("-1"), 86, ["-1", "1 to 65535"], id="negative-port"),
    pytest.param(_port("993.0"), 86, ["993.0", "fix:"], id="float-port"),
    pytest.param(_host("ssl0.οvh.net"), 84, ["ssl0.οvh.net", "fix:"], id="greek-omicron-host"),
    pytest.param(_host("imap.mail.ovh.nét"), 84, ["nét", "fix:"], id="accented-host"),
    pytest.param(_host("imap。mail。ovh。net"), 84, ["。", "fix:"], id="ideographic-stop-host"),
    pytest.param(_host("999.999.999.999"), 84, ["999.999.999.999", "fix:"], id="numeric-host"),
    pytest.param(_host("imap..ovh.net"), 84, ["imap..ovh.net", "fix:"], id="empty-label-host"),
    pytest.param(_host("-imap.ovh.net"), 84, ["-imap.ovh.net", "fix:"], id="hyphen-host"),
    pytest.param(_deep, None, ["nested more than", "fix:"], id="nested-300-deep"),
    pytest.param(lambda t: t + "<<: {a: 1}\n", None, ["merge key", "fix:"], id="merge-key"),
    pytest.param(lambda t: t.replace("products:", "products: [", 1), None, ["fix:"], id="yaml-syntax"),
    pytest.param(lambda t: t + "prodcts: {}\n", None, ["prodcts", "fix:"], id="unknown-key"),
    pytest.param(lambda t: "", None, ["fix:"], id="empty-file"),
]


@pytest.mark.parametrize(("change", "line", "expected"), DATA_CASES)
def test_bad_data_file_is_refused_with_line_and_fix(
    change: Callable[[str], str],
    line: int | None,
    expected: list[str],
    site: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``check --data`` exits 2 (unusable input), never 1 (findings), with file, line and fix."""
    bad = tmp_path / "settings.yml"
    bad.write_text(change(SOURCE), encoding="utf-8")
    status, text = _run(["check", "--data", str(bad), str(DOCS / "pt")], capsys)
    assert status == 2
    _has(text, "settings.yml", *expected)
    if line is not None:
        assert f"settings.yml:{line}:" in text


def _special(kind: str, tmp_path: Path) -> Path:
    path = tmp_path / "settings.yml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "huge":
        path.write_text("# " + "x" * (2 * 1024 * 1024) + "\n", encoding="utf-8")
    elif kind == "cp1252":
        path.write_bytes(SOURCE.replace("Europa", "Européia", 1).encode("cp1252"))
    elif kind == "missing":
        pass
    else:
        path.symlink_to(kind)
    return path


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        pytest.param("/dev/zero", "symbolic link to /dev/zero", id="symlink-to-dev-zero"),
        pytest.param("fifo", "not a regular file", id="fifo"),
        pytest.param("folder", "not a regular file", id="folder"),
        pytest.param("huge", "bytes", id="two-megabytes"),
        pytest.param("cp1252", "not UTF-8", id="windows-1252-data"),
        pytest.param("missing", "does not exist", id="missing-data"),
        pytest.param("/etc/passwd", "symbolic link to /etc/passwd", id="symlink-to-etc-passwd"),
    ],
)
def test_a_data_file_that_is_no_settings_file_never_hangs_nor_echoes(
    kind: str, expected: str, site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _special(kind, tmp_path)
    started = time.perf_counter()
    status, text = _run(["check", "--data", str(path), str(DOCS / "pt")], capsys)
    assert time.perf_counter() - started < 10
    assert status == 2
    _has(text, "settings.yml", expected, "fix:")
    assert "root:" not in text, "the message echoes the file"
    assert len(text) < 2000


# The folder of pages: stopped before any page is built, by publish ---------------------------


def _docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    shutil.copytree(DOCS, docs, symlinks=True)
    return docs


def _edit(docs: Path, page: str, old: str, new: str) -> None:
    path = docs / page
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {page}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _cp1252(page: str) -> Callable[[Path], None]:
    def change(docs: Path) -> None:
        path = docs / page
        text = path.read_text(encoding="utf-8")
        path.write_bytes(text.encode("cp1252", errors="replace"))

    return change


def _link(page: str, target: str) -> Callable[[Path], None]:
    return lambda docs: (docs / page).symlink_to(target)


TREE_CASES = [
    pytest.param(
        _cp1252("fr/index.md"),
        ["docs/fr/index.md:", "not UTF-8", "Windows-1252", "iconv"],
        id="cp1252-translation",
    ),
    pytest.param(_cp1252(f"pt/{GUIDE}"), [f"docs/pt/{GUIDE}:", "not UTF-8", "iconv"], id="cp1252-source"),
    pytest.param(
        lambda d: (d / "de" / "index.md").write_bytes(
            b"\xef\xbb\xbf" + (d / "de" / "index.md").read_bytes()[:10] + b"\xff\xfe"
        ),
        ["docs/de/index.md:", "not UTF-8"],
        id="binary-bytes",
    ),
    pytest.param(
        _link("pt/leak.md", "/etc/hostname"),
        ["docs/pt/leak.md", "outside the repository", "rm docs/pt/leak.md"],
        id="symlink-file-out",
    ),
    pytest.param(
        _link("fr/etc", "/etc"), ["docs/fr/etc", "outside the repository", "fix:"], id="symlink-folder-out"
    ),
    pytest.param(
        _link("assets/x.css", "/usr/share/common-licenses/GPL-3"),
        ["docs/assets/x.css", "outside the repository"],
        id="symlink-asset-out",
    ),
    pytest.param(
        lambda d: (d / "xx").mkdir(),
        ["docs/xx/", "'xx'", "does not configure", "mkdocs.yml"],
        id="unconfigured-language",
    ),
    pytest.param(
        lambda d: (d / "pt-BR").mkdir(),
        ["docs/pt-BR/", "does not configure"],
        id="unconfigured-regional-language",
    ),
    pytest.param(
        lambda d: (d / "pt" / "index.md").unlink(),
        ["docs/pt/index.md", "home page", "git checkout --"],
        id="deleted-source-home",
    ),
    pytest.param(
        lambda d: _edit(d, f"pt/{GUIDE}", "legacy_guide_number: g1300\n", ""),
        [
            f"docs/fr/{GUIDE}:5:",
            "'legacy_guide_number: g1300' is here",
            f"restore 'legacy_guide_number: g1300' in docs/pt/{GUIDE}",
        ],
        id="source-lost-legacy-number",
    ),
    pytest.param(
        lambda d: _edit(d, f"fr/{GUIDE}", "legacy_guide_number: g1300", "legacy_guide_number: g1301"),
        [f"docs/fr/{GUIDE}:5:", "'g1301'", "write 'legacy_guide_number: g1300'"],
        id="translation-other-legacy-number",
    ),
    pytest.param(
        lambda d: _edit(d, f"es/{GUIDE}", "slug: e-mails", "slug: correos"),
        [f"docs/es/{GUIDE}:4:", "'slug'", "write 'slug: e-mails_partilhados"],
        id="translation-slug-differs",
    ),
    pytest.param(
        lambda d: _edit(d, f"pt/{GUIDE}", "slug: e-mails", "slug: emails"),
        ["does not match the file name", "fix: rename the file"],
        id="source-slug-differs-from-file",
    ),
    pytest.param(
        lambda d: _edit(d, f"pt/{GUIDE}", "legacy_guide_number: g1300", "legacy_guide_number: 1300"),
        ["legacy_guide_number", "g followed by digits"],
        id="legacy-number-without-g",
    ),
    pytest.param(
        lambda d: _edit(d, "fr/index.md", "source_hash: ", "source_hash: ["),
        ["docs/fr/index.md:3:", "front matter is not valid YAML", "fix:"],
        id="broken-front-matter-translation",
    ),
    pytest.param(
        lambda d: _edit(d, f"pt/{GUIDE}", "product: mx_plan\n", "product: [mx_plan\n"),
        [f"pt/{GUIDE}:6", "front matter is not valid YAML"],
        id="broken-front-matter-source",
    ),
]


@pytest.mark.parametrize(("change", "expected"), TREE_CASES)
def test_bad_pages_stop_the_build_and_publish_nothing(
    change: Callable[[Path], None],
    expected: list[str],
    site: Path,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """What MkDocs logs with the failed build names the file, the line and the fix."""
    docs = _docs(tmp_path)
    change(docs)
    with pytest.raises(PublishError) as caught:
        publish(site, config_overrides={"docs_dir": str(docs)})
    text = f"{caught.value}\n{caplog.text}"
    _has(text, "The build failed", *expected)
    assert "Traceback" not in text
    assert sorted(p.name for p in site.parent.iterdir()) == ["site", "site.lock"]


# The checker: look-alike hosts, folders, encodings ---------------------------------------------

_TABLE = "# Configuração IMAP\n\n| Campo | Valor |\n|---|---|\n| Servidor de entrada | {host} |\n"


@pytest.mark.parametrize(
    ("host", "named"),
    [
        pytest.param("ssl0.οvh.net", "U+03BF GREEK SMALL LETTER OMICRON", id="greek-omicron"),
        pytest.param("imap.mail.ovh.nét", "U+00E9 LATIN SMALL LETTER E WITH ACUTE", id="accent"),
        pytest.param("ssl0。ovh。net", "U+3002 IDEOGRAPHIC FULL STOP", id="ideographic-full-stop"),
        pytest.param("ssl0.ovh.nеt", "U+0435 CYRILLIC SMALL LETTER IE", id="cyrillic-e"),
    ],
)
def test_a_lookalike_host_is_a_finding_naming_the_character(
    host: str, named: str, site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    guide = tmp_path / "guide.pt-pt.md"
    guide.write_text(_TABLE.format(host=host), encoding="utf-8")
    status, text = _run(["check", str(guide)], capsys)
    assert status == 1
    _has(text, f"{guide}:5:", f"host {host}", named, "[lookalike-host]", "fix: write ")


@pytest.mark.parametrize(
    ("layout", "status", "expected"),
    [
        pytest.param({}, 2, ["no guide (.md, .html) to check", "fix:"], id="folder-without-guides"),
        pytest.param({"notes.txt": "ssl0.ovh.net"}, 2, ["no guide"], id="folder-of-other-files"),
        pytest.param(
            {"GUIDE.MD": _TABLE.format(host="ssl0.οvh.net")}, 1, ["GUIDE.MD:5:"], id="upper-case-suffix"
        ),
        pytest.param(
            # An entity only an HTML reader turns into the dot a reader sees
            {"GUIDE.HTML": "<p>Servidor de receção: ns0&#46;ovh&#46;net</p>"},
            1,
            ["GUIDE.HTML:1:", "retired-host"],
            id="upper-case-html-suffix",
        ),
        pytest.param(
            {"g.pt.md": b"Servidor: ssl0.ovh.net\xe9\n"}, 2, ["g.pt.md", "UTF-8"], id="cp1252-guide"
        ),
    ],
)
def test_check_on_a_folder_says_what_it_found(
    layout: dict[str, str | bytes],
    status: int,
    expected: list[str],
    site: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "guides"
    folder.mkdir()
    for name, content in layout.items():
        path = folder / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    got, text = _run(["check", str(folder)], capsys)
    assert got == status
    _has(text, *expected)


def test_check_on_a_missing_path_exits_2(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, text = _run(["check", "no/such/folder"], capsys)
    assert status == 2
    _has(text, "no/such/folder: no such file or folder")


# Sizes: every scan is linear (a ratio measured in one run, not an absolute time) --------------


LINEAR = 8
"""The most :func:`_ratio` may be for a linear scan: about 4 when linear, 16 when quadratic,
and 8 halfway between, in ratio, so that neither a slow spell of a shared machine on linear
code nor a quadratic scan's luck crosses it (at twice the size, linear 2 and quadratic 4 lay
too close: linear code read 2.52 against a limit of 2.5 on a clean-clone run)."""


def _ratio(run: Callable[[int], object], size: int) -> float:
    """CPU time at ``4 * size`` over that at ``size`` (see :data:`LINEAR`). The two sizes are
    timed in turn, best of five each, so that a slow spell falls on both."""
    best = {size: float("inf"), 4 * size: float("inf")}
    for _ in range(5):
        for n in best:
            started = time.process_time()
            run(n)
            best[n] = min(best[n], time.process_time() - started)
    return best[4 * size] / best[size]


@pytest.mark.parametrize(
    "line", [pytest.param("a.", id="a.a.a"), pytest.param("ab-", id="ab-ab-"), pytest.param("1.", id="1.1.1")]
)
def test_the_host_scan_is_linear_on_a_line_of_dotted_words(line: str) -> None:
    """A line ``a.a.a.…`` of 1 MB is read in one pass; four times the line takes about four times as long."""
    text = line * 500_000 + "x.com"
    started = time.perf_counter()
    found = tokens(text)
    assert time.perf_counter() - started < 20
    assert len(found) <= 2
    assert _ratio(lambda n: tokens(line * n), 200_000) < LINEAR


@pytest.mark.parametrize(
    "word", [pytest.param("ab", id="plain"), pytest.param("a1", id="digits"), pytest.param("a1 ", id="words")]
)
def test_the_words_of_a_rendered_page_are_read_in_one_pass(word: str) -> None:
    """A 1 MB word (or line of words) that may hold a value is taken once: four times the
    text takes about four times as long."""
    article = "<article>" + word * 500_000 + "</article>"
    started = time.perf_counter()
    found = html_values(article)
    assert time.perf_counter() - started < 20
    assert sum(found.values()) == (0 if word == "ab" else 500_000 if word == "a1 " else 1)
    assert _ratio(lambda n: html_values(word * n), 100_000) < LINEAR


def test_quoting_findings_is_linear_in_the_size_of_the_file() -> None:
    """Placing and quoting a finding per line: four times the lines take about four times as long."""
    ref = Reference.from_settings(load_settings(DATA), file=str(DATA))
    lines = [f"Servidor de entrada: imap{i}.mail.ovh.org na porta 994.\n\n" for i in range(8000)]

    def check(n: int) -> None:
        text = "# Configuração IMAP\n\n" + "".join(lines[:n])
        assert len(check_markdown(text, ref, file="x.md", lang="pt")) >= n

    assert _ratio(check, 4000) < LINEAR


def test_quoting_is_a_lookup_not_a_walk() -> None:
    page = Page(file="big.md", text="", lang="pt")
    page.set_origin("x\n" * 2_000_000 + "the last line\n", [])
    started = time.perf_counter()
    for _ in range(1000):
        assert page.quote(2_000_001) == "the last line"
    assert page.where(len(page.source) - 2) == (2_000_001, 13)
    assert time.perf_counter() - started < 5


# The operator: publishing, interrupts, concurrent builds, the command line -------------------


def _fake_build(site_dir: Path, **_: object) -> None:
    (site_dir / "index.html").write_text("the new site", encoding="utf-8")


def test_docs_lang_is_refused_by_publish(
    site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DOCS_LANG", "fr")
    status, text = _run(["publish", "--site-dir", str(site)], capsys)
    assert status == 1
    _has(text, "DOCS_LANG=fr builds one language only", "fix: unset DOCS_LANG", "was left as it was")


def test_a_build_outside_git_is_refused_not_dated_1970(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setattr(publishing, "source_date_epoch", lambda: None)
    with pytest.raises(PublishError, match=r"1970-01-01\)\n    fix: .*SOURCE_DATE_EPOCH="):
        publish(site)
    assert publishing.source_date_epoch is not None


def test_outside_git_there_is_no_commit_date(tmp_path: Path) -> None:
    assert publishing.source_date_epoch(tmp_path) is None


def test_a_second_build_at_once_is_refused(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(publishing, "build_into", _fake_build)
    with (site.parent / "site.lock").open("a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(PublishError, match=r"another build is publishing .*\n    fix: wait"):
            publish(site)


def test_leftovers_of_a_killed_build_are_removed_by_the_next(site: Path) -> None:
    for name in ("site.new-abc", "site.old-def"):
        (site.parent / name).mkdir()
        (site.parent / name / "index.html").write_text("half", encoding="utf-8")
    with pytest.raises(PublishError):
        publish(site, config_overrides={"extra": {"settings_file": "/no/such/settings.yml"}})
    assert sorted(p.name for p in site.parent.iterdir()) == ["site", "site.lock"]


def test_a_site_lost_between_two_renames_is_put_back(tmp_path: Path) -> None:
    site = tmp_path / "site"
    old = tmp_path / "site.old-xyz"
    old.mkdir()
    (old / "index.html").write_text("the published site", encoding="utf-8")
    with pytest.raises(PublishError):
        publish(site, config_overrides={"extra": {"settings_file": "/no/such/settings.yml"}})
    assert (site / "index.html").read_text(encoding="utf-8") == "the published site"


def test_the_swap_is_one_atomic_exchange(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(publishing, "build_into", _fake_build)
    renames: list[str] = []
    monkeypatch.setattr(Path, "rename", lambda self, target: renames.append(str(self)))
    publish(site)
    assert renames == [], "the site was swapped by renames, with an instant without site/"
    assert (site / "index.html").read_text(encoding="utf-8") == "the new site"
    (site / "index.html").write_text("the published site", encoding="utf-8")  # for the fixture


def test_an_interrupt_between_the_fallback_renames_keeps_site(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(publishing, "build_into", _fake_build)
    monkeypatch.setattr(publishing, "_exchange", lambda a, b: False)
    real = Path.rename
    calls: list[Path] = []

    def rename(self: Path, target: Path) -> Path:
        calls.append(self)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(KeyboardInterrupt):
        publish(site)
    assert sorted(p.name for p in site.parent.iterdir()) == ["site", "site.lock"]


def test_ctrl_c_prints_one_line(
    site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("mailhelp.commands.publish.publish", interrupted)
    status, text = _run(["publish", "--site-dir", str(site)], capsys)
    assert status == 130
    assert text.strip() == "mailhelp publish: interrupted (a build stopped so publishes nothing)"


@pytest.mark.parametrize("debug", [pytest.param("", id="one-line"), pytest.param("1", id="debug")])
def test_an_unexpected_error_is_one_line_and_the_command_for_details(
    debug: str, site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*_: object, **__: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setenv("MAILHELP_DEBUG", debug)
    monkeypatch.setattr("mailhelp.commands.publish.publish", broken)
    status = cli.main(["publish", "--site-dir", str(site)])
    err = capsys.readouterr().err
    assert status == 2
    _has(err, "mailhelp publish: unexpected error: ZeroDivisionError: division by zero")
    _has(err, f"details: MAILHELP_DEBUG=1 mailhelp publish --site-dir {site}")
    assert ("Traceback" in err) == bool(debug)


def test_mark_on_a_folder(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, text = _run(["mark", str(DOCS / "fr")], capsys)
    assert status == 2
    _has(text, "is a folder", "fix: name its pages")


def test_mark_and_status_on_a_windows_1252_page(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = _docs(tmp_path)
    _cp1252("fr/index.md")(docs)
    monkeypatch.setattr("mailhelp.commands.mark.site_of", lambda _c: (docs, ["pt", "fr"]))
    monkeypatch.setattr("mailhelp.commands.status.site_of", lambda _c: (docs, ["pt", "fr"]))
    status, text = _run(["mark", str(docs / "fr" / "index.md")], capsys)
    assert status == 2
    _has(text, "fr/index.md:", "not UTF-8", "iconv")
    status, text = _run(["status"], capsys)
    assert status == 2
    _has(text, "docs/fr/index.md:", "not UTF-8", "iconv")


def test_an_unknown_verb_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["pubish"])
    assert caught.value.code == 2
    assert "invalid choice: 'pubish'" in capsys.readouterr().err


@pytest.mark.parametrize(
    "markup",
    ['<a href="', "<p", "<a<b", "<a x ", "<!--", "<!", "<script>", "<", "&amp", "<td>"],
    ids=[
        "quote",
        "tag",
        "tag in tag",
        "attribute",
        "comment",
        "declaration",
        "script",
        "bare",
        "entity",
        "cell",
    ],
)
def test_the_html_reader_is_linear_on_unclosed_markup(markup: str) -> None:
    """Unclosed tags, quotes, comments or scripts, repeated over 1 MB, are each read once."""
    started = time.perf_counter()
    read_html(
        "<article><p>Servidor IMAP: ssl0.ovh.net</p>" + (markup + "a.b,9;") * 100_000,
        file="x.html",
        lang="pt",
    )
    assert time.perf_counter() - started < 20
    assert _ratio(lambda n: read_html((markup + "a.b,9;") * n, file="x.html", lang="pt"), 40_000) < LINEAR
