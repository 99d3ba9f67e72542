"""Apple configuration profile (``.mobileconfig``) for Mail on iPhone, iPad and Mac.

One ``com.apple.mail.managed`` payload: IMAP and SMTP over implicit TLS (the data's first
``ssl`` endpoints), password authentication. The address, the user name and the password
are left out, so the device asks for them at installation and the file holds no secret.
The payloads' UUIDs are derived (uuid5) from the provider, product and region: downloading
the profile again replaces the one installed instead of adding a second account. The
profile is not signed; the device shows it as such.
"""

from __future__ import annotations

import plistlib
import uuid
from typing import TYPE_CHECKING, Any

from mailhelp.setup_files import mail_domain, usable
from mailhelp.setup_files.texts import offer_name, text

if TYPE_CHECKING:
    from collections.abc import Mapping

    from mailhelp.data.model import Endpoint, Settings
    from mailhelp.setup_files import Offer

MAIL_PAYLOAD = "com.apple.mail.managed"
MEDIA_TYPE = "application/x-apple-aspen-config"
AUTHENTICATION = {"password": "EmailAuthPassword", "none": "EmailAuthNone"}


def profile_identifier(settings: Settings, offer: Offer) -> str:
    """The profile's ``PayloadIdentifier`` in reverse-DNS form: ``net.ovh.mail.mx-plan.europe``."""
    domain = ".".join(reversed(mail_domain(settings, offer).split(".")))
    return f"{domain}.mail.{offer.product}.{offer.region}".replace("_", "-")


def profile_uuid(settings: Settings, offer: Offer, part: str = "profile") -> str:
    """A UUID that depends only on the provider, the product, the region and ``part``."""
    name = "/".join((settings.data["provider"]["name"], offer.product, offer.region, part))
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"mailhelp:{name}")).upper()


def implicit_tls(settings: Settings, offer: Offer, service: str) -> Endpoint:
    """The preferred implicit-TLS endpoint of ``service``.

    Raises :class:`LookupError` when the offer has none: the profile never falls back to
    STARTTLS or to no encryption.
    """
    for endpoint in usable(settings, offer, service):
        if endpoint.security == "ssl":
            return endpoint
    message = f"{offer.product}/{offer.region} has no verified {service} endpoint with security 'ssl'"
    raise LookupError(message)


def mobileconfig(
    settings: Settings, offer: Offer, *, lang: str, words: Mapping[str, Mapping[str, Any]]
) -> bytes:
    """The profile of ``offer`` with its descriptions in ``lang``, as an XML property list."""
    incoming, outgoing = implicit_tls(settings, offer, "imap"), implicit_tls(settings, offer, "smtp")
    provider = settings.data["provider"]["name"]
    name = offer_name(settings, offer, lang)
    identifier = profile_identifier(settings, offer)
    mail = {
        "PayloadType": MAIL_PAYLOAD,
        "PayloadVersion": 1,
        "PayloadIdentifier": f"{identifier}.account",
        "PayloadUUID": profile_uuid(settings, offer, "mail"),
        "PayloadDisplayName": text(words, lang, "profile_name", offer=name),
        "EmailAccountDescription": text(words, lang, "profile_name", offer=name),
        "EmailAccountType": "EmailTypeIMAP",
        "IncomingMailServerHostName": incoming.host,
        "IncomingMailServerPortNumber": incoming.port,
        "IncomingMailServerUseSSL": True,
        "IncomingMailServerAuthentication": AUTHENTICATION[incoming.auth],
        "OutgoingMailServerHostName": outgoing.host,
        "OutgoingMailServerPortNumber": outgoing.port,
        "OutgoingMailServerUseSSL": True,
        "OutgoingMailServerAuthentication": AUTHENTICATION[outgoing.auth],
        # Asked once at installation, used for both servers; never stored in the file.
        "OutgoingPasswordSameAsIncomingPassword": True,
    }
    profile = {
        "PayloadType": "Configuration",
        "PayloadVersion": 1,
        "PayloadIdentifier": identifier,
        "PayloadUUID": profile_uuid(settings, offer),
        "PayloadDisplayName": text(words, lang, "profile_name", offer=name),
        "PayloadDescription": text(words, lang, "profile_description", offer=name),
        "PayloadOrganization": provider,
        "PayloadRemovalDisallowed": False,
        "PayloadContent": [mail],
    }
    return plistlib.dumps(profile, fmt=plistlib.FMT_XML, sort_keys=True)
