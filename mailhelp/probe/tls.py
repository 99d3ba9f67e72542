"""TLS as a mail client does it: the system's trust store (or a given CA), the host name the
reader types, and a certificate that must be valid today.

The verified context is the one that counts. When it fails, the probe says why in the
reader's terms (expired, issued for another name, unknown issuer) and may go on with an
unverified context only to learn what else the server offers, never to call it good.
"""

from __future__ import annotations

import ssl
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

EXPIRY_WARNING_DAYS = 21
"""A certificate that ends sooner than this is a warning: renewal may have failed."""


def verified_context(ca_file: Path | None = None) -> ssl.SSLContext:
    """A client context that checks the chain and the host name, TLS 1.2 or newer.

    ``ca_file`` replaces the system's trust store (the tests' own authority).
    """
    context = ssl.create_default_context(cafile=str(ca_file) if ca_file else None)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


def unverified_context() -> ssl.SSLContext:
    """A context that accepts any certificate: only to see what a server offers after TLS
    when the certificate already failed, or whether a port speaks TLS at all."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


@dataclass(frozen=True)
class Session:
    """What a finished handshake showed: the TLS version and the certificate's end."""

    version: str
    not_after: float | None
    """When the certificate ends (seconds since the epoch); unknown when unverified."""

    def expires_in_days(self, now: float | None = None) -> float | None:
        """Days until the certificate ends, or ``None`` when it was not verified."""
        if self.not_after is None:
            return None
        return (self.not_after - (time.time() if now is None else now)) / 86400


def session_of(sock: ssl.SSLSocket) -> Session:
    """The version and certificate end of a socket after its handshake."""
    cert = sock.getpeercert()
    not_after = ssl.cert_time_to_seconds(cert["notAfter"]) if cert and "notAfter" in cert else None
    return Session(sock.version() or "TLS", not_after)


def explain_certificate(error: ssl.SSLCertVerificationError, name: str) -> str:
    """A failed verification in the reader's terms: what is wrong with the certificate."""
    reason = error.verify_message or str(error)
    if error.verify_code == 62 or "Hostname mismatch" in reason:  # X509_V_ERR_HOSTNAME_MISMATCH
        return f"the certificate is not valid for {name} (a mail client refuses it)"
    if error.verify_code == 10:  # X509_V_ERR_CERT_HAS_EXPIRED
        return "the certificate has expired (a mail client refuses it)"
    if error.verify_code == 9:  # X509_V_ERR_CERT_NOT_YET_VALID
        return "the certificate is not valid yet (a mail client refuses it)"
    return f"the certificate is not trusted: {reason} (a mail client refuses it)"
