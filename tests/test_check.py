"""The drift checker: clean site, the seed guide, fixture guides, mutations, CLI and build."""

from __future__ import annotations

import difflib
import json
import random
import re
import shutil
import subprocess
import sys
import unicodedata
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

from mailhelp.check import (
    _MEMO,
    Reference,
    check_html,
    check_markdown,
    forget_other_languages,
    language_of,
    locale_of,
    product_of,
    words,
)
from mailhelp.check.from_markdown import read_markdown
from mailhelp.check.model import names_pattern, normalized
from mailhelp.check.mutate import READER, mutations, reader_mutations
from mailhelp.check.rules import check_page, nearest_name
from mailhelp.check.unseen import html_values, markdown_values, unseen
from mailhelp.check.words import LANGUAGES, NONE, SSL, STARTTLS, signals, vocabulary
from mailhelp.cli import main
from mailhelp.content.page import page_context, render_page
from mailhelp.data.settings import load_settings
from mailhelp.translations.strings import load_strings
from tests.conftest import DATA, DOCS, ROOT, SEED, BuildFailed, build_site, locales, pages

if TYPE_CHECKING:
    from mailhelp.check import Finding
    from tests.conftest import Built

FIXTURES = ROOT / "tests" / "fixtures" / "check"
EXPECTED = yaml.safe_load((FIXTURES / "expected.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def ref() -> Reference:
    """The reference built from the real data file."""
    return Reference.from_settings(load_settings(DATA), file="data/settings.yml")


def _shown(findings: list[Finding]) -> str:
    return "\n".join(str(f) for f in findings)


def _source_pages() -> list[Path]:
    return [page for locale in locales() for page in pages(locale)]


# Our own site ------------------------------------------------------------------------------


@pytest.mark.parametrize("page", _source_pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_our_pages_have_no_findings(ref: Reference, page: Path) -> None:
    source = page.read_text(encoding="utf-8")
    findings = check_markdown(source, ref, file=str(page), lang=language_of(page), require_placeholders=True)
    assert not findings, _shown(findings)


def test_every_rendered_page_agrees_with_the_data(built_site: Built, ref: Reference) -> None:
    checked = 0
    for locale in locales():
        for page in pages(locale):
            html = built_site.html(locale, page.name)
            findings = check_html(html, ref, file=f"{locale}/{page.name}", lang=locale)
            assert not findings, _shown(findings)
            checked += 1
    assert checked == len(_source_pages())


def test_every_value_drifted_in_a_rendered_page_is_found(built_site: Built, ref: Reference) -> None:
    """Each server value of each rendered page, in every language, changed once: all caught."""
    drift = {"995": "993", "993": "995", "465": "587", "587": "465"}
    # Another region's server, another protocol's, another product's, a retired one, a typo.
    drift["imap.mail.ovh.net"] = "imap.mail.ovh.ca"
    drift["imap.mail.ovh.ca"] = "imap.mail.ovh.net"
    drift["pop.mail.ovh.net"] = "imap.mail.ovh.net"
    drift["pop.mail.ovh.ca"] = "ns0.ovh.net"
    drift["smtp.mail.ovh.net"] = "pro1.mail.ovh.net"
    drift["smtp.mail.ovh.ca"] = "smtp.mail.ovh.com"
    drift["imap.mail.ovh.net:993"] = "imap.mail.ovh.ca:993"
    drift["imap.mail.ovh.ca:993"] = "imap.mail.ovh.ca:995"
    drift["smtp.mail.ovh.net:465"] = "smtp.mail.ovh.net:993"
    drift["smtp.mail.ovh.ca:465"] = "smtp.mail.ovh.net:465"
    tried, missed = 0, []
    for locale in locales():
        for page in pages(locale):
            html = built_site.html(locale, page.name)
            for match in re.finditer(r">([^<>]+)</code>", html):
                if match.group(1) not in drift:
                    continue
                tried += 1
                changed = html[: match.start(1)] + drift[match.group(1)] + html[match.end(1) :]
                product = product_of(page.read_text(encoding="utf-8"))
                if not check_html(changed, ref, file=f"{locale}/{page.name}", lang=locale, product=product):
                    missed.append(f"{locale}/{page.name}: {match.group(1)} at {match.start(1)}")
    assert tried >= 200
    assert not missed, "\n".join(missed)


# The seed guide ----------------------------------------------------------------------------


def test_the_seed_guide_names_the_retired_server_twice_and_nothing_else(ref: Reference) -> None:
    findings = check_markdown(SEED.read_text(encoding="utf-8"), ref, file="seed", lang=language_of(SEED))
    assert [(f.line, f.rule, f.value) for f in findings] == [
        (22, "retired-host", "ns0.ovh.net"),
        (27, "retired-host", "ns0.ovh.net"),
    ], _shown(findings)
    assert all("ns0.ovh.net is retired; ssl0.ovh.net replaced it" in f.message for f in findings)
    assert all(f.fix == "write ssl0.ovh.net" for f in findings)


def test_a_host_in_capitals_is_the_same_server_but_typed_by_hand_in_our_pages(ref: Reference) -> None:
    guide = (
        "## Configuração IMAP\n\n| Parâmetro | Valor |\n|---|---|\n| Servidor de receção | `SSL0.OVH.NET` |\n"
    )
    assert check_markdown(guide, ref, file="g.md", lang="pt") == []
    [finding] = check_markdown(guide, ref, file="g.md", lang="pt", require_placeholders=True)
    # SSL0.OVH.NET is the other name of the Europe IMAP server: its own placeholder.
    assert (finding.rule, finding.fix) == ("literal-value", "write {{ imap.alias }}")


# Fixture guides with known drift, one per language -----------------------------------------


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_guides_give_exactly_the_expected_findings(ref: Reference, name: str) -> None:
    path = FIXTURES / name
    text = path.read_text(encoding="utf-8")
    findings = check_markdown(text, ref, file=name, lang=language_of(name), locale=locale_of(name))
    assert [f"{f.line}:{f.col} {f.rule} {f.value}" for f in findings] == EXPECTED[name], _shown(findings)


def test_the_fixtures_plant_every_rule_in_every_format() -> None:
    rules = {entry.split()[1] for entries in EXPECTED.values() for entry in entries}
    assert rules >= {"wrong-region", "wrong-product", "retired-host", "unknown-host", "wrong-host"}
    assert rules >= {"wrong-protocol", "wrong-mode", "unknown-port", "repeated-port"}
    assert {name.rsplit(".", 1)[-1] for name in EXPECTED} == {"md", "mdx"}
    assert {"fr-ca", "en-us", "pt-pt", "de-de"} <= {locale_of(name) for name in EXPECTED}


def test_the_fixtures_cover_every_language() -> None:
    assert {language_of(name) for name in EXPECTED} == set(locales())


# Mutations of our real pages ---------------------------------------------------------------


def test_the_checker_catches_single_value_mutations_of_our_pages(ref: Reference) -> None:
    kinds: Counter[str] = Counter()
    langs: Counter[str | None] = Counter()
    missed = []
    for page in _source_pages():
        source = page.read_text(encoding="utf-8")
        for mutation in mutations(source, ref, file=str(page.relative_to(ROOT))):
            kinds[mutation.kind] += 1
            langs[language_of(page)] += 1
            own = mutation.view != READER
            found = check_markdown(
                mutation.text, ref, file=mutation.file, lang=language_of(page), require_placeholders=own
            )
            if not any(f.line == mutation.line for f in found):
                missed.append(str(mutation))
    total = sum(kinds.values())
    rate = 1 - len(missed) / total
    print(f"\nmutations: {total} ({dict(kinds)}), caught {rate:.2%}; missed: {len(missed)}")
    print("\n".join(missed))
    assert total >= 300
    assert set(langs) == set(locales())
    assert set(kinds) == {"port", "host", "moved", "literal"}
    assert rate >= 0.99, "\n".join(missed)


# Context words ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "on", "off"),
    [
        ("pt", "SSL ativado", "SSL desativado"),
        ("pt", "SSLactivado", "SSLdesativado"),
        ("en", "SSL enabled", "SSL disabled"),
        ("fr", "SSL activé", "SSL désactivé"),
        ("es", "SSL activado", "SSL desactivado"),
        ("de", "SSL aktiviert", "SSL deaktiviert"),
        ("it", "SSL attivato", "SSL disattivato"),
        ("pl", "SSL włączony", "SSL wyłączony"),
    ],
)
def test_ssl_on_and_off_in_every_language(lang: str, on: str, off: str) -> None:
    assert signals(on, lang).modes == {SSL}
    assert signals(off, lang).modes == {NONE, STARTTLS}
    assert signals(f"{on} | {off}", lang).modes == frozenset()


@pytest.mark.parametrize(
    ("lang", "incoming", "outgoing"),
    [
        ("pt", "Servidor de receção", "Servidor de envio"),
        ("en", "Incoming server", "Outgoing server"),
        ("fr", "Serveur entrant", "Serveur sortant"),
        ("es", "Servidor entrante", "Servidor saliente"),
        ("de", "Posteingangsserver", "Postausgangsserver"),
        ("it", "Server di posta in arrivo", "Server di posta in uscita"),
        ("pl", "Serwer poczty przychodzącej", "Serwer poczty wychodzącej"),
    ],
)
def test_directions_and_servers_in_every_language(lang: str, incoming: str, outgoing: str) -> None:
    assert (signals(incoming, lang).directions, signals(incoming, lang).server) == ({"in"}, True)
    assert (signals(outgoing, lang).directions, signals(outgoing, lang).server) == ({"out"}, True)


def test_one_pass_over_a_text_in_lower_case_reads_what_each_kind_s_words_read_apart() -> None:
    """The one pass that finds which kinds of word a text holds (protocols, ports, servers,
    directions; SSL or TLS) says what each kind's words say when searched apart, ignoring
    case, in the text as written: on every line, cell and clause of our guides, and on each
    word of the vocabulary alone and glued or capitalised, in its language and in none."""
    texts = {
        piece
        for page in _source_pages()
        for line in page.read_text(encoding="utf-8").splitlines()
        for piece in (line, *line.split("|"), *re.split(r"[,;.]\s", line))
    }
    texts |= {"Posteingangsserver", "Postausgangsport 587", "Supportserver", "PORTA DO SERVIDOR DE ENVIO"}
    texts |= {"STARTTLS", "SSL/TLS", "SSLactivado", "POP3S", "IMAP4", "in arrivo", "In uscita", "wysyłanie"}
    texts |= {"Serwery poczty przychodzącej", "Servidor de recepção (IMAP)", "Incoming mail server"}
    protocols = re.compile(r"\b(?:(?P<imap>IMAP[S4]?)|(?P<pop3>POP[S3]?)|(?P<smtp>SMTPS?))\b", re.IGNORECASE)

    def apart(text: str, lang: str | None) -> tuple[object, ...]:
        chosen = list(LANGUAGES) if lang is None else sorted({lang, "en"})
        kinds = {
            k: re.compile("|".join(words._WORDS[x][k] for x in chosen), re.IGNORECASE) for k in words._KINDS
        }
        text = words._DOTTED.sub(" ", text)
        named = {
            name for match in protocols.finditer(text) for name, found in match.groupdict().items() if found
        }
        directions = {d for d in ("in", "out") if kinds[d].search(text)}
        modes = words._modes(text.lower(), vocabulary(lang))  # every word is read in lower case
        return named, directions, bool(kinds["port"].search(text)), bool(kinds["server"].search(text)), modes

    languages = [*LANGUAGES, None]
    said = {(t, lang): signals(t, lang) for t in texts for lang in languages}
    assert sum(s == signals("", None) for s in said.values()) > len(said) // 4  # many are silent
    assert sum(bool(s.protocols and s.directions and s.port) for s in said.values()) > 40
    for (text, lang), found in said.items():
        read = (found.protocols, found.directions, found.port, found.server, found.modes)
        assert read == apart(text, lang), (text, lang)


def test_the_words_read_in_lower_case_are_written_in_lower_case() -> None:
    """The one pass reads the text in lower case: a word of the vocabulary written with a
    capital (``Server``) would never match there, whatever the guides say."""
    for lang, kinds in words._WORDS.items():
        for kind in words._KINDS:
            letters = re.sub(r"\\.", "", kinds[kind])  # escapes (\b, \w) are no letters
            assert letters == letters.lower(), (lang, kind, kinds[kind])


def test_a_word_that_hides_its_first_letter_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """The one pass groups the words by their first letter: a word that starts with a group,
    a class or an optional letter has none to be grouped by, and the vocabulary says which."""
    assert words._one_pass(["en"])[0].pattern.startswith("i(?:")  # imap, incoming, inbound
    for word in (r"\b(?:imap|pop)\b", r"[sS]erver", r"\bp?ort\b", r"\w+port"):
        monkeypatch.setitem(words._WORDS["en"], "port", word)
        with pytest.raises(ValueError, match=re.escape(repr(word))):
            words._one_pass(["en"])


def test_hosts_are_set_aside_from_the_start_of_a_word_as_from_anywhere() -> None:
    """The host names a context reading sets aside are looked for from a word's start only:
    the same names as a search from every character, on every line of our guides and on
    hosts that start with a protocol's name or a one-letter word."""
    plain = re.compile(r"[\w-]+(?:\.[\w-]+)+")
    lines = {line for page in _source_pages() for line in page.read_text(encoding="utf-8").splitlines()}
    lines |= {"IMAP: imap.mail.ovh.net", "z.ovh.net, pop3-a.b.net", "SMTP (smtp.mail.ovh.net:465)"}
    dotted = [line for line in lines if "." in line]
    assert len(dotted) > 100
    assert [words._DOTTED.sub(" ", line) for line in dotted] == [plain.sub(" ", line) for line in dotted]


@pytest.mark.parametrize(
    ("path", "lang"),
    [
        ("docs/fr/guide.md", "fr"),
        ("guides/guide.de-de.md", "de"),
        ("g1300-windows-mail.pt.md", "pt"),
        ("docs/pt_BR/guide.md", "pt"),
        ("docs/guides/guide.md", None),
        ("guide.md", None),
    ],
)
def test_the_language_comes_from_the_path(path: str, lang: str | None) -> None:
    assert language_of(path) == lang


def test_links_and_addresses_are_not_mail_servers(ref: Reference) -> None:
    guide = (
        "Defina a palavra-passe na [Área de Cliente](https://www.ovh.com/auth/?action=gotomanager).\n"
        "O site www.ovh.com e o endereço joana@ssl1.ovh.net não são servidores.\n"
    )
    assert check_markdown(guide, ref, file="g.md", lang="pt") == []
    drifted = guide + "\nServidor de receção: www.ovh.com\n"
    assert [f.value for f in check_markdown(drifted, ref, file="g.md", lang="pt")] == ["www.ovh.com"]


def test_a_port_listed_twice_is_found(ref: Reference) -> None:
    guide = "## Configuração POP\n\nPorta do servidor de receção: 995 ou 995\n"
    [finding] = check_markdown(guide, ref, file="g.md", lang="pt")
    assert (finding.rule, finding.col) == ("repeated-port", 38)


# Command line --------------------------------------------------------------------------------


def test_the_command_line_reports_the_seed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SEED), "--data", str(DATA)]) == 1
    out = capsys.readouterr().out
    assert f"{SEED}:22:22: host ns0.ovh.net is retired; ssl0.ovh.net replaced it [retired-host]" in out
    assert "2 finding(s) in 1 file(s)" in out


