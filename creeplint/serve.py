"""``creeplint serve``: a local playground page and a JSON endpoint, on the standard library.

``GET /`` is a page where a writer pastes copy, picks channel, profile and sector, and sees
findings highlighted as they type; ``POST /check`` takes ``{"text": ..., "subject"?,
"channel"?, "profile"?, "sector"?, "relationship"?, "id"?}`` and returns the schema-v1 JSON
report (``reporters/json.py``) for that one message.

Why ``http.server``: two routes, one page held in memory, JSON in and out. A framework would
add a dependency for nothing the playground needs (no templates, sessions or routing);
``ThreadingHTTPServer`` keeps a slow client from blocking the others, and one lock keeps
the linter (spaCy pipeline, suppression bookkeeping) to one request at a time.

Safety: loopback only unless a host is named (``bind_warning`` says why that is risky); a
request never names a file (the page is built at start-up, ``/check`` lints only the text
sent); bodies over ``max_body`` bytes get 413 unread; ``/check`` takes only
``application/json``, which a page on another site cannot send without a CORS preflight
that is never granted; on loopback the ``Host`` header must name this machine (no DNS
rebinding).
"""

from __future__ import annotations

import ipaddress
import json
import socket
import threading
from dataclasses import replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from typing import Any

from . import __version__
from .linter import Linter
from .model import CHANNELS, Summary
from .settings import Settings, SettingsError

MAX_BODY = 1024 * 1024  # bytes; a message is copy, not a mailbox
FIELDS = {"text", "subject", "channel", "profile", "sector", "relationship", "id"}


class BadRequest(ValueError):
    """A request body that is not a message (400, with this text)."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind_warning(host: str) -> str | None:
    """The warning to print when listening on ``host`` lets other machines in, else None."""
    if is_loopback(host):
        return None
    return (f"listening on {host}: anyone who can reach this address can send text to be checked and read "
            "the results; there is no authentication (use the default 127.0.0.1 unless you mean it)")


class Playground:
    """The linter behind the page: its settings' rules and overrides, and a profile per request."""

    def __init__(self, settings: Settings) -> None:
        """Load the rule book now: its errors (YamlError, SettingsError) surface before serving."""
        from .findings.profiles import shipped

        # the request picks the profile; the config's profile is only the page's default
        self.default_profile = settings.profile
        if settings.profile is not None and settings.profile not in shipped().profiles:
            raise SettingsError(f"unknown profile {settings.profile!r} (known: {', '.join(shipped().profiles)})")
        self.linter = Linter(replace(settings, profile=None, baseline=None, record_baseline=False))
        self.linter.prepare()
        self.lock = threading.Lock()

    def warm(self) -> None:
        """Load the rules and the spaCy pipeline now, so the first keystroke is answered fast."""
        self.check({"text": "warm up"})

    def options(self) -> dict[str, Any]:
        """What the page offers and explains: channels, profiles, categories, policy sources."""
        from .findings.profiles import shipped

        book = self.linter.book
        return {
            "version": __version__,
            "channels": list(CHANNELS),
            "profiles": {name: p.description for name, p in shipped().profiles.items()},
            "default_profile": self.default_profile,
            "categories": {n: {"d": c.description, "p": c.policy} for n, c in sorted(book.categories.items())},
            "sources": {r.id: r.source for r in book.rules if r.source},
        }

    def message(self, data: Any) -> dict[str, Any]:
        """The request body as a message for ``Linter.lint`` (raises BadRequest)."""
        from .findings.profiles import shipped

        if not isinstance(data, dict):
            raise BadRequest("expected a JSON object like {\"text\": \"...\"}")
        unknown = sorted(set(data) - FIELDS)
        if unknown:
            raise BadRequest(f"unknown field {unknown[0]!r} (known: {', '.join(sorted(FIELDS))})")
        for key in FIELDS & set(data):
            if data[key] is not None and not isinstance(data[key], str):
                raise BadRequest(f"{key!r} must be a string")
        if not isinstance(data.get("text"), str):
            raise BadRequest("'text' is required: the copy to check")
        channel = data.get("channel") or "email"
        if channel not in CHANNELS:
            raise BadRequest(f"unknown channel {channel!r} (known: {', '.join(CHANNELS)})")
        profile = data.get("profile") or self.default_profile
        if profile and profile not in shipped().profiles:
            raise BadRequest(f"unknown profile {profile!r} (known: {', '.join(shipped().profiles)})")
        # a sector only picks the profile, so a chosen profile stands in for it
        return {"id": data.get("id") or "playground", "file": "<playground>", "text": data["text"],
                "subject": data.get("subject"), "channel": channel, "sector": profile or data.get("sector"),
                "relationship": data.get("relationship")}

    def check(self, data: Any) -> str:
        """The schema-v1 JSON report on one message."""
        from .findings.suppress import Suppressor
        from .reporters import ReportOptions, create

        msg = self.message(data)
        out = StringIO()
        reporter = create("json", out, ReportOptions(tool_version=__version__))
        summary = Summary()
        with self.lock:
            self.linter.suppressor = Suppressor()  # directives in one request never outlive it
            for result in self.linter.lint([msg]):
                summary.count(result)
                reporter.result(result)
        reporter.finish(summary, [])
        return out.getvalue()


