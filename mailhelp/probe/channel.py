"""One connection to a mail server, with bounded reads and one deadline.

Mail protocols are lines of text; a server may send a line without end, or nothing at all.
Every read here is bounded (a line's length, a reply's number of lines) and every operation
waits at most until the connection's deadline, which is itself never later than the run's:
so a silent or endless server costs the probe at most its timeout, never a hang.
"""

from __future__ import annotations

import contextlib
import socket
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import ssl

MAX_LINE = 4096
"""Bytes in one line: capability lines are far shorter (RFC 5321 allows 512 for SMTP)."""

MAX_LINES = 200
"""Lines in one multi-line reply (a POP3 CAPA list, an SMTP EHLO answer)."""


class ProbeTimeout(Exception):
    """The deadline passed while waiting for the server."""


class ProtocolError(Exception):
    """The server said something a mail client could not work with."""


class Channel:
    """A socket (plain, or TLS after :meth:`start_tls`) read one bounded line at a time."""

    def __init__(self, sock: socket.socket, deadline: float) -> None:
        self.sock: socket.socket = sock
        self.deadline = deadline
        self._buffer = b""

    @classmethod
    def connect(cls, address: str, port: int, *, deadline: float) -> Channel:
        """Open a TCP connection to ``address`` (an IP address, never a name) and ``port``."""
        sock = socket.create_connection((address, port), timeout=_remaining(deadline))
        return cls(sock, deadline)

    def start_tls(self, context: ssl.SSLContext, server_hostname: str) -> ssl.SSLSocket:
        """Make the TLS handshake on this connection, sending ``server_hostname`` as SNI.

        Raises :class:`ssl.SSLCertVerificationError` when ``context`` verifies and the
        certificate fails, :class:`ssl.SSLError` for any other failed handshake.
        """
        if self._buffer:
            # Bytes that came before the handshake would be read as plain text after it:
            # a server that does so is broken, and a client must not trust those bytes.
            message = "the server sent data before the TLS handshake"
            raise ProtocolError(message)
        self.sock.settimeout(_remaining(self.deadline))
        tls = context.wrap_socket(self.sock, server_hostname=server_hostname)
        self.sock = tls
        return tls

    def send(self, line: str) -> None:
        """Send one command line, with the CRLF every mail protocol ends lines with."""
        self.sock.settimeout(_remaining(self.deadline))
        self.sock.sendall(line.encode("ascii") + b"\r\n")

    def readline(self) -> str:
        """The next line, without its line end; at most :data:`MAX_LINE` bytes."""
        while b"\n" not in self._buffer:
            if len(self._buffer) > MAX_LINE:
                message = f"a line longer than {MAX_LINE} bytes"
                raise ProtocolError(message)
            self.sock.settimeout(_remaining(self.deadline))
            try:
                chunk = self.sock.recv(MAX_LINE)
            except TimeoutError:
                raise ProbeTimeout from None
            if not chunk:
                message = "the server closed the connection"
                raise ProtocolError(message)
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        if len(line) > MAX_LINE:
            message = f"a line longer than {MAX_LINE} bytes"
            raise ProtocolError(message)
        return line.rstrip(b"\r").decode("utf-8", "replace")

    def close(self) -> None:
        """Close the connection, ignoring a peer that already went away."""
        with contextlib.suppress(OSError):
            self.sock.close()


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise ProbeTimeout
    return left