def test_the_command_line_speaks_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(FIXTURES), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["files"] == len(EXPECTED)
    found = {
        (str(Path(f["file"]).relative_to(FIXTURES)), f"{f['line']}:{f['col']} {f['rule']} {f['value']}")
        for f in report["findings"]
    }
    assert found == {(name, entry) for name, entries in EXPECTED.items() for entry in entries}
    assert set(report["findings"][0]) == {
        "file",
        "line",
        "col",
        "text",
        "value",
        "rule",
        "message",
        "data",
        "fix",
    }


def test_the_command_line_passes_our_docs_and_stops_on_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(DOCS), "--own"]) == 0
    assert main(["check", str(tmp_path / "missing")]) == 2
    broken = tmp_path / "settings.yml"
    broken.write_text("imap: [\n", encoding="utf-8")
    assert main(["check", str(SEED), "--data", str(broken)]) == 2
    assert "YAML syntax error" in capsys.readouterr().err
    latin = tmp_path / "guide.pt.md"
    latin.write_bytes("Servidor de receção: ns0.ovh.net\n".encode("latin-1"))
    assert main(["check", str(latin)]) == 2
    assert f"{latin}: cannot be read" in capsys.readouterr().err


# The build -------------------------------------------------------------------------------------


def _drifted_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str) -> str:
    """Build the Portuguese site with one text of the guide replaced; return the error log."""
    docs = tmp_path / "docs"
    shutil.copytree(DOCS, docs)
    guide = docs / "pt" / "e-mails_partilhados_guia_de_configuracao_para_o_windows_mail.md"
    text = guide.read_text(encoding="utf-8")
    assert old in text
    guide.write_text(text.replace(old, new, 1), encoding="utf-8")
    monkeypatch.setenv("DOCS_LANG", "pt")
    with pytest.raises(BuildFailed) as caught:
        build_site(tmp_path / "site", docs=docs)
    return str(caught.value)


