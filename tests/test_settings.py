"""Loading and validating the settings file: every bad input names its line, key and fix."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from mailhelp.data.settings import load_settings, parse_settings
from mailhelp.problems import ContentError
from tests.conftest import DATA

if TYPE_CHECKING:
    from pathlib import Path

GOOD = DATA.read_text(encoding="utf-8")


def problems_of(text: str, tmp_path: Path) -> str:
    """The error message for settings ``text``; fails the test when the text is accepted."""
    path = tmp_path / "settings.yml"
    with pytest.raises(ContentError) as caught:
        parse_settings(text, path=path)
    return str(caught.value)


def test_real_settings_load_with_todays_values() -> None:
    settings = load_settings(DATA)
    assert settings.hosts() == {"imap": "ssl0.ovh.net", "pop3": "ssl0.ovh.net", "smtp": "ssl0.ovh.net"}
    assert settings.ports() == {
        "imap": {"ssl": 993, "none": 143},
        "pop3": {"ssl": 995, "none": 110},
        "smtp": {"ssl": 465, "none": 587},
    }
    assert settings.values["smtp.ports.ssl"] == "465"
    assert "ns0.ovh.net" not in GOOD


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "    ssl: 993", "    ssl: 99300", ["'imap.ports.ssl'", "99300", "1 to 65535"], id="port-range"
        ),
        pytest.param("    ssl: 993", "    ssl: 0", ["'imap.ports.ssl'", "1 to 65535"], id="port-zero"),
        pytest.param(
            "    ssl: 993", '    ssl: "993"', ["'imap.ports.ssl'", "'993'", "without quotes"], id="port-str"
        ),
        pytest.param("    ssl: 993", "    tls: 993", ["'imap.ports.tls'", "ssl, starttls, none"], id="mode"),
        pytest.param(
            "  host: ssl0.ovh.net\n  auth: true\n  ports:\n    ssl: 995",
            "  host: ssl0..ovh.net\n  auth: true\n  ports:\n    ssl: 995",
            ["'pop3.host'", "ssl0..ovh.net"],
            id="host-invalid",
        ),
        pytest.param(
            "imap:\n  host: ssl0.ovh.net",
            "imap:\n  host: SSL0.OVH.NET",
            ["'imap.host'", "lower case"],
            id="host-case",
        ),
        pytest.param(
            "imap:\n  host: ssl0.ovh.net",
            "imap:\n  hots: ssl0.ovh.net",
            ["'imap.hots'", "known keys", "did you mean 'imap.host'?"],
            id="unknown-key",
        ),
        pytest.param(
            "imap:\n  host: ssl0.ovh.net\n  auth: true",
            "imap:\n  host: ssl0.ovh.net\n  auth: yes please",
            ["'imap.auth'", "true or false"],
            id="wrong-type",
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
    ],
)
def test_bad_value_names_line_key_received_and_expected(
    tmp_path: Path, old: str, new: str, expected: list[str]
) -> None:
    assert old in GOOD, "the test's anchor must exist in the real file"
    text = GOOD.replace(old, new, 1)
    message = problems_of(text, tmp_path)
    line = _first_changed_line(GOOD, text)
    assert f"settings.yml:{line}:" in message
    for part in expected:
        assert part in message


def test_yaml_syntax_error_names_line(tmp_path: Path) -> None:
    text = GOOD.replace("  name: OVHcloud", "  name: [OVHcloud", 1)
    message = problems_of(text, tmp_path)
    assert "YAML syntax error" in message
    assert "settings.yml:" in message
    assert "Traceback" not in message


def test_missing_key_and_duplicate_key(tmp_path: Path) -> None:
    missing = problems_of(GOOD.replace("  auth: true\n", "", 1), tmp_path)
    assert "'imap.auth'" in missing
    assert "received 'nothing'" in missing
    assert "add 'auth:' to the 'imap' section" in missing
    twice = problems_of(GOOD.replace("imap:\n", "imap:\n  host: a.ovh.net\n", 1), tmp_path)
    assert "'imap.host' is given twice" in twice


def test_every_mistake_of_a_file_is_reported_at_once(tmp_path: Path) -> None:
    text = GOOD.replace("    ssl: 993", "    ssl: 0", 1).replace("    ssl: 465", "    ssl: -1", 1)
    message = problems_of(text, tmp_path)
    assert "'imap.ports.ssl'" in message
    assert "'smtp.ports.ssl'" in message


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="does not exist"):
        load_settings(tmp_path / "nowhere.yml")


def test_values_flatten_only_single_values() -> None:
    values = load_settings(DATA).values
    assert values["imap.host"] == "ssl0.ovh.net"
    assert "imap.auth" not in values, "a yes/no setting is not text for a page"
    assert "provider.domains" not in values
    assert "imap.ports" not in values


def _first_changed_line(before: str, after: str) -> int:
    pairs = zip(before.splitlines(), after.splitlines(), strict=False)
    return next(number for number, (a, b) in enumerate(pairs, start=1) if a != b)
