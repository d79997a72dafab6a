"""The action server's guards (actions/server.py), as pure functions.

The running server (401 on a forged call, capped bodies, no echo) is tested end
to end in tests/e2e/test_security.py.
"""

import zlib

from actions.server import MAX_BODY_BYTES, authorised, inflate


def test_only_the_configured_token_is_authorised() -> None:
    assert authorised("s3cret-token", "s3cret-token")
    assert not authorised("s3cret-token", "s3cret-tokeN")
    assert not authorised("s3cret-token", None)
    assert not authorised("s3cret-token", "")
    # No token configured: nothing is let through, not even an empty header.
    assert not authorised(None, "")
    assert not authorised("", "")


def test_inflate_keeps_a_normal_body() -> None:
    body = b'{"next_action": "action_answer_question"}'
    assert inflate(zlib.compress(body)) == body


def test_inflate_refuses_a_bomb_and_garbage() -> None:
    bomb = zlib.compress(b"\0" * (MAX_BODY_BYTES + 1))
    assert len(bomb) < 10_000  # tiny on the wire
    assert inflate(bomb) is None
    assert inflate(b"not deflate at all") is None
    assert inflate(zlib.compress(b"x" * 100), limit=99) is None


def test_retention_runs_by_itself_and_logs_no_ids(tmp_path, caplog) -> None:
    """The action server's daily loop deletes idle conversations on its first pass."""
    import asyncio
    import dataclasses
    import logging
    import time

    import sqlalchemy as sa

    from actions.server import retention_loop
    from core.settings import get_settings

    url = f"sqlite:///{tmp_path / 'rasa.db'}"
    engine = sa.create_engine(url, future=True)
    events = sa.Table(
        "events",
        sa.MetaData(),
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sender_id", sa.String(255)),
        sa.Column("timestamp", sa.Float),
    )
    events.metadata.create_all(engine)
    now = time.time()
    with engine.begin() as conn:
        conn.execute(
            events.insert(),
            [
                {"sender_id": "idle-sender-id", "timestamp": now - 40 * 86400},
                {"sender_id": "active-sender-id", "timestamp": now - 60},
            ],
        )
    settings = dataclasses.replace(
        get_settings(), tracker_db_url=url, retention_days=30
    )

    async def one_pass() -> None:
        task = asyncio.ensure_future(retention_loop(settings, interval_s=3600))
        await asyncio.sleep(0.5)
        task.cancel()

    with caplog.at_level(logging.INFO, logger="actions.server"):
        asyncio.run(one_pass())
    with engine.connect() as conn:
        left = [row[0] for row in conn.execute(sa.select(events.c.sender_id))]
    assert left == ["active-sender-id"]
    assert "deleted 1 conversations" in caplog.text
    assert "idle-sender-id" not in caplog.text


def test_state_files_are_owner_only(tmp_path) -> None:
    import stat

    from core.settings import private_sqlite_file

    database = tmp_path / "state" / "rasa.db"
    private_sqlite_file(f"sqlite:///{database}")
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    assert stat.S_IMODE(database.parent.stat().st_mode) == 0o700
    database.chmod(0o644)  # an older file, made before this version: tightened
    private_sqlite_file(f"sqlite:///{database}")
    assert stat.S_IMODE(database.stat().st_mode) == 0o600


def test_retention_on_a_fresh_install_is_not_a_warning(tmp_path, caplog) -> None:
    """Before Rasa has stored anything there is no events table: nothing to
    delete, said plainly, not a warning a newcomer must wonder about."""
    import asyncio
    import dataclasses
    import logging

    from actions.server import retention_loop
    from core.settings import get_settings

    settings = dataclasses.replace(
        get_settings(), tracker_db_url=f"sqlite:///{tmp_path / 'new.db'}"
    )

    async def one_pass() -> None:
        task = asyncio.ensure_future(retention_loop(settings, interval_s=3600))
        await asyncio.sleep(0.5)
        task.cancel()

    with caplog.at_level(logging.INFO, logger="actions.server"):
        asyncio.run(one_pass())
    assert "no conversations stored yet" in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