def test_the_build_stops_on_a_drifted_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = _drifted_build(tmp_path, monkeypatch, "- POP3: porta {{ pop3.ports.ssl }}", "- POP3: porta 993")
    assert ".md:87:15: port 993 is IMAP SSL in the data, but here it is POP3" in log
    assert "fix: write {{ pop3.ports.ssl }}" in log


def test_the_build_stops_on_a_drifted_rendered_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An HTML entity hides the host from the Markdown scan; the rendered page shows it."""
    log = _drifted_build(tmp_path, monkeypatch, "`{{ imap.host }}:{{ imap.port }}`", "ns0&#46;ovh&#46;net")
    assert "/index.html:" in log
    assert "host ns0.ovh.net is retired; ssl0.ovh.net replaced it [retired-host]" in log


def test_the_build_judges_the_generated_blocks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A settings table is judged as the reader sees it: a generator that put POP3's port in
    the IMAP row stops the build, naming the page as rendered and the rule."""
    from mailhelp.content import page as rendering

    made = rendering.settings_table

    def drifted(*args: object, **kwargs: object) -> str:
        table = made(*args, **kwargs)  # type: ignore[arg-type]
        return table.replace("{{ imap.ports.ssl }}", "{{ pop3.ports.ssl }}", 1)

    monkeypatch.setattr(rendering, "settings_table", drifted)
    monkeypatch.setenv("DOCS_LANG", "pt")
    with pytest.raises(BuildFailed) as caught:
        build_site(tmp_path / "site")
    log = str(caught.value)
    assert ".md (as rendered):" in log, log
    assert "port 995 is POP3 SSL in the data, but here it is IMAP" in log, log


