"""The set-up files: each parses back to the data, passes Thunderbird's checks, follows
every change of the data, and is in the built site (``.well-known/`` included)."""

from __future__ import annotations

import json
import plistlib
import re
import shutil
from typing import TYPE_CHECKING
from xml.etree import ElementTree

import pytest

from mailhelp.data.settings import load_settings
from mailhelp.setup_files import Offer, offers, usable
from mailhelp.setup_files.apple_profile import mobileconfig, profile_uuid
from mailhelp.setup_files.autoconfig import autoconfig_xml
from mailhelp.setup_files.dns import srv_zone
from mailhelp.setup_files.export import FORMAT, VERSION, export_json
from mailhelp.setup_files.published import EXPORT, autoconfig_path, profile_path
from mailhelp.setup_files.validate import autoconfig_problems
from mailhelp.setup_files.web_server import MEDIA_TYPES
from mailhelp.translations.strings import load_strings
from tests.conftest import DATA, DOCS, build_site, locales

if TYPE_CHECKING:
    from pathlib import Path

    from mailhelp.data.model import Settings
    from tests.conftest import Built

SETTINGS = load_settings(DATA)
OFFERS = offers(SETTINGS)
IDS = [o.slug for o in OFFERS]
LANGS = locales()
WORDS = load_strings(DOCS, LANGS)
"""Every language's strings: the set-up files' words are in their ``setup_files`` section."""
SOCKET = {"ssl": "SSL", "starttls": "STARTTLS", "none": "plain"}

# Thunderbird's own ISP database entry for ovh.net (thunderbird/autoconfig, ispdb/ovh.net.xml)
ISPDB_OVH = {
    ("incomingServer", "imap", "ssl0.ovh.net", "993", "SSL"),
    ("incomingServer", "pop3", "ssl0.ovh.net", "995", "SSL"),
    ("outgoingServer", "smtp", "ssl0.ovh.net", "465", "SSL"),
}


def xml_of(settings: Settings, offer: Offer) -> str:
    return autoconfig_xml(settings, offer, guide_url="https://help.example/", langs=LANGS, words=WORDS)


def servers(text: str) -> list[tuple[str, str, str, str, str, str, str]]:
    provider = ElementTree.fromstring(text).find("emailProvider")
    return [
        (
            s.tag,
            s.get("type", ""),
            s.findtext("hostname", ""),
            s.findtext("port", ""),
            s.findtext("socketType", ""),
            s.findtext("authentication", ""),
            s.findtext("username", ""),
        )
        for s in provider
        if s.tag in ("incomingServer", "outgoingServer")
    ]


def expected_servers(settings: Settings, offer: Offer) -> list[tuple[str, str, str, str, str, str, str]]:
    found = []
    for tag, services in (("incomingServer", ("imap", "pop3")), ("outgoingServer", ("smtp",))):
        for service in services:
            for e in usable(settings, offer, service):
                for name in e.names:
                    found.append(
                        (
                            tag,
                            service,
                            name,
                            str(e.port),
                            SOCKET[e.security],
                            "password-cleartext",
                            "%EMAILADDRESS%",
                        )
                    )
    return found


def test_fixed_host_offers_get_files_and_email_pro_none() -> None:
    assert [o.slug for o in OFFERS] == ["mx-plan-europe", "mx-plan-america-asia-pacific"]
    assert all(o.product != "email_pro" for o in OFFERS)


# Autoconfig ----------------------------------------------------------------------------------


@pytest.mark.parametrize("offer", OFFERS, ids=IDS)
def test_autoconfig_parses_back_to_every_endpoint(offer: Offer) -> None:
    text = xml_of(SETTINGS, offer)
    assert servers(text) == expected_servers(SETTINGS, offer)
    root = ElementTree.fromstring(text)
    assert root.tag == "clientConfig"
    assert root.get("version") == "1.1"
    descr = {d.get("lang"): d.text for d in root.iter("descr")}
    assert set(descr) == set(LANGS)
    assert all(descr.values())


@pytest.mark.parametrize("offer", OFFERS, ids=IDS)
def test_autoconfig_never_names_an_unverified_endpoint(offer: Offer) -> None:
    hidden = {
        str(e.port)
        for e in SETTINGS.endpoints
        if (e.product, e.region) == (offer.product, offer.region) and e.unverified
    }
    assert not hidden & {s[3] for s in servers(xml_of(SETTINGS, offer))}


