"""The production stack: persistence across restarts, PostgreSQL, Redis lock
store with two Sanic workers, two Rasa instances sharing one conversation,
two action servers sharing one escalation outbox, the rate limit shared by two
workers through Redis, housekeeping, and the compose file.

PostgreSQL and Redis come from Debian's packages (`make production-deps`) and run
on loopback in temporary folders.
"""

import json
import os
import subprocess
import tempfile
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Dict, Iterator, List

import pytest
import redis as redis_client
import requests
import sqlalchemy as sa

from core.settings import PROJECT_ROOT
from records import retention
from tests.e2e.conftest import fact_ids, say_to
from tooling.servers import (
    MODEL,
    credentials_with,
    rasa_command,
    running_bot,
    start_action_server,
    start_process,
    stop_processes,
    wait_for_rasa,
)
from tooling.services import free_port, postgres, redis

pytestmark = pytest.mark.production

PRODUCTION_ENDPOINTS = PROJECT_ROOT / "endpoints.production.yml"


@pytest.fixture(scope="module")
def services() -> Iterator[Dict[str, str]]:
    """PostgreSQL and Redis for this module (a folder the postgres user can reach)."""
    workdir = Path(tempfile.mkdtemp(prefix="patient-bot-services-"))
    os.chmod(workdir, 0o755)
    with postgres(workdir / "pg") as pg, redis(workdir / "redis") as rd:
        yield {**pg, **rd}


def _pg_url(env: Dict[str, str]) -> str:
    return (
        f"postgresql://{env['POSTGRES_USER']}@{env['POSTGRES_HOST']}:"
        f"{env['POSTGRES_PORT']}/{env['POSTGRES_DB']}"
    )


def _user_texts(db_url: str, sender: str) -> List[str]:
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT data FROM events WHERE sender_id = :s AND type_name = 'user' "
                "ORDER BY id"
            ),
            {"s": sender},
        )
        texts = [json.loads(r[0])["text"] for r in rows]
    engine.dispose()
    return texts


def _continue_after_restart(start_bot, db_url: str) -> None:
    sender = f"restart-{uuid.uuid4().hex[:8]}"
    with start_bot() as url:
        assert fact_ids(say_to(url, sender, "how does socazolimab work?")) == [
            "socazolimab.mechanism"
        ]
    # Both servers are down now; a new pair must pick the conversation up.
    with start_bot() as url:
        assert fact_ids(say_to(url, sender, "how is it given?")) == [
            "socazolimab.administration"
        ]
        assert fact_ids(say_to(url, sender, "what about plozalizumab?")) == [
            "plozalizumab.administration"
        ]
    assert _user_texts(db_url, sender) == [
        "how does socazolimab work?",
        "how is it given?",
        "what about plozalizumab?",
    ]


def test_sqlite_conversation_survives_a_restart(tmp_path: Path) -> None:
    db = tmp_path / "rasa.db"
    _continue_after_restart(
        lambda: running_bot(
            PROJECT_ROOT, MODEL, tmp_path, tmp_path / "logs", tracker_db=db
        ),
        f"sqlite:///{db}",
    )


def test_postgres_conversation_survives_a_restart_with_two_workers(
    tmp_path: Path, services: Dict[str, str]
) -> None:
    env = {**services, "SANIC_WORKERS": "2"}
    _continue_after_restart(
        lambda: running_bot(
            PROJECT_ROOT,
            MODEL,
            tmp_path,
            tmp_path / "logs",
            extra_env=env,
            endpoints_file=PRODUCTION_ENDPOINTS,
        ),
        _pg_url(services),
    )