def test_a_rendered_page_is_read_again_only_for_what_its_markdown_did_not_show() -> None:
    markdown = (
        "Servidor IMAP: `ssl0.ovh.net`, porta 993 ([ver](https://ns0.ovh.net/)), joana.silva@example.com"
    )
    seen = markdown_values(markdown)
    # Only what unseen() may report is kept (it stays until the page is written): no plain
    # word, no address.
    assert set(seen) == {"ssl0.ovh.net", "993"}
    article = (
        '<p>Servidor IMAP: <code>ssl0.ovh.net</code>, porta 993 (<a href="https://ns0.ovh.net/">ver</a>), '
        '<a href="mailto:joana.silva@example.com">joana.silva@example.com</a><button data-x="110">'
        "pop.mail.ovh.net</button><script>var port = 25;</script><!-- 587 --></p>"
    )
    assert not unseen(f"<nav>smtp.mail.ovh.net</nav><article>{article}</article>", seen)
    # What the theme, an extension or a template adds is new, and so is a value shown twice.
    theme = "\n<p>SMTP: smtp.mail.ovh.net:587</p>\n<p>ssl0.ovh.net</p>\n<p>Guia</p>"
    assert sorted(unseen(f"<article>{article}{theme}</article>", seen)) == [
        "smtp.mail.ovh.net:587",
        "ssl0.ovh.net",
    ]
    # A link's text is read, its destination is not: the Markdown blanked the address.
    assert unseen('<article><a href="x">https://ns0.ovh.net/</a></article>', seen) == ["ns0.ovh.net"]
    # Markdown that writes its own HTML blocks is judged whole as HTML: a raw table's columns
    # are the renderer's, not the Markdown reader's.
    assert markdown_values("<table><tr><th>POP3</th></tr><tr><td>993</td></tr></table>") is None
    assert markdown_values("Porta <b>993</b>") is not None
    # A link reads as its text, its destination unseen: the word after it is whole.
    assert not unseen(
        "<article><p>ver <a href='#p'>passo 5</a>.</p></article>", markdown_values("ver [passo 5](#p).")
    )
    assert unseen("<article><p>ver passo 5.</p></article>", markdown_values("ver passo 5")) == ["5."]
    # An inline tag does not part a host: the reader sees one name.
    assert unseen(
        "<article><p><code>ssl0</code>.ovh.net</p></article>", markdown_values("ssl0 .ovh.net")
    ) == ["ssl0.ovh.net"]