@pytest.mark.parametrize("offer", OFFERS, ids=IDS)
def test_autoconfig_passes_thunderbirds_checks(offer: Offer) -> None:
    assert autoconfig_problems(xml_of(SETTINGS, offer)) == []


def test_mx_plan_europe_carries_thunderbirds_own_entry_for_ovh_net() -> None:
    text = xml_of(SETTINGS, Offer("mx_plan", "europe"))
    assert ElementTree.fromstring(text).find("emailProvider").get("id") == "ovh.net"
    found = {s[:5] for s in servers(text) if s[5:] == ("password-cleartext", "%EMAILADDRESS%")}
    assert found >= ISPDB_OVH


GOOD = xml_of(SETTINGS, OFFERS[0])


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('emailProvider id="ovh.net"', 'emailProvider id="ovh net"', "emailProvider id"),
        ('emailProvider id="ovh.net"', "emailProvider", "emailProvider id is missing"),
        ("<domain>ovh.net</domain>", "", "need proper <domain>"),
        ("<port>993</port>", "<port>99999</port>", "outside 1-65535"),
        ("<port>993</port>", "<port>0</port>", "outside 1-65535"),
        ("<port>993</port>", "<port>993abc</port>", "not a number"),
        ("<socketType>SSL</socketType>", "<socketType>TLS</socketType>", "need proper <socketType>"),
        (
            "<authentication>password-cleartext</authentication>",
            "<authentication>pw</authentication>",
            "need proper <authentication>",
        ),
        ("<hostname>imap.mail.ovh.net</hostname>", "<hostname>imap_mail!</hostname>", "is not a host name"),
        ('outgoingServer type="smtp"', 'outgoingServer type="imap"', "type 'imap' is not one of smtp"),
        ('incomingServer type="imap"', 'incomingServer type="webmail"', "type 'webmail'"),
        ('clientConfig version="1.1"', 'clientConfig version="1.0"', "version"),
        ("<username>%EMAILADDRESS%</username>", "", "<username> is missing"),
    ],
)
def test_the_validator_refuses_what_thunderbird_refuses(old: str, new: str, expected: str) -> None:
    assert old in GOOD
    problems = autoconfig_problems(GOOD.replace(old, new, 1))
    assert any(expected in p for p in problems), problems


def test_the_validator_needs_an_incoming_and_an_outgoing_server() -> None:
    no_outgoing = re.sub(r"\s*<outgoingServer.*?</outgoingServer>", "", GOOD, flags=re.DOTALL)
    no_incoming = re.sub(r"\s*<incomingServer.*?</incomingServer>", "", GOOD, flags=re.DOTALL)
    assert any("outgoingServer" in p for p in autoconfig_problems(no_outgoing))
    assert any("incomingServer" in p for p in autoconfig_problems(no_incoming))
    assert autoconfig_problems("<clientConfig")
    assert autoconfig_problems("<other/>")


# Apple profile -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("offer", OFFERS, ids=IDS)
def test_profile_parses_back_to_the_implicit_tls_endpoints(offer: Offer, lang: str) -> None:
    profile = plistlib.loads(mobileconfig(SETTINGS, offer, lang=lang, words=WORDS))
    imap = next(e for e in usable(SETTINGS, offer, "imap") if e.security == "ssl")
    smtp = next(e for e in usable(SETTINGS, offer, "smtp") if e.security == "ssl")
    assert profile["PayloadType"] == "Configuration"
    assert profile["PayloadVersion"] == 1
    (mail,) = profile["PayloadContent"]
    assert mail["PayloadType"] == "com.apple.mail.managed"
    assert mail["EmailAccountType"] == "EmailTypeIMAP"
    assert (mail["IncomingMailServerHostName"], mail["IncomingMailServerPortNumber"]) == (
        imap.host,
        imap.port,
    )
    assert (mail["OutgoingMailServerHostName"], mail["OutgoingMailServerPortNumber"]) == (
        smtp.host,
        smtp.port,
    )
    assert mail["IncomingMailServerUseSSL"] is True
    assert mail["OutgoingMailServerUseSSL"] is True
    assert (
        mail["IncomingMailServerAuthentication"]
        == mail["OutgoingMailServerAuthentication"]
        == "EmailAuthPassword"
    )
    # Asked at installation, never stored
    for key in ("EmailAddress", "IncomingPassword", "OutgoingPassword", "IncomingMailServerUsername"):
        assert key not in mail
    assert re.fullmatch(r"[a-z]+(\.[a-z0-9-]+)+", profile["PayloadIdentifier"])
    assert mail["PayloadIdentifier"].startswith(profile["PayloadIdentifier"] + ".")
    assert profile["PayloadUUID"] == profile_uuid(SETTINGS, offer) != mail["PayloadUUID"]
    assert profile["PayloadDescription"] == WORDS[lang]["setup_files"]["profile_description"].format(
        offer=f"{SETTINGS.name('product', offer.product, lang)} ({SETTINGS.name('region', offer.region, lang)})"
    )


