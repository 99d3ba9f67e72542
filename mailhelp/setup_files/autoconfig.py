"""Thunderbird autoconfig (``config-v1.1.xml``): the format of Thunderbird's ISP database.

One ``emailProvider`` per file, its ``incomingServer``s IMAP then POP3 and its
``outgoingServer``s SMTP, each service's endpoints in the data's order of preference and,
after each endpoint, the same server under its other names (``ssl0.ovh.net``, the name
Thunderbird's own database gives for ``ovh.net``). Thunderbird takes the first valid server
of each kind and offers the others as alternatives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

from mailhelp.setup_files import mail_domain, usable
from mailhelp.setup_files.texts import offer_name, text

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from mailhelp.data.model import Endpoint, Settings
    from mailhelp.setup_files import Offer

SOCKET_TYPES = {"ssl": "SSL", "starttls": "STARTTLS", "none": "plain"}
"""The data's security as Thunderbird's ``socketType``."""
AUTHENTICATION = {"password": "password-cleartext", "none": "none"}
"""The data's authentication as Thunderbird's: the password over the encrypted connection."""
USERNAME = "%EMAILADDRESS%"
"""Thunderbird's variable for the full e-mail address, the user name of every offer."""
SERVER_TYPES = {"imap": "imap", "pop3": "pop3", "smtp": "smtp"}
INCOMING = ("imap", "pop3")


def autoconfig_xml(
    settings: Settings,
    offer: Offer,
    *,
    guide_url: str,
    langs: Iterable[str],
    words: Mapping[str, Mapping[str, Any]],
) -> str:
    """The ``config-v1.1.xml`` text of ``offer``; its documentation links ``guide_url``
    with a description in each of ``langs``."""
    domain = mail_domain(settings, offer)
    source = next(iter(langs), "pt")
    root = ElementTree.Element("clientConfig", version="1.1")
    provider = ElementTree.SubElement(root, "emailProvider", id=domain)
    ElementTree.SubElement(provider, "domain").text = domain
    ElementTree.SubElement(
        provider, "displayName"
    ).text = f"{settings.data['provider']['name']} {offer_name(settings, offer, source)}"
    ElementTree.SubElement(provider, "displayShortName").text = settings.data["provider"]["name"]
    for service in INCOMING:
        for endpoint, host in _servers(usable(settings, offer, service)):
            _server(provider, "incomingServer", endpoint, host)
    for endpoint, host in _servers(usable(settings, offer, "smtp")):
        _server(provider, "outgoingServer", endpoint, host)
    documentation = ElementTree.SubElement(provider, "documentation", url=guide_url)
    for lang in langs:
        descr = ElementTree.SubElement(documentation, "descr", lang=lang)
        descr.text = text(words, lang, "guides", offer=offer_name(settings, offer, lang))
    ElementTree.indent(root, space="  ")
    body = ElementTree.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def _servers(endpoints: list[Endpoint]) -> list[tuple[Endpoint, str]]:
    """Each endpoint under its host, then under each alias, in that order."""
    return [(endpoint, name) for endpoint in endpoints for name in endpoint.names]


def _server(parent: ElementTree.Element, tag: str, endpoint: Endpoint, host: str) -> None:
    server = ElementTree.SubElement(parent, tag, type=SERVER_TYPES[endpoint.service])
    ElementTree.SubElement(server, "hostname").text = host
    ElementTree.SubElement(server, "port").text = str(endpoint.port)
    ElementTree.SubElement(server, "socketType").text = SOCKET_TYPES[endpoint.security]
    ElementTree.SubElement(server, "authentication").text = AUTHENTICATION[endpoint.auth]
    ElementTree.SubElement(server, "username").text = USERNAME
