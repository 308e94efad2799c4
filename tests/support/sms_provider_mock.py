#!/usr/bin/env python3
"""A stand-in for a Twilio-compatible Messages API, for tests.

    python3 tests/support/sms_provider_mock.py --out DIR [--port N]
        [--account-sid ACtest] [--auth-token secret]

Listens on 127.0.0.1 (port 0 = any free port), prints "ready <port>" on stdout, and serves
POST /2010-04-01/Accounts/{sid}/Messages.json like the provider:
  - HTTP Basic auth must be account-sid:auth-token, else 401 {"code": 20003, "message":
    "Authenticate", ...};
  - the path's account must be --account-sid, else 404;
  - the form needs To, From and Body, else 400 with the provider's message;
  - otherwise the message is written to DIR as NNNN.json ({"sid", "to", "from", "body",
    "account_sid"}, written then renamed) and the answer is 201 {"sid": "SM…", "status": "queued",
    ...}.
Stops on SIGTERM or SIGINT.
"""

import argparse
import base64
import binascii
import itertools
import json
import os
import re
import secrets
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

PATH = re.compile(r"^/2010-04-01/Accounts/([^/]+)/Messages\.json$")


def make_handler(account_sid, auth_token, out_dir):
    counter = itertools.count(1)
    lock = threading.Lock()
    expected = "Basic " + base64.b64encode(("%s:%s" % (account_sid, auth_token)).encode()).decode()

    class Handler(BaseHTTPRequestHandler):
        server_version = "sms-provider-mock/1"

        def log_message(self, *args):  # quiet: the body holds codes
            pass

        def answer(self, status, payload):
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def error(self, status, code, message):
            self.answer(status, {"code": code, "message": message, "status": status,
                                 "more_info": "https://www.twilio.com/docs/errors/%d" % code})

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8", "replace")
            if not secrets.compare_digest(self.headers.get("Authorization", ""), expected):
                return self.error(401, 20003, "Authenticate")
            match = PATH.match(self.path)
            if not match or match.group(1) != account_sid:
                return self.error(404, 20404, "The requested resource %s was not found" % self.path)
            form = {key: values[0] for key, values in parse_qs(body, keep_blank_values=True).items()}
            for field in ("To", "From", "Body"):
                if not form.get(field):
                    return self.error(400, 21604, "A '%s' parameter is required." % field)
            sid = "SM" + binascii.hexlify(os.urandom(16)).decode()
            record = {"sid": sid, "account_sid": account_sid, "to": form["To"],
                      "from": form["From"], "body": form["Body"]}
            with lock:
                number = next(counter)
            path = os.path.join(out_dir, "%04d.json" % number)
            with open(path + ".tmp", "w", encoding="utf-8") as handle:
                json.dump(record, handle, indent=2)
            os.replace(path + ".tmp", path)
            self.answer(201, {"sid": sid, "status": "queued", "to": form["To"],
                              "from": form["From"], "body": form["Body"],
                              "account_sid": account_sid})

        def do_GET(self):
            self.error(405, 20004, "Method not allowed")

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="TCP port on 127.0.0.1 (0 = any)")
    parser.add_argument("--out", required=True, help="directory for the received messages")
    parser.add_argument("--account-sid", default="ACtest")
    parser.add_argument("--auth-token", default="secret")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    server = ThreadingHTTPServer(
        ("127.0.0.1", args.port), make_handler(args.account_sid, args.auth_token, args.out))
    server.daemon_threads = True
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: threading.Thread(target=server.shutdown).start())
    print("ready %d" % server.server_address[1], flush=True)
    server.serve_forever(poll_interval=0.1)
    server.server_close()


if __name__ == "__main__":
    sys.exit(main())
