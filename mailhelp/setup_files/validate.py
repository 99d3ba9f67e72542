"""Strict checks of an autoconfig file, mirroring what Thunderbird's reader accepts.

Thunderbird reads ``config-v1.1.xml`` with ``readFromXML`` (comm-central,
``mail/components/accountcreation/modules/readFromXML.sys.mjs``) and its ``Sanitizer``:
the provider ``id`` and every ``domain`` and ``hostname`` must be a host name, a port an
integer from 1 to 65535, ``socketType`` and ``authentication`` one of the enumerated values,
an outgoing server of type ``smtp``, and at least one valid incoming and one valid outgoing
server. Thunderbird skips a broken server and goes on with the next; we are stricter: every
server must be valid, a port must be digits only (Thunderbird's ``parseInt`` reads
``993abc`` as 993), and the file must declare ``version="1.1"``.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

INCOMING_TYPES = ("pop3", "imap", "nntp", "exchange")
SOCKET_TYPES = ("plain", "SSL", "STARTTLS")
INCOMING_AUTH = ("password-cleartext", "plain", "password-encrypted", "secure", "GSSAPI", "NTLM", "OAuth2")
OUTGOING_AUTH = (*INCOMING_AUTH, "none", "client-IP-address", "smtp-after-pop")
_HOST = re.compile(
    r"^(([a-z0-9]|[a-z0-9][a-z0-9\-]{0,61}[a-z0-9])\.)*([a-z0-9]|[a-z0-9][a-z0-9\-]{0,61}[a-z0-9])\.?$",
    re.IGNORECASE,
)
"""``isLegalHostName`` of Thunderbird's ``hostnameUtils.sys.mjs``, verbatim."""
_PLACEHOLDER_HOST = re.compile(r"^[a-zA-Z0-9\-\.]*(%[A-Z0-9]+%[a-zA-Z0-9\-\.]*)+$")


def autoconfig_problems(text: str) -> list[str]:
    """Every reason Thunderbird (or our stricter reading of it) would refuse ``text``."""
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        return [f"not well-formed XML: {error}"]
    problems: list[str] = []
    if root.tag != "clientConfig":
        return [f"the root element is <{root.tag}>, not <clientConfig>"]
    if root.get("version") != "1.1":
        problems.append(f"clientConfig version is {root.get('version')!r}, not '1.1'")
    providers = root.findall("emailProvider")
    if len(providers) != 1:
        return [*problems, f"{len(providers)} <emailProvider> elements, expected exactly one"]
    provider = providers[0]
    problems += _host(provider.get("id"), "emailProvider id")
    domains = provider.findall("domain")
    if not domains:
        problems.append("need proper <domain> in XML: none given")
    for domain in domains:
        problems += _host(domain.text, "<domain>")
    if not (provider.findtext("displayName") or "").strip():
        problems.append("<displayName> is missing or empty")
    incoming = provider.findall("incomingServer")
    outgoing = provider.findall("outgoingServer")
    if not incoming:
        problems.append("Need proper <incomingServer> in XML file: none given")
    if not outgoing:
        problems.append("Need proper <outgoingServer> in XML file: none given")
    for index, server in enumerate(incoming, 1):
        problems += _server(server, f"incomingServer #{index}", INCOMING_TYPES, INCOMING_AUTH)
    for index, server in enumerate(outgoing, 1):
        problems += _server(server, f"outgoingServer #{index}", ("smtp",), OUTGOING_AUTH)
    for documentation in provider.findall("documentation"):
        if not re.match(r"^https?://", documentation.get("url") or ""):
            problems.append(f"documentation url {documentation.get('url')!r} is not http: or https:")
    return problems


def _server(
    server: ElementTree.Element, name: str, types: tuple[str, ...], auths: tuple[str, ...]
) -> list[str]:
    problems: list[str] = []
    if server.get("type") not in types:
        problems.append(f"{name}: type {server.get('type')!r} is not one of {', '.join(types)}")
    problems += _host(server.findtext("hostname"), f"{name} <hostname>")
    port = (server.findtext("port") or "").strip()
    if not port.isdigit():
        problems.append(f"{name}: <port> {port!r} is not a number")
    elif not 1 <= int(port) <= 65535:
        problems.append(f"{name}: <port> {port} is outside 1-65535")
    socket_types = [s.text for s in server.findall("socketType")]
    if not any(s in SOCKET_TYPES for s in socket_types):
        problems.append(
            f"{name}: need proper <socketType> (one of {', '.join(SOCKET_TYPES)}), got {socket_types}"
        )
    methods = [a.text for a in server.findall("authentication")]
    if not any(m in auths for m in methods):
        problems.append(f"{name}: need proper <authentication> (one of {', '.join(auths)}), got {methods}")
    if "OAuth2" in methods:
        problems.append(f"{name}: OAuth2 needs a provider Thunderbird knows; this file cannot rely on it")
    password_auth = any(m in ("password-cleartext", "password-encrypted", "plain", "secure") for m in methods)
    if (password_auth or server.tag == "incomingServer") and not (server.findtext("username") or "").strip():
        problems.append(f"{name}: <username> is missing")
    return problems


def _host(value: str | None, name: str) -> list[str]:
    text = (value or "").strip()
    if not text:
        return [f"{name} is missing or empty"]
    if _PLACEHOLDER_HOST.match(text) or (len(text) <= 255 and _HOST.match(text)):
        return []
    return [f"{name} {text!r} is not a host name"]
