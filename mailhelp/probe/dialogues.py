"""What a mail client says before it signs in, per protocol: greeting, capabilities, STARTTLS.

Each protocol reads the server's greeting, asks what it offers (IMAP ``CAPABILITY``, POP3
``CAPA``, SMTP ``EHLO``), asks to upgrade to TLS (``STARTTLS``, ``STLS``) and says goodbye.
Nothing here signs in or sends mail: the probe needs no account, and learns what a client
would be offered from the capabilities alone. Each reply is read with the channel's
bounded reads, so a server that misbehaves ends the dialogue with an error, never a hang.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mailhelp.probe.channel import MAX_LINES, ProtocolError

if TYPE_CHECKING:
    from mailhelp.probe.channel import Channel

PASSWORD_MECHANISMS = frozenset({"PLAIN", "LOGIN"})
"""The SASL mechanisms our guides' "normal password" setting makes a client use."""


@dataclass(frozen=True)
class Offer:
    """What a server offers on one connection, at one point (before or after TLS)."""

    starttls: bool
    mechanisms: frozenset[str] = frozenset()
    """SASL mechanisms on offer, upper case (``PLAIN``, ``LOGIN``, ``SCRAM-SHA-256``)."""
    plain_commands: frozenset[str] = field(default_factory=frozenset)
    """Sign-in commands that send a password as it is, outside SASL: IMAP ``LOGIN`` when
    ``LOGINDISABLED`` is absent, POP3 ``USER``."""

    @property
    def password_ways(self) -> list[str]:
        """Every way to send the password as it is: PLAIN, LOGIN, and the plain commands."""
        return sorted((self.mechanisms & PASSWORD_MECHANISMS) | self.plain_commands)


class Imap:
    """IMAP4rev1 (RFC 9051, RFC 3501): tagged commands, capabilities as one line."""

    name = "IMAP"

    def __init__(self) -> None:
        self._tag = 0

    def greet(self, channel: Channel) -> str:
        """Read the ``* OK`` greeting."""
        line = channel.readline()
        if not line.startswith("* OK") and not line.startswith("* PREAUTH"):
            raise ProtocolError(f"not an IMAP greeting: {line[:80]!r}")
        return line

    def offer(self, channel: Channel) -> Offer:
        """Ask ``CAPABILITY``."""
        lines = self._command(channel, "CAPABILITY")
        words: set[str] = set()
        for line in lines:
            if line.upper().startswith("* CAPABILITY "):
                words |= set(line.upper().split()[2:])
        mechanisms = frozenset(w.removeprefix("AUTH=") for w in words if w.startswith("AUTH="))
        commands = frozenset() if "LOGINDISABLED" in words else frozenset({"IMAP LOGIN"})
        return Offer("STARTTLS" in words, mechanisms, commands)

    def start_tls(self, channel: Channel) -> None:
        """Ask ``STARTTLS``; the server must answer OK before the handshake."""
        self._command(channel, "STARTTLS")

    def goodbye(self, channel: Channel) -> None:
        """``LOGOUT``."""
        self._command(channel, "LOGOUT")

    def _command(self, channel: Channel, command: str) -> list[str]:
        self._tag += 1
        tag = f"p{self._tag}"
        channel.send(f"{tag} {command}")
        lines = []
        for _ in range(MAX_LINES):
            line = channel.readline()
            if line.startswith(tag + " "):
                if not line[len(tag) + 1 :].upper().startswith("OK"):
                    raise ProtocolError(f"{command} refused: {line[:120]!r}")
                return lines
            lines.append(line)
        raise ProtocolError(f"no end to the reply to {command}")


class Pop3:
    """POP3 (RFC 1939) with its extensions (RFC 2449 ``CAPA``, RFC 2595 ``STLS``)."""

    name = "POP3"

    def greet(self, channel: Channel) -> str:
        """Read the ``+OK`` greeting."""
        line = channel.readline()
        if not line.startswith("+OK"):
            raise ProtocolError(f"not a POP3 greeting: {line[:80]!r}")
        return line

    def offer(self, channel: Channel) -> Offer:
        """Ask ``CAPA``: one capability per line, up to a lone dot."""
        self._command(channel, "CAPA")
        words: list[list[str]] = []
        for _ in range(MAX_LINES):
            line = channel.readline()
            if line == ".":
                break
            words.append(line.upper().split())
        else:
            raise ProtocolError("no end to the reply to CAPA")
        names = {w[0] for w in words if w}
        mechanisms = frozenset(m for w in words if w and w[0] == "SASL" for m in w[1:])
        commands = frozenset({"USER"}) if "USER" in names else frozenset()
        return Offer("STLS" in names, mechanisms, commands)

    def start_tls(self, channel: Channel) -> None:
        """Ask ``STLS``."""
        self._command(channel, "STLS")

    def goodbye(self, channel: Channel) -> None:
        """``QUIT``."""
        self._command(channel, "QUIT")

    def _command(self, channel: Channel, command: str) -> str:
        channel.send(command)
        line = channel.readline()
        if not line.startswith("+OK"):
            raise ProtocolError(f"{command} refused: {line[:120]!r}")
        return line


class Smtp:
    """SMTP submission (RFC 5321, RFC 6409): ``EHLO`` lists extensions, ``AUTH`` among them."""

    name = "SMTP"
    client_name = "mailhelp-probe.invalid"
    """The name the probe gives in ``EHLO``: ``.invalid`` can be no one's real host."""

    def greet(self, channel: Channel) -> str:
        """Read the ``220`` greeting (it may span several lines)."""
        lines = self._reply(channel)
        if not lines[0].startswith("220"):
            raise ProtocolError(f"not an SMTP greeting: {lines[0][:80]!r}")
        return lines[0]

    def offer(self, channel: Channel) -> Offer:
        """Say ``EHLO``: the extensions follow the first line of the reply."""
        channel.send(f"EHLO {self.client_name}")
        lines = self._reply(channel)
        if not lines[0].startswith("250"):
            raise ProtocolError(f"EHLO refused: {lines[0][:120]!r}")
        words = [line[4:].upper().replace("AUTH=", "AUTH ", 1).split() for line in lines[1:]]
        names = {w[0] for w in words if w}
        mechanisms = frozenset(m for w in words if w and w[0] == "AUTH" for m in w[1:])
        return Offer("STARTTLS" in names, mechanisms)

    def start_tls(self, channel: Channel) -> None:
        """Ask ``STARTTLS``; the server answers 220 before the handshake."""
        channel.send("STARTTLS")
        lines = self._reply(channel)
        if not lines[0].startswith("220"):
            raise ProtocolError(f"STARTTLS refused: {lines[0][:120]!r}")

    def goodbye(self, channel: Channel) -> None:
        """``QUIT``."""
        channel.send("QUIT")
        self._reply(channel)

    def _reply(self, channel: Channel) -> list[str]:
        lines = []
        for _ in range(MAX_LINES):
            line = channel.readline()
            lines.append(line)
            if len(line) < 4 or line[3] != "-":
                return lines
        raise ProtocolError("an SMTP reply without end")


PROTOCOLS = {"imap": Imap, "pop3": Pop3, "smtp": Smtp}
"""The dialogue of each service the data names."""