def test_the_words_a_page_shows_are_whole_and_counted() -> None:
    """A value is taken with the whole word around it, however far back the word starts; a
    word counts as often as it stands; plain words and addresses are not kept."""
    text = (
        "<article>Servidor-de-entrada.ssl0.ovh.net, ssl0.ovh.net ssl0.ovh.net porta:993 x.y@z.pt só</article>"
    )
    assert html_values(text) == Counter(
        {"Servidor-de-entrada.ssl0.ovh.net": 1, "ssl0.ovh.net": 2, "porta:993": 1}
    )
    assert html_values("<article>IMAP。ovh。net ２５ versão 1 e 1.</article>") == Counter(
        {"IMAP。ovh。net": 1, "２５": 1, "1": 1, "1.": 1}
    )


def test_judging_run_by_run_gives_the_findings_of_the_whole_page(ref: Reference) -> None:
    """The memo of runs is only a speed-up: the page read whole says the same."""
    guides = [(str(p), p.read_text(encoding="utf-8"), language_of(p)) for p in (*_source_pages(), SEED)]
    guides += [(name, (FIXTURES / name).read_text(encoding="utf-8"), language_of(name)) for name in EXPECTED]
    for page in _source_pages()[::3]:
        drifted = list(mutations(page.read_text(encoding="utf-8"), ref, file=str(page)))
        guides += [(m.file, m.text, language_of(page)) for m in drifted[::25]]
    compared = 0
    for file, text, lang in guides:
        for own in (False, True):
            by_runs = check_markdown(text, ref, file=file, lang=lang, require_placeholders=own)
            product = product_of(text)
            whole = read_markdown(text, file=file, lang=lang, values=ref.values_for(lang, product))
            whole.product, whole.region = product, ref.default_region(lang, product)
            assert by_runs == check_page(whole, ref, require_placeholders=own), file
            compared += len(by_runs)
    assert compared > 100


def test_a_file_name_is_a_server_nowhere_but_under_a_domain_of_the_data(ref: Reference) -> None:
    """A file name (``guia.md``) is no server, even after "Servidor:", so a run whose only
    host-like words are file names is not judged at all; a name under a domain of the data
    is judged wherever it stands, whatever its last label (Moldova's domains end in .md)."""
    text = "Servidor de receção: guia.md\n\nO ficheiro mail.example.md tem o resto.\n"
    assert check_markdown(text, ref, file="g.md", lang="pt") == []
    for name in ("config-v1.1.xml", "conta.mobileconfig"):  # the set-up files our guides offer
        assert check_markdown(f"Servidor de receção: {name}\n", ref, file="g.md", lang="pt") == [], name
    moldova = replace(ref, domains=(*ref.domains, "example.md"))
    try:
        _MEMO.clear()  # the same data's fingerprint: what the screen remembered is forgotten
        [finding] = check_markdown(text, moldova, file="g.md", lang="pt")
    finally:
        _MEMO.clear()  # nothing judged with the made-up domain is left for other tests
    assert (finding.value, finding.rule, finding.line) == ("mail.example.md", "unknown-host", 3)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "---\ntitle: x\n---\n",
        "```\nporta 995\n",
        "| a |\n| b | c | d |\n|x\n",
        "# \n\n|\n",
        "Porta 993 " * 2000,
    ],
    ids=["empty", "front matter only", "unclosed fence", "ragged table", "bare marks", "long line"],
)
def test_odd_guides_are_read_without_error(ref: Reference, text: str) -> None:
    for finding in check_markdown(text, ref, file="g.md", lang="pt"):
        assert len(finding.text) <= 122
    check_html(f"<div><p>{text}<table><tr><td>x</table>", ref, file="g.html")


