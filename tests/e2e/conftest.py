"""Start the real action server and Rasa server with the trained model.

Session-scoped: both servers start once on free ports, and are stopped (their
whole process groups) when the session ends. Logs go to results/e2e/. The
helpers that start and stop servers live in `tooling/servers.py`, shared with
the benchmark and soak scripts.
"""

import sys
import threading
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional

import pytest
import requests
import socketio
from socketio import packet

from core.settings import PROJECT_ROOT
from tooling.servers import MODEL, running_bot
from tooling.services import free_port


@pytest.fixture(scope="session")
def escalation_db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Where the e2e action server records escalations."""
    return f"sqlite:///{tmp_path_factory.mktemp('state') / 'escalations.db'}"


@pytest.fixture(scope="session")
def web_port() -> int:
    """Port of the patient page (allowed as a CORS origin by the Rasa server)."""
    return free_port()


@pytest.fixture(scope="session")
def tracker_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The SQLite tracker store the e2e Rasa server writes conversations to."""
    return tmp_path_factory.mktemp("tracker") / "rasa.db"


@pytest.fixture(scope="session")
def rasa_url(
    tmp_path_factory: pytest.TempPathFactory,
    escalation_db_url: str,
    web_port: int,
    tracker_db: Path,
) -> Iterator[str]:
    """Base URL of a running Rasa server wired to a running action server."""
    assert MODEL.exists(), f"{MODEL} missing: run `make train` first"
    with running_bot(
        PROJECT_ROOT,
        MODEL,
        tmp_path_factory.mktemp("e2e"),
        PROJECT_ROOT / "results" / "e2e",
        extra_env={
            "ESCALATION_DB_URL": escalation_db_url,
            "ESCALATION_WEBHOOK_URL": "",
        },
        cors=(f"http://127.0.0.1:{web_port}", f"http://localhost:{web_port}"),
        tracker_db=tracker_db,
    ) as url:
        yield url


def say_to(url: str, sender: str, message: str) -> List[Dict[str, Any]]:
    """Send one message over REST to the Rasa at `url`; its messages (200 only)."""
    response = requests.post(
        f"{url}/webhooks/rest/webhook",
        json={"sender": sender, "message": message},
        timeout=60,
    )
    assert response.status_code == 200, response.text
    return response.json()


def fact_ids(messages: List[Dict[str, Any]]) -> List[str]:
    """Ids of the facts the bot answered with."""
    return [
        m["custom"]["fact"]["id"] for m in messages if "fact" in (m.get("custom") or {})
    ]


def escalation_level(messages: List[Dict[str, Any]]) -> Optional[str]:
    """The level of the first escalation among the bot's messages, if any."""
    for message in messages:
        escalation = (message.get("custom") or {}).get("escalation")
        if escalation:
            return escalation["level"]
    return None


@pytest.fixture
def say(rasa_url: str) -> Callable[[str, str], List[Dict[str, Any]]]:
    """Send one message over the REST channel and return the bot's messages."""

    return lambda sender, message: say_to(rasa_url, sender, message)


@pytest.fixture(scope="session")
def page_url(rasa_url: str, web_port: int) -> Iterator[str]:
    """The patient page, served by scripts/serve_web.py, talking to `rasa_url`."""
    sys.path.insert(0, str(PROJECT_ROOT / "scripts"))
    import serve_web

    assert serve_web.SOCKET_IO_CLIENT.exists(), "run `make web` first"
    server = serve_web.build_server(web_port, rasa_url, 0, host="127.0.0.1")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{web_port}/"
    finally:
        server.shutdown()
        server.server_close()


async def leave(client: socketio.AsyncClient) -> None:
    """Disconnect a socket.io client the way a closed browser tab does: say so
    and go. `client.disconnect()` over the polling transport waits for the
    server's pending long-poll to end, up to 30 s per client."""
    for namespace in client.namespaces:
        await client._send_packet(
            client.packet_class(packet.DISCONNECT, namespace=namespace)
        )
    await client.eio.disconnect(abort=True)