def test_profile_uuids_are_stable_and_differ_per_offer() -> None:
    uuids = [profile_uuid(SETTINGS, o) for o in OFFERS]
    assert len(set(uuids)) == len(uuids)
    assert profile_uuid(SETTINGS, OFFERS[0]) == profile_uuid(load_settings(DATA), OFFERS[0])
    first = [
        plistlib.loads(mobileconfig(SETTINGS, OFFERS[0], lang=lang, words=WORDS))["PayloadUUID"]
        for lang in LANGS
    ]
    assert len(set(first)) == 1, "every language's profile replaces the others"


# Export and DNS ------------------------------------------------------------------------------


def test_export_parses_back_to_every_endpoint() -> None:
    data = json.loads(export_json(SETTINGS))
    assert (data["format"], data["version"]) == (FORMAT, VERSION)
    exported = [
        (p, r, s, e["host"], tuple(e["aliases"]), e["port"], e["security"], e["auth"], e["verified"])
        for p, product in data["products"].items()
        for r, region in product["regions"].items()
        for s, endpoints in region["services"].items()
        for e in endpoints
    ]
    expected = [
        (e.product, e.region, e.service, e.host, e.aliases, e.port, e.security, e.auth, e.unverified is None)
        for e in SETTINGS.endpoints
    ]
    assert sorted(exported) == sorted(expected)
    assert data["products"]["email_pro"]["regions"]["europe"]["setup_files"] is False


@pytest.mark.parametrize("offer", OFFERS, ids=IDS)
def test_srv_zone_names_each_encrypted_endpoint(offer: Offer) -> None:
    records = [line.split() for line in srv_zone(SETTINGS, offer).splitlines()]
    found = {(r[0], int(r[6]), r[7]) for r in records}
    labels = {("imap", "ssl"): "_imaps._tcp", ("pop3", "ssl"): "_pop3s._tcp"}
    labels |= {("smtp", "ssl"): "_submissions._tcp", ("smtp", "starttls"): "_submission._tcp"}
    expected = {
        (labels[(e.service, e.security)], e.port, e.host + ".")
        for service in ("imap", "pop3", "smtp")
        for e in usable(SETTINGS, offer, service)
        if (e.service, e.security) in labels
    }
    assert found == expected
    assert all(r[1:4] == ["3600", "IN", "SRV"] for r in records)
    assert [r[4] for r in records if r[0] == "_imaps._tcp"] == ["0"]
    assert [r[4] for r in records if r[0] == "_pop3s._tcp"] == ["10"]


# A changed value changes every file ---------------------------------------------------------


def _with_port(tmp_path: Path, old: int, new: int) -> Settings:
    text = DATA.read_text(encoding="utf-8")
    assert f"port: {old}\n" in text
    changed = tmp_path / "settings.yml"
    changed.write_text(text.replace(f"port: {old}\n", f"port: {new}\n"), encoding="utf-8")
    return load_settings(changed)


@pytest.mark.parametrize(("old", "new"), [(993, 9993), (465, 4465)])
def test_a_changed_port_changes_every_file(tmp_path: Path, old: int, new: int) -> None:
    changed = _with_port(tmp_path, old, new)
    assert export_json(changed) != export_json(SETTINGS)
    for offer in OFFERS:
        assert xml_of(changed, offer) != xml_of(SETTINGS, offer)
        assert str(new) in {s[3] for s in servers(xml_of(changed, offer))}
        assert srv_zone(changed, offer) != srv_zone(SETTINGS, offer)
        for lang in LANGS:
            assert mobileconfig(changed, offer, lang=lang, words=WORDS) != mobileconfig(
                SETTINGS, offer, lang=lang, words=WORDS
            )