def page(playground: Playground) -> bytes:
    from .reporters.html import asset, script_json

    html = asset("playground.html")
    for key, value in (
        ("__STYLE__", asset("report.css") + asset("playground.css")),
        ("__DATA__", script_json(playground.options())),
        ("__SCRIPT__", asset("highlight.js") + asset("playground.js")),
    ):
        html = html.replace(key, value)
    return html.encode("utf-8")


class Handler(BaseHTTPRequestHandler):
    server: Server
    server_version = f"creeplint/{__version__}"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.verbose:
            super().log_message(format, *args)

    def _send(self, status: int, body: bytes, kind: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        body = json.dumps({"error": message}).encode("utf-8")
        self._send(status, body, "application/json", {"Connection": "close"})
        self.close_connection = True

    def _host_ok(self) -> bool:
        """On loopback, the Host header names this machine (a rebound DNS name does not)."""
        if not self.server.loopback_only:
            return True
        host = self.headers.get("Host") or ""
        name = host.split("]")[0] + "]" if host.startswith("[") else host.rsplit(":", 1)[0]
        return is_loopback(name)

    def do_GET(self) -> None:
        if not self._host_ok():
            return self._error(HTTPStatus.FORBIDDEN, "Host header must name this machine (localhost)")
        if self.path.split("?")[0] != "/":
            return self._error(HTTPStatus.NOT_FOUND, f"no page {self.path.split('?')[0]!r}; try / or POST /check")
        self._send(HTTPStatus.OK, self.server.page, "text/html; charset=utf-8", {
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
                                       "connect-src 'self'; img-src data:; frame-ancestors 'none'",
        })

    do_HEAD = do_GET

    def do_POST(self) -> None:
        if not self._host_ok():
            return self._error(HTTPStatus.FORBIDDEN, "Host header must name this machine (localhost)")
        if self.path != "/check":
            return self._error(HTTPStatus.NOT_FOUND, f"no endpoint {self.path!r}; POST /check")
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind != "application/json":
            return self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "send the message as Content-Type: application/json")
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            return self._error(HTTPStatus.LENGTH_REQUIRED, "Content-Length is required")
        if length < 0 or length > self.server.max_body:
            return self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                               f"request body of {length} bytes is over the limit of {self.server.max_body}")
        raw = self.rfile.read(length)
        try:
            data = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            return self._error(HTTPStatus.BAD_REQUEST, "request body is not UTF-8")
        except json.JSONDecodeError as exc:
            return self._error(HTTPStatus.BAD_REQUEST, f"request body is not JSON: {exc}")
        try:
            report = self.server.playground.check(data)
        except BadRequest as exc:
            return self._error(HTTPStatus.BAD_REQUEST, str(exc))
        self._send(HTTPStatus.OK, report.encode("utf-8"), "application/json")


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], playground: Playground, max_body: int = MAX_BODY,
                 verbose: bool = False) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, Handler)
        self.playground = playground
        self.page = page(playground)
        self.max_body = max_body
        self.verbose = verbose
        self.loopback_only = is_loopback(address[0])

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in str(host) else host
        return f"http://{host}:{port}/"