def test_windows_line_ends_change_nothing(ref: Reference) -> None:
    guide = (FIXTURES / "docs" / "pt" / "outlook.md").read_text(encoding="utf-8")
    crlf = guide.replace("\n", "\r\n")
    assert [(f.line, f.col, f.rule) for f in check_markdown(crlf, ref, file="g.md", lang="pt")] == [
        (f.line, f.col, f.rule) for f in check_markdown(guide, ref, file="g.md", lang="pt")
    ]


def test_each_protocol_has_its_own_server(ref: Reference) -> None:
    """A host of the wrong protocol and a look-alike are found; the fix names the right one."""
    guide = (
        "## Configuração IMAP\n\n"
        "| Parâmetro | Valor |\n|---|---|\n"
        "| Servidor de receção (IMAP) | `imap.mail.ovh.net` |\n"
        "| Servidor de envio (SMTP) | `imap.mail.ovh.net` |\n"
        "| Servidor de envio (SMTP) | `smtp.mial.ovh.net` |\n"
    )
    findings = check_markdown(guide, ref, file="g.md", lang="pt")
    assert [(f.line, f.rule) for f in findings] == [(6, "wrong-host"), (7, "unknown-host")], _shown(findings)
    assert findings[0].fix.startswith("write smtp.mail.ovh.net or ssl0.ovh.net")
    assert findings[1].fix == "write smtp.mail.ovh.net"


def test_a_heading_inside_a_code_block_is_code(ref: Reference) -> None:
    guide = "## Configuração IMAP\n\n```\n# POP\n\nx = 1\n```\n\nPorta 995\n"
    for text in (guide, render_crlf := guide.replace("\n", "\r\n")):
        findings = check_markdown(text, ref, file="g.md", lang="pt")
        assert [(f.line, f.rule) for f in findings] == [(9, "wrong-protocol")], (
            text is render_crlf,
            _shown(findings),
        )


def test_python_dash_m_runs_the_checker() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mailhelp", "check", str(SEED), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert [f["line"] for f in json.loads(done.stdout)["findings"]] == [22, 27]