def test_two_instances_share_one_conversation(
    tmp_path: Path, services: Dict[str, str]
) -> None:
    """One action server, two Rasa instances, PostgreSQL and Redis shared: the
    messages of one conversation alternate between the instances."""
    env = {
        **os.environ,
        **services,
        "RASA_TELEMETRY_ENABLED": "false",
        "PYTHONPATH": str(PROJECT_ROOT),
    }
    action, env["ACTION_SERVER_URL"] = start_action_server(PROJECT_ROOT, env, tmp_path)
    procs = [action]
    try:
        urls = []
        for name in ("rasa-a", "rasa-b"):
            port = free_port()
            procs.append(
                start_process(
                    name,
                    rasa_command(MODEL, PRODUCTION_ENDPOINTS, port),
                    PROJECT_ROOT,
                    env,
                    tmp_path,
                )
            )
            urls.append(f"http://127.0.0.1:{port}")
        for url in urls:
            wait_for_rasa(url, procs)
        first, second = urls
        sender = f"two-{uuid.uuid4().hex[:8]}"
        turns = [
            (first, "how does socazolimab work?", ["socazolimab.mechanism"]),
            (second, "how is it given?", ["socazolimab.administration"]),
            (first, "what about plozalizumab?", ["plozalizumab.administration"]),
            (second, "how often is it given?", ["plozalizumab.schedule"]),
            (first, "and for socazolimab?", ["socazolimab.schedule"]),
            (second, "what is the dose?", ["socazolimab.dose"]),
        ]
        for url, message, expected in turns:
            assert fact_ids(say_to(url, sender, message)) == expected, message
    finally:
        stop_processes(procs)
    # Every message stored once, in order: nothing lost, nothing duplicated.
    assert _user_texts(_pg_url(services), sender) == [
        message for _, message, _ in turns
    ]


RATE_LIMIT = 5
RATE_LIMIT_DB = "2"  # the lock store uses REDIS_DB (1)


def test_rate_limit_holds_for_the_conversation_across_two_workers(
    tmp_path: Path, services: Dict[str, str]
) -> None:
    """Two Sanic workers sharing the window in Redis: one conversation gets the
    limit once, not once per worker."""
    storage_uri = (
        f"redis://{services['REDIS_HOST']}:{services['REDIS_PORT']}/{RATE_LIMIT_DB}"
    )
    env = {**services, "SANIC_WORKERS": "2", "RATE_LIMIT_STORAGE_URI": storage_uri}
    credentials = credentials_with(
        tmp_path / "credentials.yml", rate_limit_per_minute=RATE_LIMIT
    )
    sender = f"limited-{uuid.uuid4().hex[:8]}"
    with running_bot(
        PROJECT_ROOT,
        MODEL,
        tmp_path,
        tmp_path / "logs",
        extra_env=env,
        endpoints_file=PRODUCTION_ENDPOINTS,
        credentials=credentials,
    ) as url:

        def send(i: int) -> int:
            # A new connection per request, so the workers share the requests.
            return requests.post(
                f"{url}/webhooks/rest/webhook",
                json={"sender": sender, "message": f"hello {i}"},
                headers={"Connection": "close"},
                timeout=120,
            ).status_code

        with ThreadPoolExecutor(max_workers=4) as pool:
            statuses = list(pool.map(send, range(4 * RATE_LIMIT)))
        counted_by = redis_client.Redis(
            host=services["REDIS_HOST"], port=int(services["REDIS_PORT"])
        ).client_list()
    assert sorted(set(statuses)) == [200, 429], statuses
    assert statuses.count(200) == RATE_LIMIT  # not RATE_LIMIT per worker
    # Both workers counted: each holds its own connection to the limit's database.
    assert len([c for c in counted_by if c["db"] == RATE_LIMIT_DB]) >= 2
    # The admitted messages, and only those, reached the conversation.
    assert len(_user_texts(_pg_url(services), sender)) == RATE_LIMIT


def test_events_are_indexed_by_sender_and_retention_deletes_old_ones(
    services: Dict[str, str],
) -> None:
    engine = sa.create_engine(_pg_url(services))
    indexed = [ix["column_names"] for ix in sa.inspect(engine).get_indexes("events")]
    engine.dispose()
    assert ["sender_id"] in indexed
    removed = retention.delete_older_than(_pg_url(services), 0)
    assert removed  # the conversations of the tests above
    assert retention.delete_older_than(_pg_url(services), 0) == []


