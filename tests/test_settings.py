"""Loading and validating the settings file: every bad input names its line, key and fix."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import jsonschema
import pytest
import yaml

from mailhelp.data import yaml_reader
from mailhelp.data.schema import json_schema
from mailhelp.data.settings import load_settings, parse_settings
from mailhelp.problems import ContentError
from tests.conftest import DATA, ROOT

if TYPE_CHECKING:
    from pathlib import Path

GOOD = DATA.read_text(encoding="utf-8")
SCHEMA_FILE = ROOT / "data" / "settings.schema.json"
EUROPE_IMAP = "        imap:\n          - host: imap.mail.ovh.net\n            aliases: [ssl0.ovh.net]\n            port: 993\n            security: ssl\n"
"""The first IMAP endpoint of MX Plan in Europe, as the file writes it: the anchor of most mutations."""


def problems_of(text: str, tmp_path: Path) -> str:
    """The error message for settings ``text``; fails the test when the text is accepted."""
    path = tmp_path / "settings.yml"
    with pytest.raises(ContentError) as caught:
        parse_settings(text, path=path)
    return str(caught.value)


def _changed(old: str, new: str) -> str:
    assert old in GOOD, f"the test's anchor must exist in the real file: {old!r}"
    return GOOD.replace(old, new, 1)


def test_real_settings_model_both_products_and_regions() -> None:
    settings = load_settings(DATA)
    assert settings.products() == ["mx_plan", "email_pro"]
    assert settings.regions("mx_plan") == ["europe", "america_asia_pacific"]
    assert settings.regions("email_pro") == ["europe"]
    smtp = settings.endpoints_of("mx_plan", "europe", "smtp")
    assert [(e.host, e.port, e.security) for e in smtp] == [
        ("smtp.mail.ovh.net", 465, "ssl"),
        ("smtp.mail.ovh.net", 587, "starttls"),
    ]
    assert smtp[0].aliases == ("ssl0.ovh.net",)
    assert settings.endpoints_of("email_pro", "europe", "imap")[0].per_customer
    assert settings.retired() == {"ns0.ovh.net": "ssl0.ovh.net"}
    assert settings.warnings == ()


def test_short_keys_resolve_in_the_pages_context() -> None:
    settings = load_settings(DATA)
    europe = settings.values("pt", product="mx_plan", region="europe")
    america = settings.values("pt", product="mx_plan", region="america_asia_pacific")
    assert (europe["imap.host"], america["imap.host"]) == ("imap.mail.ovh.net", "imap.mail.ovh.ca")
    assert europe["smtp.ports.starttls"] == "587"
    assert europe["region.name"] == "Europa"
    assert settings.values("de", product="mx_plan", region="america_asia_pacific")["region.name"] == (
        "Amerika/Asien-Pazifik"
    )
    # Without a region, only what every region of the product agrees on.
    either = settings.values("pt", product="mx_plan")
    assert "imap.host" not in either
    assert either["imap.ports.ssl"] == "993"
    # A product of one region needs none; a per-customer host is shown as a pattern.
    assert settings.values("en", product="email_pro")["imap.host"] == "proN.mail.ovh.net"
    # Explicit keys always.
    assert either["mx_plan.america_asia_pacific.smtp.host"] == "smtp.mail.ovh.ca"
    assert either["email_pro.europe.smtp.port"] == "587"


def test_what_no_source_confirms_is_never_a_value_for_pages() -> None:
    values = load_settings(DATA).values("pt", product="mx_plan", region="europe")
    assert "imap.ports.none" not in values
    assert "pop3.ports.none" not in values


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "port: 993\n", "port: 99300\n", ["imap.0.port'", "99300", "1 to 65535"], id="port-range"
        ),
        pytest.param("port: 993\n", "port: 0\n", ["imap.0.port'", "1 to 65535"], id="port-zero"),
        pytest.param(
            "port: 993\n", 'port: "993"\n', ["imap.0.port'", "'993'", "without quotes"], id="port-str"
        ),
        pytest.param(
            "port: 993\n", "port: 0993\n", ["imap.0.port'", "leading zero", "write 993"], id="octal"
        ),
        pytest.param("port: 993\n", "port: 16:33\n", ["imap.0.port'", "'16:33'"], id="base-60"),
        pytest.param(
            "security: ssl\n", "security: tls\n", ["imap.0.security'", "'ssl', 'starttls', 'none'"], id="mode"
        ),
        pytest.param(
            "- host: imap.mail.ovh.net",
            "- host: imap..ovh.net",
            ["imap.0.host'", "imap..ovh.net"],
            id="host-invalid",
        ),
        pytest.param(
            "- host: imap.mail.ovh.net",
            "- host: IMAP.MAIL.OVH.NET",
            ["imap.0.host'", "lower case"],
            id="host-case",
        ),
        pytest.param(
            "- host: imap.mail.ovh.net",
            "- host: 999.999.999.999",
            ["imap.0.host'", "999.999.999.999"],
            id="host-numeric",
        ),
        pytest.param(
            "- host: imap.mail.ovh.net",
            "- host: imap.mail.οvh.net",
            ["imap.0.host'", "look-alike"],
            id="host-greek",
        ),
        pytest.param(
            "- host: imap.mail.ovh.net",
            "- host: imap.mail.ovh。net",
            ["imap.0.host'", "look-alike"],
            id="host-fullstop",
        ),
        pytest.param(
            "            port: 993",
            "            prot: 993",
            ["imap.0.prot'", "did you mean", "imap.0.port'"],
            id="unknown-key",
        ),
        pytest.param(
            "  username: email_address",
            "  username: login",
            ["'account.username'", "'email_address'"],
            id="choice",
        ),
        pytest.param(
            "  g1683: https://", "  1683: https://", ["'legacy_guides.1683'", "'g1683'"], id="legacy-key"
        ),
        pytest.param(
            "default_region: europe",
            "default_region: eurpoe",
            ["'default_region'", "no region 'eurpoe'", "did you mean 'europe'"],
            id="no-such-region",
        ),
        pytest.param(
            "  fr-ca: america_asia_pacific",
            "  fr-ca: canada",
            ["'locale_regions.fr-ca'", "no region 'canada'"],
            id="locale-region",
        ),
        pytest.param(
            "          checked: 2026-12-01\n        # The first",
            "          checked: 2026-13-01\n        # The first",
            ["source.checked'", "YYYY-MM-DD"],
            id="bad-date",
        ),
        pytest.param(
            "- host: pro{n}.mail.ovh.net", "- host: pro{n}.mail.{n}.net", ["{n} once"], id="pattern-twice"
        ),
        pytest.param(
            "            aliases: [ssl0.ovh.net]\n            port: 993",
            "            aliases: [imap.mail.ovh.ca]\n            port: 993",
            ["alias imap.mail.ovh.ca is a server of the region america_asia_pacific"],
            id="alias-other-region",
        ),
        pytest.param(
            "            port: 143\n",
            "            port: 993\n",
            ["imap.mail.ovh.net port 993 is listed twice"],
            id="endpoint-twice",
        ),
        pytest.param(
            "  email_pro:\n",
            "  imap:\n",
            ["'products.imap'", "word of the placeholder keys"],
            id="reserved-id",
        ),
        pytest.param(
            "  - host: ns0.ovh.net\n    replacement: ssl0.ovh.net",
            "  - host: ns0.ovh.net\n    replacement: ssl1.ovh.net",
            ["ssl1.ovh.net is not a server of the data"],
            id="replacement",
        ),
        pytest.param(
            "name: OVHcloud",
            "name: !!python/object:os.system OVHcloud",
            ["YAML tag", "remove the tag"],
            id="tag",
        ),
    ],
)
def test_bad_value_names_line_key_received_and_expected(
    tmp_path: Path, old: str, new: str, expected: list[str]
) -> None:
    text = _changed(old, new)
    message = problems_of(text, tmp_path)
    line = _first_changed_line(GOOD, text)
    assert f"settings.yml:{line}:" in message, message
    for part in expected:
        assert part in message, message
    assert "Traceback" not in message


def test_a_port_against_its_usual_security_is_a_warning_citing_rfc_8314(tmp_path: Path) -> None:
    text = _changed(EUROPE_IMAP, EUROPE_IMAP.replace("security: ssl", "security: starttls"))
    settings = parse_settings(text, path=tmp_path / "settings.yml")
    [warning] = settings.warnings
    assert "port 993 is assigned to implicit TLS (RFC 8314), but the data says starttls" in str(warning)
    assert f"settings.yml:{_first_changed_line(GOOD, text)}:" in str(warning)


def test_a_password_sent_unencrypted_needs_a_reason(tmp_path: Path) -> None:
    reason = "            plaintext_reason: listed by the provider's older guides; to be probed, never recommended\n"
    text = _changed(reason + "        pop3:", "        pop3:")
    message = problems_of(text, tmp_path)
    assert (
        "'products.mx_plan.regions.europe.imap.1.security': the password would travel unencrypted" in message
    )
    assert "say why under 'plaintext_reason:'" in message
    endpoint_security = GOOD[: GOOD.index("            security: none")].count("\n") + 1
    assert f"settings.yml:{endpoint_security}:" in message


def test_the_recommended_endpoint_must_be_encrypted(tmp_path: Path) -> None:
    text = _changed(EUROPE_IMAP, EUROPE_IMAP.replace("security: ssl", "security: none"))
    assert "the first endpoint is the one guides recommend" in problems_of(text, tmp_path)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("name: OVHcloud\n", "name: &n OVHcloud\n  alias: *n\n", "anchor '&n' is not allowed"),
        ("provider:\n", "base: &b {}\nprovider:\n  <<: *b\n", "is not allowed"),
        ("provider:\n", "deep: " + "[" * 300 + "]" * 300 + "\nprovider:\n", "nested more than 12 levels"),
    ],
    ids=["anchor", "merge-key", "deep"],
)
def test_forms_a_writer_cannot_see_through_are_refused(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    message = problems_of(_changed(old, new), tmp_path)
    assert expected in message


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("  name: OVHcloud", "  name: [OVHcloud"),  # an unclosed bracket, noticed lines below
        ("  name: OVHcloud", '  name: "OVHcloud'),  # an unclosed quote, noticed far below
        ("    - ovh.com\n", "    - ovh.com\n   - bad: indent\n"),  # a line indented wrong
        ("      en: Europe\n", "      en: Europe\n     fr: Europe\n"),  # one space short
    ],
    ids=["bracket", "quote", "sequence-indent", "mapping-indent"],
)
def test_yaml_syntax_error_names_the_line_of_the_mistake(tmp_path: Path, old: str, new: str) -> None:
    text = _changed(old, new)
    message = problems_of(text, tmp_path)
    assert "YAML syntax error" in message
    assert f"settings.yml:{_first_changed_line(GOOD, text)}:" in message, message


def test_missing_key_and_duplicate_key(tmp_path: Path) -> None:
    missing = problems_of(_changed("            security: ssl\n", ""), tmp_path)
    assert "imap.0.security'" in missing
    assert "add 'security:'" in missing
    twice = problems_of(_changed("provider:\n", "provider:\n  name: Other\n"), tmp_path)
    assert "'provider.name' is given twice" in twice


def test_every_mistake_of_a_file_is_reported_at_once(tmp_path: Path) -> None:
    text = GOOD.replace("port: 993\n", "port: 0\n", 1).replace("port: 465\n", "port: -1\n", 1)
    message = problems_of(text, tmp_path)
    assert "imap.0.port'" in message
    assert "smtp.0.port'" in message


@pytest.mark.parametrize("kind", ["missing", "folder", "fifo", "huge", "latin-1", "passwd"])
def test_a_path_that_is_not_a_settings_file_is_refused_without_reading_it_all(
    tmp_path: Path, kind: str
) -> None:
    import os

    path = tmp_path / "settings.yml"
    if kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "huge":
        path.write_bytes(b"# " + b"x" * (2 * 1024 * 1024))
    elif kind == "latin-1":
        path.write_bytes(GOOD.replace("Ásia", "Ásia").encode("latin-1"))
    elif kind == "passwd":
        path.write_text("root:x:0:0:root:/root:/bin/bash\n" * 50, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_settings(path)
    message = str(caught.value)
    assert "settings.yml" in message
    assert "root:x:0:0:root:/root:/bin/bash\nroot" not in message, "a wrong file is not echoed"
    assert len(message) < 2000


def _first_changed_line(before: str, after: str) -> int:
    pairs = zip(before.splitlines(), after.splitlines(), strict=False)
    return next(number for number, (a, b) in enumerate(pairs, start=1) if a != b)


# The JSON Schema --------------------------------------------------------------------------


def test_the_committed_json_schema_is_the_generated_one() -> None:
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == json_schema(), (
        "data/settings.schema.json is out of date: run `mailhelp schema --write`"
    )


def test_the_data_file_names_its_schema_on_its_first_line() -> None:
    assert GOOD.splitlines()[0] == "# yaml-language-server: $schema=settings.schema.json"


def _json_schema_errors(text: str) -> list[str]:
    """What a JSON Schema validator says of ``text`` read as editors read YAML (1.2: keys are
    text, ``2026-12-01`` is text)."""
    validator = jsonschema.Draft202012Validator(json_schema())
    return [error.message for error in validator.iter_errors(_plain(yaml.compose(text)))]


def _plain(node: yaml.Node) -> object:
    if isinstance(node, yaml.MappingNode):
        return {str(key.value): _plain(value) for key, value in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item) for item in node.value]
    return yaml_reader.scalar(node)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("port: 993\n", "port: 99300\n"),
        ("security: ssl\n", "security: tls\n"),
        ("- host: imap.mail.ovh.net", "- host: IMAP.MAIL.OVH.NET"),
        ("- host: imap.mail.ovh.net", "- host: 999.999.999.999"),
        ("            port: 993", "            prot: 993"),
        ("  username: email_address", "  username: login"),
        ("  g1683: https://", "  1683: https://"),
        ("default_region: europe", "default_region: Europe"),
        (
            "          checked: 2026-12-01\n        # The first",
            "          checked: yesterday\n        # The first",
        ),
    ],
    ids=["port", "mode", "case", "numeric-host", "unknown-key", "choice", "legacy", "region-id", "date"],
)
def test_the_validator_and_the_json_schema_refuse_the_same_files(tmp_path: Path, old: str, new: str) -> None:
    text = _changed(old, new)
    problems_of(text, tmp_path)  # the validator refuses it
    assert _json_schema_errors(text), "the JSON Schema accepts a file the validator refuses"


def test_the_validator_and_the_json_schema_accept_the_real_file() -> None:
    load_settings(DATA)
    assert _json_schema_errors(GOOD) == []