@pytest.mark.parametrize(
    ("line", "old", "new", "rules"),
    [
        (23, "Porta: 110", "Porta: 587", ["wrong-protocol"]),  # SMTP's port for the incoming server
        (28, "Porta : 587", "Porta : 995", ["wrong-protocol"]),  # POP3's port for the outgoing one
        (60, "110 e 587", "110 e 465", ["wrong-mode"]),  # an SSL port said to be without SSL
        (68, "|Receção|995|110|", "|Receção|110|995|", ["wrong-mode", "wrong-mode"]),  # columns swapped
        (95, "|Receção|993|143|", "|Receção|995|143|", ["wrong-protocol"]),  # a POP port under IMAP
    ],
)
def test_the_seed_guide_read_in_context(
    ref: Reference, line: int, old: str, new: str, rules: list[str]
) -> None:
    """The seed's own layout: "Porta:" lines after a server line, a table without |---|."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new)
    findings = check_markdown("\n".join(lines), ref, file="seed", lang="pt")
    assert [f.rule for f in findings if f.line == line] == rules, _shown(findings)


@pytest.mark.parametrize("quote", ["> ", ">> "])
def test_a_comment_in_fenced_code_inside_a_quote_is_no_heading(ref: Reference, quote: str) -> None:
    """A fenced code block inside a quote or an OVHcloud tab (``> ```bash``) is code, as its
    reader sees it: its shell comment (``# IMAP``) is no heading, and gives no context to what
    follows, read run by run or as a whole page."""
    code = "\n".join(quote + line for line in ("```bash", "# IMAP", "echo ok", "```"))
    page = f"## Configuração POP3\n\n{code}\n\nPorta do servidor de receção: 995 (SSL ativado)\n"
    assert check_markdown(page, ref, file="g.md", lang="pt") == []
    whole = read_markdown(page, file="g.md", lang="pt")
    whole.region = ref.default_region("pt", None)
    assert check_page(whole, ref) == []
    [finding] = check_markdown(page.replace("995", "993"), ref, file="g.md", lang="pt")
    assert (finding.rule, finding.line) == ("wrong-protocol", 8)


# Content tabs of three kinds ------------------------------------------------------------------

_AFTER_TABS = "Servidor de receção (IMAP): imap.mail.ovh.net\n"
"""A Europe server after the tabs: right on a Portuguese page, wrong if the America tab
before it still gave its region."""


@pytest.mark.parametrize(
    "tabs",
    [
        '=== "Europa"\n\n    Servidor: imap.mail.ovh.net\n\n=== "América/Ásia-Pacífico"\n\n'
        "    Servidor de receção (IMAP): imap.mail.ovh.ca\n",
        '<Tabs>\n<Tab label="América/Ásia-Pacífico">\n\nServidor de receção (IMAP): imap.mail.ovh.ca\n\n'
        "</Tab>\n</Tabs>\n",
        "> [!tabs]\n> **Passo 3 AMÉRICA/ÁSIA-PACÍFICO**\n>> - **Servidor de receção (IMAP)**: imap.mail.ovh.ca\n",
    ],
    ids=["pymdownx", "mdx", "ovhcloud"],
)
def test_a_tab_gives_its_region_up_to_where_it_ends(ref: Reference, tabs: str) -> None:
    for between in ("\n", ""):  # after a blank line, or on the very next line
        guide = tabs + between + _AFTER_TABS
        assert check_markdown(guide, ref, file="g.md", lang="pt") == [], guide
    # Inside the tab, the Europe server is another region's, and the finding says "tab".
    inside = tabs.replace("imap.mail.ovh.ca", "imap.mail.ovh.net")
    [finding] = check_markdown(inside, ref, file="g.md", lang="pt")
    assert finding.rule == "wrong-region"
    assert "(from the tab 'América/Ásia-Pacífico')" in finding.message or "(from the tab 'Passo 3" in (
        finding.message
    ), finding.message


def test_a_tab_label_says_tab_in_rendered_html_too(ref: Reference) -> None:
    html = (
        '<article><div class="tabbed-set"><div class="tabbed-labels"><label>Europa</label></div>'
        '<div class="tabbed-content"><div class="tabbed-block"><p>Servidor de receção (IMAP): '
        "<code>imap.mail.ovh.ca</code></p></div></div></div></article>"
    )
    [finding] = check_html(html, ref, file="g.html", lang="pt")
    assert "(from the tab 'Europa')" in finding.message


def test_html_in_markdown_and_attribute_lists_are_markup(ref: Reference) -> None:
    guide = (
        'Clique em <code className="action">Web Cloud</code> > `MX Plan`{.action}.\n\n'
        '<img src="images/ssl1.ovh.net.png" alt="ns0.ovh.net" />\n\n'
        "![Mail](images/mail.png){.thumbnail .w-500}\n"
    )
    assert check_markdown(guide, ref, file="g.mdx", lang="pt") == []


def test_a_retired_host_where_its_replacement_does_not_serve_gets_the_servers_that_do(
    ref: Reference,
) -> None:
    guide = '=== "América/Ásia-Pacífico"\n\n    Servidor de receção (IMAP): ns0.ovh.net\n'
    [finding] = check_markdown(guide, ref, file="g.md", lang="pt")
    assert (finding.rule, finding.fix) == ("retired-host", "write imap.mail.ovh.ca")
    europe = guide.replace("América/Ásia-Pacífico", "Europa")
    [finding] = check_markdown(europe, ref, file="g.md", lang="pt")
    assert (finding.rule, finding.fix) == ("retired-host", "write ssl0.ovh.net")


# Mutations of what readers see: region, product, alias, retired ------------------------------


def _rendered_pages() -> list[tuple[Path, str]]:
    """Our pages as the build writes them out (region tabs and values), front matter kept."""
    settings = load_settings(DATA)
    strings = load_strings(DOCS, locales())
    found = []
    for page in _source_pages():
        source = page.read_text(encoding="utf-8")
        front = re.match(r"---\n(.*?\n)---\n", source, re.DOTALL)
        meta = yaml.safe_load(front.group(1)) if front else {}
        body = source[front.end() :] if front else source
        lang = language_of(page) or "pt"
        context = page_context(settings, meta or {}, lang=lang, origin=str(page), strings=strings[lang])
        rendered = render_page(body, context, origin=str(page))
        found.append((page, (front.group(0) if front else "") + rendered))
    return found


def test_the_checker_catches_region_product_alias_and_retired_mutations(ref: Reference) -> None:
    kinds: Counter[str] = Counter()
    missed: list[str] = []
    rendered = _rendered_pages()
    for page, text in rendered:
        lang = language_of(page)
        assert check_markdown(text, ref, file=str(page), lang=lang) == [], page
        product = product_of(text)
        for mutation in reader_mutations(text, ref, file=str(page.relative_to(ROOT)), product=product):
            kinds[mutation.kind] += 1
            found = check_markdown(mutation.text, ref, file=mutation.file, lang=lang)
            if not any(f.line == mutation.line for f in found):
                missed.append(str(mutation))
    for name, planted in EXPECTED.items():
        text = (FIXTURES / name).read_text(encoding="utf-8")
        lang, locale = language_of(name), locale_of(name)
        drifted = {int(entry.split(":")[0]) for entry in planted}
        title = re.search(r"^# (.*)$", text, re.MULTILINE)
        product = product_of(text) or next(
            iter(ref.names_in("product", title.group(1) if title else "")), None
        )
        for mutation in reader_mutations(text, ref, file=name, product=product, skip=drifted):
            kinds["fixture " + mutation.kind] += 1
            found = check_markdown(mutation.text, ref, file=name, lang=lang, locale=locale)
            if not any(f.line == mutation.line for f in found):
                missed.append(str(mutation))
    total = sum(kinds.values())
    rate = 1 - len(missed) / total
    print(f"\nreader mutations: {total} ({dict(kinds)}), caught {rate:.2%}; missed: {len(missed)}")
    print("\n".join(missed))
    assert {"region", "product", "retired"} <= set(kinds)  # our pages show no alias
    assert {"fixture region", "fixture product", "fixture alias", "fixture retired"} <= set(kinds)
    assert total >= 300
    assert rate >= 0.99, "\n".join(missed)


@pytest.mark.parametrize("text", ["Der Support endet am 31. Dezember 2024.", "Der Export vom 12. Mai."])
def test_a_german_word_that_ends_in_port_is_not_a_port_word(ref: Reference, text: str) -> None:
    assert check_markdown(text, ref, file="g.md", lang="de") == []
    assert [f.rule for f in check_markdown("Der Postausgangsport ist 31.", ref, file="g.md", lang="de")] == [
        "unknown-port"
    ]


def test_a_new_language_forgets_what_was_remembered_for_the_others(ref: Reference) -> None:
    """The i18n plugin builds the languages one after the other in one process: a language's
    verdicts and texts are of no use to the next, and kept they cost memory."""
    from mailhelp.check import _HEADINGS, _speaks_of_servers
    from mailhelp.check.words import signals

    page = "## IMAP\n\nServidor: ssl0.ovh.net, porta 993.\n\nPasso 2: abra o programa.\n"
    for lang in ("pt", "fr"):
        assert check_markdown(page, ref, file=f"docs/{lang}/a.md", lang=lang) == []
    assert {context[1] for context in _MEMO} >= {"pt", "fr"}
    assert _HEADINGS
    # A run that holds no value is remembered by its text alone.
    assert any("Passo 2: abra o programa." in memo for memo in _MEMO.values())
    assert signals.cache_info().currsize
    assert ref.names_in("region", "Europa")

    forget_other_languages("fr", ref)
    assert {context[1] for context in _MEMO} == {"fr"}
    assert signals.cache_info().currsize == _speaks_of_servers.cache_info().currsize == 0
    assert not ref._names_seen
    assert not _HEADINGS
    # The same language again (mkdocs serve rebuilding it) keeps what it learned.
    check_markdown(page, ref, file="docs/fr/a.md", lang="fr")
    kept = signals.cache_info().currsize
    forget_other_languages("fr", ref)
    assert signals.cache_info().currsize == kept > 0


def test_the_suggested_host_is_difflibs_nearest() -> None:
    # The suggestion skips names that cannot win: it must still pick what difflib picks,
    # ties included (of equal ratios, the last name in the order of text).
    pick = random.Random(15)
    letters = "ssl0.ovhnetpmaiz-"
    for _ in range(3000):
        word = "".join(pick.choices(letters, k=pick.randint(0, 14)))
        names = ["".join(pick.choices(letters, k=pick.randint(1, 16))) for _ in range(pick.randint(1, 9))]
        if pick.random() < 0.2:
            names.append(pick.choice(names))  # the same name twice
        expected = difflib.get_close_matches(word, names, n=1, cutoff=0.0)
        assert nearest_name(word, names) == (expected[0] if expected else None), (word, names)
    assert nearest_name("imap.mail.ovh.ne", ["ssl0.ovh.net", "imap.mail.ovh.net", "pop.mail.ovh.net"]) == (
        "imap.mail.ovh.net"
    )
    assert nearest_name("x", []) is None


def test_names_are_read_as_the_plain_reading_reads_them(ref: Reference) -> None:
    # The names of regions and products are found by a pattern written for speed, in text
    # normalized with shortcuts: both must read what the plain ones read, on any text.
    def plain_normalized(text: str) -> str:
        bare = re.sub(r"[\u0300-\u036f]", "", unicodedata.normalize("NFD", text.casefold()))
        return re.sub(
            r"\s*(/)\s*|(?<=\S)(-)\s+|\s+(-)(?=\S)|\s+",
            lambda m: m.group(1) or m.group(2) or m.group(3) or " ",
            bare,
        )

    names = ["europe", "europa", "mx plan", "mx", "e-mail pro", "email pro", "asia"]
    names.append("amerique/asie-pacifique")  # a name with a slash and a hyphen
    plain = re.compile(
        r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")(?![\w-])"
    )
    fast = names_pattern(names)
    pick = random.Random(15)
    pieces = [
        *names,
        "Europe",
        "AMÉRIQUE",
        "Amérique / Asie-Pacifique",
        "MX  Plan",
        "ß",
        "-",
        "/",
        " ",
        "\t",
        "\n",
    ]
    pieces += ["x", "e", "é", "2", "_", ".", "Straße", "İ", "ﬁ"]
    for _ in range(5000):
        text = "".join(pick.choices(pieces, k=pick.randint(0, 8)))
        assert normalized(text) == plain_normalized(text), repr(text)
        bare = plain_normalized(text)
        assert [m.span() for m in fast.finditer(bare)] == [m.span() for m in plain.finditer(bare)], repr(bare)
    assert ref.names_in("region", "Região: AMÉRIQUE / Asie-Pacifique") == {"america_asia_pacific"}
    assert ref.names_in("product", "MX  Plan e E-mail Pro") == {"mx_plan", "email_pro"}