def test_compose_file_is_valid() -> None:
    result = subprocess.run(
        ["docker-compose", "-f", "docker-compose.yml", "config"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "POSTGRES_PASSWORD": "test-only",
            "ACTION_SERVER_TOKEN": "test-only-token",
            "SESSION_SECRET": "test-only-secret",
        },
    )
    assert result.returncode == 0, result.stderr
    for service in ("rasa:", "action-server:", "postgres:", "redis:"):
        assert service in result.stdout


def _outbox_env(db_url: str, receiver_url: str) -> Dict[str, str]:
    """Settings for action servers delivering to a test clinic, with short waits."""
    return {
        "RASA_TELEMETRY_ENABLED": "false",
        "PYTHONPATH": str(PROJECT_ROOT),
        "ESCALATION_DB_URL": db_url,
        "ESCALATION_WEBHOOK_URL": receiver_url,
        "ESCALATION_WEBHOOK_SECRET": "test-production-secret",
        "ESCALATION_WEBHOOK_BACKOFF_S": "0.2",
        "ESCALATION_WEBHOOK_BACKOFF_CAP_S": "1",
        "ESCALATION_DELIVERY_INTERVAL_S": "1",
    }


def _refs(senders: List[str]) -> List[str]:
    """How records name these conversations: their public references."""
    from channels.session_ids import key_from_settings, public_ref
    from core.settings import get_settings

    key = key_from_settings(get_settings())
    return [public_ref(key, sender) for sender in senders]


def _records_of(db_url: str, senders: List[str]) -> list:
    from escalation.store import EscalationStore

    store = EscalationStore(db_url)
    refs = _refs(senders)
    rows = [r for r in store.recent(500) if r.conversation_id in refs]
    store.dispose()
    return rows


def _assert_each_accepted_once(rows: list, receiver: object) -> None:
    """Every record delivered, and the clinic accepted each key exactly once."""
    from escalation.store import DELIVERED

    assert all(r.delivery == DELIVERED for r in rows)
    accepted = Counter(p.key for p in receiver.accepted())  # type: ignore[attr-defined]
    assert sorted(accepted) == sorted(r.idempotency_key for r in rows)
    assert set(accepted.values()) == {1}


