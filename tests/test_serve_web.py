"""The patient page server: only its own files, config for Rasa, strict headers."""

import sys
import threading
import urllib.error
import urllib.request
from typing import Iterator, Tuple

import pytest

from core.settings import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT / "scripts"))
import serve_web  # noqa: E402


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    server = serve_web.build_server(
        0, "http://rasa.example:5005", 5005, host="127.0.0.1"
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _get(url: str) -> Tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def test_page_and_assets_are_served_with_a_strict_policy(base: str) -> None:
    status, headers, body = _get(base + "/")
    assert status == 200 and 'id="disclaimer"' in body
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "http://rasa.example:5005" in policy
    assert "ws://rasa.example:5005" in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    for path in ("/app.js", "/style.css"):
        assert _get(base + path)[0] == 200


def test_config_tells_the_page_where_rasa_is(base: str) -> None:
    status, _, body = _get(base + "/config.js")
    assert status == 200
    assert (
        body.strip() == 'window.CHAT_CONFIG = {"rasaUrl": "http://rasa.example:5005"};'
    )


@pytest.mark.parametrize(
    "path",
    ["/../Makefile", "/web/app.js", "/node_modules/x", "/.env", "/%2e%2e/README.md"],
)
def test_nothing_else_is_served(base: str, path: str) -> None:
    assert _get(base + path)[0] == 404


def test_rasa_url_defaults_to_the_page_host() -> None:
    assert (
        serve_web.rasa_url_for("clinic.example:8080", None, 5005, ("clinic.example",))
        == "http://clinic.example:5005"
    )
    assert (
        serve_web.rasa_url_for("localhost:8080", None, 5005) == "http://localhost:5005"
    )
    assert serve_web.rasa_url_for(None, None, 5005) == "http://localhost:5005"
    assert (
        serve_web.rasa_url_for("x", "https://bot.example/", 5005)
        == "https://bot.example"
    )


@pytest.mark.parametrize(
    "host",
    [
        "evil.example",  # not an allowed host
        "localhost\r\nX-Injected: 1",  # a folded header
        "localhost:8080 'unsafe-inline'",  # words for the CSP
    ],
)
def test_a_host_the_page_does_not_answer_to_shapes_nothing(host: str) -> None:
    assert serve_web.rasa_url_for(host, None, 5005) is None


def test_unknown_hosts_get_400_and_no_version_banner() -> None:
    import http.client

    server = serve_web.build_server(0, None, 5005, host="127.0.0.1")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        conn = http.client.HTTPConnection(
            "127.0.0.1", server.server_address[1], timeout=5
        )
        conn.request("GET", "/config.js", headers={"Host": "evil.example"})
        reply = conn.getresponse()
        body = reply.read()
        assert reply.status == 400 and b"evil" not in body
        assert "evil" not in (reply.getheader("Content-Security-Policy") or "")
        assert reply.getheader("Server") == "patient-page"
        conn.request("GET", "/config.js", headers={"Host": "localhost:8080"})
        reply = conn.getresponse()
        assert reply.status == 200 and b"http://localhost:5005" in reply.read()
        conn.close()
    finally:
        server.shutdown()
        server.server_close()


def test_the_page_names_the_medicines_of_the_fact_base(base: str) -> None:
    _, _, body = _get(base + "/")
    assert "{{" not in body
    assert (
        "<title>Ask about your medicine: plozalizumab and socazolimab</title>" in body
    )
    assert '<p class="subtitle">Plozalizumab (MLN1202) and Socazolimab</p>' in body


def test_an_added_medicine_is_named_and_escaped(small_store) -> None:
    words = serve_web.page_words(small_store)
    assert words == {
        "title": "Ask about your medicine: testamab",
        "subtitle": "Testamab (TST-42)",
        "hint": "Type your question, e.g. How is testamab given?",
    }
    page = serve_web.fill_page("<p>{{subtitle}}</p>", {"subtitle": "<b>x</b> & y"})
    assert page == "<p>&lt;b&gt;x&lt;/b&gt; &amp; y</p>"
