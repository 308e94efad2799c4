#!/usr/bin/env python3
"""A local SMTP server that keeps every message it receives, for tests.

    python3 tests/support/smtp_sink.py --out DIR [--port N] [--user U --password P]

Listens on 127.0.0.1 (port 0 = any free port) with aiosmtpd (Debian: python3-aiosmtpd), prints
"ready <port>" on stdout once it accepts connections, and writes each message to DIR as
NNNN.eml (the raw bytes received) plus NNNN.json: envelope sender and recipients, the decoded
From/To/Subject/Message-ID headers and every text part decoded ({"content_type", "text"}, lines
ending in "\n").
Files appear atomically (written, then renamed), the .json after the .eml.

Recipients at the domain "reject.invalid" are refused with 550, to test delivery failures.
With --user/--password, AUTH (PLAIN/LOGIN, allowed without TLS: loopback only) is required.
Stops on SIGTERM or SIGINT.
"""

import argparse
import email
import email.policy
import itertools
import json
import logging
import os
import signal
import sys
import threading
import warnings

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class SinkHandler:
    def __init__(self, out_dir):
        self.out_dir = out_dir
        self.counter = itertools.count(1)
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().rstrip(">").endswith("@reject.invalid"):
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        with self.lock:
            number = next(self.counter)
        stem = os.path.join(self.out_dir, "%04d" % number)
        write_atomically(stem + ".eml", raw)
        summary = summarize(raw, envelope)
        write_atomically(stem + ".json", json.dumps(summary, indent=2).encode("utf-8"))
        return "250 Message accepted for delivery"


def summarize(raw, envelope):
    message = email.message_from_bytes(raw, policy=email.policy.default)
    parts = []
    for part in message.walk():
        if part.get_content_maintype() == "text":
            text = part.get_content().replace("\r\n", "\n")
            parts.append({"content_type": part.get_content_type(), "text": text})
    return {
        "mail_from": envelope.mail_from,
        "rcpt_tos": list(envelope.rcpt_tos),
        "from": str(message.get("From", "")),
        "to": str(message.get("To", "")),
        "subject": str(message.get("Subject", "")),
        "message_id": str(message.get("Message-ID", "")),
        "content_type": message.get_content_type(),
        "parts": parts,
    }


def write_atomically(path, data):
    temporary = path + ".tmp"
    with open(temporary, "wb") as handle:
        handle.write(data)
    os.replace(temporary, path)


class Authenticator:
    def __init__(self, user, password):
        self.user = user.encode()
        self.password = password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = (
            getattr(auth_data, "login", None) == self.user
            and getattr(auth_data, "password", None) == self.password
        )
        # handled=False: aiosmtpd answers "535 Authentication credentials invalid" itself.
        return AuthResult(success=ok, handled=False)


class AnyPortController(Controller):
    """Controller that can bind port 0 and then reports the port it got."""

    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="TCP port on 127.0.0.1 (0 = any)")
    parser.add_argument("--out", required=True, help="directory for the received messages")
    parser.add_argument("--user", help="require AUTH with this user name")
    parser.add_argument("--password", help="... and this password")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    options = {}
    if args.user is not None:
        # AUTH without TLS is what we want on loopback; keep aiosmtpd from warning about it.
        warnings.filterwarnings("ignore", category=UserWarning)
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        logging.getLogger("mail.log").setLevel(logging.ERROR)
        options.update(
            authenticator=Authenticator(args.user, args.password or ""),
            auth_required=True,
            auth_require_tls=False,
        )
    controller = AnyPortController(
        SinkHandler(args.out), hostname="127.0.0.1", port=args.port, **options
    )
    controller.start()
    print("ready %d" % controller.port, flush=True)

    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    sys.exit(main())
