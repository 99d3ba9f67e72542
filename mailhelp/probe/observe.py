"""What a server did when the probe connected as a mail client would: facts, no verdicts.

One :class:`Observation` per target, filled by :func:`observe` from at most three
connections: the one the data describes (implicit TLS, or a plain greeting then STARTTLS);
the same again without certificate checks when the certificate failed, to learn what the
server offers after TLS; and, when the first attempt failed, one that tries the other way
(a plain greeting where the data says TLS, TLS where it says plain), so that the verdict
can say what the data should have said. :mod:`mailhelp.probe.judge` decides what it means.
"""

from __future__ import annotations

import contextlib
import ssl
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mailhelp.probe.channel import Channel, ProbeTimeout, ProtocolError
from mailhelp.probe.dialogues import PROTOCOLS, Offer
from mailhelp.probe.tls import Session, explain_certificate, session_of, unverified_context

if TYPE_CHECKING:
    from mailhelp.probe.targets import Target


@dataclass
class Observation:
    """What one server did on one port, as far as the probe got."""

    address: str
    unreachable: str | None = None
    """Why no connection or no greeting came, or ``None``."""
    timed_out: bool = False
    tls_failed: str | None = None
    """Why the TLS handshake (first byte or after STARTTLS) failed, or ``None``."""
    certificate: str | None = None
    """What is wrong with the certificate, or ``None`` when it verified."""
    session: Session | None = None
    before_tls: Offer | None = None
    """What the plain greeting offered (STARTTLS and ``none`` ports)."""
    after_tls: Offer | None = None
    plain_instead: Offer | None = None
    """Where TLS was expected first: the plain greeting's offer, when the port has one."""
    tls_instead: bool = False
    """Where a plain greeting was expected: the port answered a TLS handshake instead."""
    errors: list[str] = field(default_factory=list)
    """Protocol errors met after the greeting (a refused STARTTLS, a broken reply)."""


def observe(
    target: Target, address: str, *, context: ssl.SSLContext, timeout: float, deadline: float
) -> Observation:
    """Connect to ``address`` for ``target`` and record what happens, within ``timeout``
    per connection and never past ``deadline`` (both on :func:`time.monotonic`)."""
    seen = Observation(address)
    implicit = target.security == "ssl"
    until = lambda: min(time.monotonic() + timeout, deadline)  # noqa: E731
    try:
        _session(target, address, seen, context=context, implicit=implicit, deadline=until())
    except ssl.SSLCertVerificationError as error:
        seen.certificate = explain_certificate(error, target.name)
        seen.errors.clear()
        # The certificate is the finding; what it hides is a bonus, so any failure here is moot.
        with contextlib.suppress(OSError, ProbeTimeout, ProtocolError, ssl.SSLError):
            _session(target, address, seen, context=unverified_context(), implicit=implicit, deadline=until())
    except (ProbeTimeout, TimeoutError):
        seen.timed_out = True
        if seen.before_tls is None and not implicit:
            seen.unreachable = f"accepted the connection but sent no greeting within {timeout:g} s"
            seen.tls_instead = _speaks_tls(target, address, deadline=until())
        elif implicit and seen.session is None:
            seen.tls_failed = f"no TLS handshake within {timeout:g} s"
        else:
            seen.errors.append(f"no answer within {timeout:g} s")
    except ConnectionRefusedError:
        seen.unreachable = "connection refused: nothing listens on this port"
    except ssl.SSLError as error:
        seen.tls_failed = f"the TLS handshake failed ({error.reason or error})"
        if implicit:
            seen.plain_instead = _plain_offer(target, address, deadline=until())
    except ProtocolError as error:
        seen.errors.append(str(error))
    except OSError as error:
        if seen.session is None and seen.before_tls is None:
            seen.unreachable = f"cannot connect: {error.strerror or error}"
            if implicit and isinstance(error, ConnectionResetError):
                seen.unreachable = None
                seen.tls_failed = "the server closed the connection during the TLS handshake"
                seen.plain_instead = _plain_offer(target, address, deadline=until())
        else:
            seen.errors.append(f"the connection broke: {error.strerror or error}")
    return seen


def _session(
    target: Target,
    address: str,
    seen: Observation,
    *,
    context: ssl.SSLContext,
    implicit: bool,
    deadline: float,
) -> None:
    """One client session: connect, TLS as the data says, greeting, offers, goodbye."""
    dialogue = PROTOCOLS[target.service]()
    channel = Channel.connect(address, target.port, deadline=deadline)
    try:
        if implicit:
            seen.session = session_of(channel.start_tls(context, target.name))
            dialogue.greet(channel)
            seen.after_tls = dialogue.offer(channel)
        else:
            dialogue.greet(channel)
            seen.before_tls = dialogue.offer(channel)
            if target.security == "starttls" and seen.before_tls.starttls:
                dialogue.start_tls(channel)
                seen.session = session_of(channel.start_tls(context, target.name))
                seen.after_tls = dialogue.offer(channel)
        dialogue.goodbye(channel)
    except ProtocolError as error:
        if (
            target.security == "starttls"
            and seen.before_tls
            and seen.before_tls.starttls
            and not seen.session
        ):
            seen.tls_failed = f"the upgrade failed: {error}"
        else:
            seen.errors.append(str(error))
    finally:
        channel.close()


def _plain_offer(target: Target, address: str, *, deadline: float) -> Offer | None:
    """Where the data says TLS from the first byte: does the port greet in plain text?"""
    dialogue = PROTOCOLS[target.service]()
    try:
        channel = Channel.connect(address, target.port, deadline=deadline)
    except (OSError, ProbeTimeout):
        return None
    try:
        dialogue.greet(channel)
        return dialogue.offer(channel)
    except (OSError, ProbeTimeout, ProtocolError):
        return None
    finally:
        channel.close()


def _speaks_tls(target: Target, address: str, *, deadline: float) -> bool:
    """Where the data says a plain greeting and none came: does the port speak TLS?"""
    try:
        channel = Channel.connect(address, target.port, deadline=deadline)
    except (OSError, ProbeTimeout):
        return False
    try:
        channel.start_tls(unverified_context(), target.name)
    except (OSError, ProbeTimeout, ProtocolError):
        return False
    else:
        return True
    finally:
        channel.close()
