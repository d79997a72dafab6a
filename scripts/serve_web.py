"""Serve the patient page (web/) on :8080 with its socket.io client from npm.

Usage: python scripts/serve_web.py [--port 8080] [--rasa-url http://host:5005]
The page learns where Rasa is from /config.js. No CDN: the socket.io client is
the npm package installed in web/node_modules by `make web`. The page's title,
subtitle and example question name the medicines of the fact base (`FACTS_DIR`),
filled in on the server, so they read right with JavaScript off too.
"""

import argparse
import html
import json
import os
import re
import sys
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Dict, Optional, Sequence
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.answers.replies import covered_names  # noqa: E402
from core.coverage import and_list  # noqa: E402
from core.facts import FactStore, load_fact_store  # noqa: E402
from core.settings import get_settings  # noqa: E402

WEB_DIR = ROOT / "web"
SOCKET_IO_CLIENT = (
    WEB_DIR / "node_modules" / "socket.io-client" / "dist" / "socket.io.min.js"
)
STATIC = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/index.html": ("index.html", "text/html; charset=utf-8"),
    "/app.js": ("app.js", "text/javascript; charset=utf-8"),
    "/style.css": ("style.css", "text/css; charset=utf-8"),
}


# Host names the page answers to when RASA_PUBLIC_URL is not set (ALLOWED_HOSTS,
# spaces between): the Host header shapes config.js and the CSP, so it is checked.
DEFAULT_ALLOWED_HOSTS = ("localhost", "127.0.0.1")
_HOST = re.compile(r"^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]{1,253})(:[0-9]{1,5})?$")


def page_words(store: FactStore) -> Dict[str, str]:
    """The page's words that name medicines, from the fact base."""
    medicines = store.medicines
    covered = covered_names(store)
    return {
        "title": "Ask about your medicine: "
        + and_list([m.name.lower() for m in medicines]),
        "subtitle": covered[:1].upper() + covered[1:],
        "hint": f"Type your question, e.g. How is {medicines[0].name.lower()} given?",
    }


def fill_page(template: str, words: Dict[str, str]) -> str:
    """`{{name}}` in the page replaced by `words[name]`, escaped for HTML."""
    for name, value in words.items():
        template = template.replace("{{" + name + "}}", html.escape(value))
    return template


def host_name(host_header: Optional[str], allowed: Sequence[str]) -> Optional[str]:
    """The Host header's name when it is well formed and allowed, else None."""
    match = _HOST.match(host_header or "")
    if not match or match.group(1).lower() not in {a.lower() for a in allowed}:
        return None
    return match.group(1)


def rasa_url_for(
    host_header: Optional[str],
    configured: Optional[str],
    rasa_port: int,
    allowed: Sequence[str] = DEFAULT_ALLOWED_HOSTS,
) -> Optional[str]:
    """Rasa's public URL: configured, or this page's host name on the Rasa port;
    None for a host this page does not answer to."""
    if configured:
        return configured.rstrip("/")
    host = host_name(host_header or "localhost", allowed)
    return None if host is None else f"http://{host}:{rasa_port}"


def security_headers(rasa_url: str) -> Dict[str, str]:
    """Headers that keep any injected markup inert and the page to its origins."""
    parts = urlsplit(rasa_url)
    ws_scheme = "wss" if parts.scheme == "https" else "ws"
    connect = f"'self' {rasa_url} {ws_scheme}://{parts.netloc}"
    return {
        "Content-Security-Policy": (
            f"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            f"connect-src {connect}; frame-ancestors 'none'; base-uri 'none'"
        ),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }


class PageHandler(SimpleHTTPRequestHandler):
    """Serves only the page's own files; everything else is 404."""

    rasa_public_url: Optional[str] = None
    rasa_port: int = 5005
    allowed_hosts: Sequence[str] = DEFAULT_ALLOWED_HOSTS
    words: Dict[str, str] = {}

    def version_string(self) -> str:
        return "patient-page"  # no server or Python version banner

    def _rasa_url(self) -> Optional[str]:
        return rasa_url_for(
            self.headers.get("Host"),
            self.rasa_public_url,
            self.rasa_port,
            self.allowed_hosts,
        )

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        rasa_url = self._rasa_url() or "http://localhost"
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        for name, value in security_headers(rasa_url).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server API)
        path = urlsplit(self.path).path
        if self._rasa_url() is None:
            self._send(
                HTTPStatus.BAD_REQUEST, b"Unknown host\n", "text/plain; charset=utf-8"
            )
        elif path == "/config.js":
            rasa_url = self._rasa_url()
            body = f"window.CHAT_CONFIG = {json.dumps({'rasaUrl': rasa_url})};\n"
            self._send(HTTPStatus.OK, body.encode(), "text/javascript; charset=utf-8")
        elif path == "/vendor/socket.io.min.js" and SOCKET_IO_CLIENT.exists():
            self._send(
                HTTPStatus.OK,
                SOCKET_IO_CLIENT.read_bytes(),
                "text/javascript; charset=utf-8",
            )
        elif path in STATIC:
            name, content_type = STATIC[path]
            body = (WEB_DIR / name).read_bytes()
            if name == "index.html":
                body = fill_page(body.decode("utf-8"), self.words).encode("utf-8")
            self._send(HTTPStatus.OK, body, content_type)
        else:
            self._send(
                HTTPStatus.NOT_FOUND, b"Not found\n", "text/plain; charset=utf-8"
            )

    def do_HEAD(self) -> None:  # noqa: N802
        self.do_GET()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # no request logs: paths could carry nothing useful, and keep logs quiet


def build_server(
    port: int,
    rasa_public_url: Optional[str],
    rasa_port: int,
    host: str = "0.0.0.0",
    allowed_hosts: Sequence[str] = DEFAULT_ALLOWED_HOSTS,
    store: Optional[FactStore] = None,
) -> ThreadingHTTPServer:
    """A server ready to `serve_forever()`; the page names the medicines of
    `store` (default: the fact base of the settings)."""
    store = store or load_fact_store(get_settings().facts_dir)
    handler = type(
        "Handler",
        (PageHandler,),
        {
            "rasa_public_url": rasa_public_url,
            "rasa_port": rasa_port,
            "allowed_hosts": tuple(allowed_hosts),
            "words": page_words(store),
        },
    )
    return ThreadingHTTPServer((host, port), handler)


def main(argv: Optional[list] = None) -> int:
    """Serve until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--port", type=int, default=int(os.environ.get("WEB_PORT", "8080"))
    )
    parser.add_argument("--rasa-url", default=os.environ.get("RASA_PUBLIC_URL") or None)
    parser.add_argument(
        "--rasa-port", type=int, default=int(os.environ.get("RASA_PORT", "5005"))
    )
    args = parser.parse_args(argv)
    if not SOCKET_IO_CLIENT.exists():
        print(
            f"{SOCKET_IO_CLIENT} missing: run `make web` (npm ci in web/)",
            file=sys.stderr,
        )
        return 1
    allowed = (
        tuple(os.environ.get("ALLOWED_HOSTS", "").split()) or DEFAULT_ALLOWED_HOSTS
    )
    server = build_server(
        args.port, args.rasa_url, args.rasa_port, allowed_hosts=allowed
    )
    print(f"Patient page on http://localhost:{args.port}/")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