def _escalate(action_url: str, sender: str) -> List[Dict[str, object]]:
    """Call the real `action_escalate` over the action server webhook, as Rasa does."""
    from core import constants as c

    tracker = {
        "sender_id": sender,
        "latest_message": {"text": ""},
        "events": [],
        "paused": False,
        "followup_action": None,
        "active_loop": {},
        "latest_action_name": None,
        "slots": {
            c.SLOT_TRIAGE_LEVEL: "emergency",
            c.SLOT_TRIAGE_CATEGORY: "breathing",
        },
    }
    from actions.server import TOKEN_HEADER
    from tooling.servers import action_token

    response = requests.post(
        action_url,
        json={
            "next_action": c.ACTION_ESCALATE,
            "sender_id": sender,
            "tracker": tracker,
            "domain": {},
            "version": "3.6.21",
        },
        headers={TOKEN_HEADER: action_token()},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    return response.json()["events"]


def test_two_action_servers_deliver_each_escalation_once(
    tmp_path: Path, services: Dict[str, str]
) -> None:
    """Two action servers (each with its own delivery loop) on one PostgreSQL,
    12 escalations at the same moment, a slow clinic refusing its first 5
    posts: each record is accepted exactly once, without a retry storm."""
    from concurrent.futures import ThreadPoolExecutor

    from escalation.webhook import verify_signature
    from tests.clinic_receiver import ClinicReceiver

    db_url = _pg_url(services)
    receiver = ClinicReceiver(refuse_first=5, delay_s=0.15).start()
    env = {**os.environ, **_outbox_env(db_url, receiver.url)}
    procs, urls = [], []
    try:
        for name in ("actions-a", "actions-b"):
            proc, url = start_action_server(PROJECT_ROOT, env, tmp_path, name=name)
            procs.append(proc)
            urls.append(url)
        senders = [f"outbox-{i:02d}-{uuid.uuid4().hex[:6]}" for i in range(12)]
        with ThreadPoolExecutor(max_workers=12) as pool:
            replies = list(
                pool.map(lambda i: _escalate(urls[i % 2], senders[i]), range(12))
            )
        assert all(
            events
            == [
                {
                    "event": "slot",
                    "timestamp": None,
                    "name": "disclaimer_shown",
                    "value": True,
                }
            ]
            for events in replies
        ), replies[0]
        receiver.wait_for_accepted(12, timeout_s=60)
        time.sleep(1.5)  # a loop's next pass: time for a duplicate to show up
    finally:
        stop_processes(procs)
        receiver.stop()
    rows = _records_of(db_url, senders)
    assert len(rows) == 12
    _assert_each_accepted_once(rows, receiver)
    assert len(receiver.posts) == 12 + 5  # one post per record, one per refusal
    # Both servers' loops took part (`claimed_by`: host:pid/claim of the last try).
    assert len({r.claimed_by.split("/")[0] for r in rows if r.claimed_by}) == 2
    assert all(
        verify_signature(
            "test-production-secret",
            p.headers["X-Webhook-Timestamp"],
            p.key,
            p.body,
            p.headers["X-Signature-256"],
        )
        for p in receiver.posts
    )


def test_two_workers_and_two_action_servers_deliver_each_escalation_once(
    tmp_path: Path, services: Dict[str, str]
) -> None:
    """The whole path: patients' messages over REST to Rasa (one instance with two
    Sanic workers, one with one), each instance with its own action server,
    PostgreSQL for conversations and escalations. 12 emergencies at the same
    moment, a slow clinic refusing its first 5 posts: each escalation is
    recorded once and accepted by the clinic once."""
    from tests.clinic_receiver import ClinicReceiver

    db_url = _pg_url(services)
    receiver = ClinicReceiver(refuse_first=5, delay_s=0.15).start()
    env = {**os.environ, **services, **_outbox_env(db_url, receiver.url)}
    procs: List[subprocess.Popen] = []
    urls = []
    try:
        for name, workers in (("a", "2"), ("b", "1")):
            action, action_url = start_action_server(
                PROJECT_ROOT, env, tmp_path, name=f"actions-{name}"
            )
            procs.append(action)
            port = free_port()
            procs.append(
                start_process(
                    f"rasa-{name}",
                    rasa_command(MODEL, PRODUCTION_ENDPOINTS, port),
                    PROJECT_ROOT,
                    {**env, "ACTION_SERVER_URL": action_url, "SANIC_WORKERS": workers},
                    tmp_path,
                )
            )
            urls.append(f"http://127.0.0.1:{port}")
        for url in urls:
            wait_for_rasa(url, procs)
        senders = [f"e2e-outbox-{i:02d}-{uuid.uuid4().hex[:6]}" for i in range(12)]

        def report(i: int) -> List[Dict[str, object]]:
            return requests.post(
                f"{urls[i % 2]}/webhooks/rest/webhook",
                json={"sender": senders[i], "message": "I can't breathe"},
                headers={"Connection": "close"},
                timeout=120,
            ).json()

        with ThreadPoolExecutor(max_workers=12) as pool:
            replies = list(pool.map(report, range(12)))
        assert all(
            any(
                (m.get("custom") or {}).get("escalation", {}).get("level")
                == "emergency"
                for m in reply
            )
            for reply in replies
        ), replies[0]
        receiver.wait_for_accepted(12, timeout_s=90)
        time.sleep(1.5)  # a loop's next pass: time for a duplicate to show up
    finally:
        stop_processes(procs)
        receiver.stop()
    rows = _records_of(db_url, senders)
    assert sorted(r.conversation_id for r in rows) == sorted(
        _refs(senders)
    )  # one record each
    _assert_each_accepted_once(rows, receiver)
    assert len(receiver.posts) <= 12 + 5 + 2  # no retry storm