# Texts and pages -----------------------------------------------------------------------------


def test_every_language_has_every_text() -> None:
    keys = set(WORDS["pt"]["setup_files"])
    for lang in LANGS:
        assert set(WORDS[lang]["setup_files"]) == keys, f"docs/{lang}/strings.yml lacks set-up file texts"


@pytest.mark.parametrize("lang", LANGS)
def test_the_administrators_page_names_the_media_types_the_code_sends(lang: str) -> None:
    page = (DOCS / lang / "para_administradores.md").read_text(encoding="utf-8")
    for name, media_type in MEDIA_TYPES.items():
        assert re.search(rf"\| `{re.escape(name)}` \| `{re.escape(media_type)}` \|", page), (lang, name)


# The built site ------------------------------------------------------------------------------


def _site_files(built: Built) -> dict[str, bytes]:
    root = built.site
    wanted = [EXPORT]
    for offer in OFFERS:
        wanted += [autoconfig_path(offer), autoconfig_path(offer, well_known=True)]
        wanted += [(f"{lang}/" if lang != LANGS[0] else "") + profile_path(offer) for lang in LANGS]
    return {path: (root / path).read_bytes() for path in wanted}


def test_the_built_site_holds_every_file(built_site: Built) -> None:
    files = _site_files(built_site)
    for offer in OFFERS:
        text = files[autoconfig_path(offer)].decode("utf-8")
        assert files[autoconfig_path(offer, well_known=True)] == files[autoconfig_path(offer)]
        assert servers(text) == expected_servers(built_site.settings, offer)
        assert autoconfig_problems(text) == []
        for lang in LANGS:
            path = (f"{lang}/" if lang != LANGS[0] else "") + profile_path(offer)
            assert files[path] == mobileconfig(built_site.settings, offer, lang=lang, words=WORDS)
    assert json.loads(files[EXPORT]) == json.loads(export_json(built_site.settings))


@pytest.mark.parametrize("lang", LANGS)
def test_the_pages_link_the_files_that_exist(built_site: Built, lang: str) -> None:
    prefix = "" if lang == LANGS[0] else f"{lang}/"
    for page in ("index.html", "para_administradores/index.html"):
        path = built_site.site / prefix / page
        html = path.read_text(encoding="utf-8")
        links = re.findall(r'href="([^"]+\.(?:mobileconfig|xml|json))"', html)
        assert len(links) >= 2 * len(OFFERS), (path, links)
        for link in links:
            assert (path.parent / link).resolve().is_file(), (path, link)
    admin = (built_site.site / prefix / "para_administradores/index.html").read_text(encoding="utf-8")
    for offer in OFFERS:
        for line in srv_zone(built_site.settings, offer).splitlines():
            assert line in admin


def test_two_builds_are_byte_identical(built_site: Built, tmp_path: Path) -> None:
    again = build_site(tmp_path / "again")
    assert _site_files(again) == _site_files(built_site)


def test_a_changed_port_in_the_data_changes_every_published_file(built_site: Built, tmp_path: Path) -> None:
    text = DATA.read_text(encoding="utf-8")
    data = tmp_path / "settings.yml"
    data.write_text(text.replace("port: 993\n", "port: 9993\n"), encoding="utf-8")
    changed = _site_files(build_site(tmp_path / "changed", data=data))
    before = _site_files(built_site)
    assert all(changed[path] != before[path] for path in before), [
        p for p in before if changed[p] == before[p]
    ]
    shutil.rmtree(tmp_path / "changed")


def test_mkdocs_serve_serves_the_files() -> None:
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    from tests.conftest import ROOT

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "DOCS_LANG": "pt", "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wanted = [autoconfig_path(o, well_known=w) for o in OFFERS for w in (False, True)]
        wanted += [profile_path(o) for o in OFFERS] + [EXPORT]
        deadline = time.monotonic() + 60
        for path in wanted:
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as response:
                        assert response.status == 200, path
                        assert response.read(), path
                        break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(timeout=10)
