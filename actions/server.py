"""The action server as `make run` starts it: rasa-sdk's app, closed to strangers.

`python -m actions.server [--port 5055] [--host 127.0.0.1]`. Over rasa-sdk's own
`python -m rasa_sdk` it adds:

* loopback by default (`ACTION_HOST`; the SDK binds every interface);
* a shared secret: Rasa sends `X-Action-Token: <ACTION_SERVER_TOKEN>` with every
  call (endpoints.yml) and anything else gets 401; `/health` stays open for
  probes. Without a configured token every call is refused, never let through;
* bodies capped: at most `MAX_BODY_BYTES` as sent, and a compressed body may not
  expand past `MAX_BODY_BYTES` either (the SDK inflates without a limit);
* errors answered with a fixed text: the SDK echoes the whole request, patient
  text included, in its error responses and logs;
* retention: once a day, conversations idle for `RETENTION_DAYS` are deleted
  (`records/retention.py`); the log says how many, never whose.
"""

import argparse
import asyncio
import hmac
import logging
import zlib
from typing import Any, Optional, Sequence

import sqlalchemy as sa
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from core.settings import (
    Settings,
    checked_settings,
    load_env_file,
)
from records import retention
from runtime.quiet import quiet

logger = logging.getLogger(__name__)

TOKEN_HEADER = "X-Action-Token"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 5055
# Rasa's largest call here (a long conversation's tracker) is well under this.
MAX_BODY_BYTES = 4 * 1024 * 1024
RETENTION_INTERVAL_S = 24 * 3600.0
OPEN_PATHS = frozenset({"/health"})


def authorised(expected: Optional[str], presented: Optional[str]) -> bool:
    """True when both tokens exist and are equal (constant-time compare)."""
    if not expected or presented is None:
        return False
    return hmac.compare_digest(
        presented.encode("utf-8", "replace"), expected.encode("utf-8")
    )


def inflate(body: bytes, limit: int = MAX_BODY_BYTES) -> Optional[bytes]:
    """A deflate (zlib) body, expanded to at most `limit` bytes; None when it is
    larger or not valid deflate data."""
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(body, limit + 1)
    except zlib.error:
        return None
    if len(out) > limit or inflater.unconsumed_tail:
        return None
    return out


def _error(status: int, code: str) -> HTTPResponse:
    return response.json({"error": code}, status=status)


def create_app(settings: Settings, actions_package: str = "actions") -> Sanic:
    """rasa-sdk's app for `actions_package` with the guards above."""
    from rasa_sdk.endpoint import create_app as sdk_app

    app = sdk_app(actions_package, cors_origins=[])
    app.config.REQUEST_MAX_SIZE = MAX_BODY_BYTES
    # Sanic's banner and server header name its version: neither is sent.
    app.config.MOTD = False

    @app.middleware("request")
    async def guard(request: Request) -> Optional[HTTPResponse]:
        if request.path in OPEN_PATHS:
            return None
        if not authorised(
            settings.action_server_token, request.headers.get(TOKEN_HEADER)
        ):
            logger.warning("refused an action call without a valid %s", TOKEN_HEADER)
            return _error(401, "unauthorized")
        if request.headers.get("content-encoding", "").lower() == "deflate":
            inflated = inflate(request.body)
            if inflated is None:
                return _error(413, "body_too_large_or_invalid")
            # Handed on already inflated: the SDK's handler reads `request.json`.
            request.body = inflated
            request.headers.pop("content-encoding", None)
            request.parsed_json = None
        return None

    # Replaces the SDK's handler, which echoes the request body.
    @app.exception(Exception)
    async def on_error(request: Request, error: Exception) -> HTTPResponse:
        status = getattr(error, "status_code", 500)
        logger.error("action call failed: %s", type(error).__name__)
        return _error(status if isinstance(status, int) else 500, "action_server_error")

    @app.listener("after_server_start")
    async def start_retention(app: Sanic, loop: Any) -> None:
        if settings.retention_days > 0:
            app.ctx.retention = loop.create_task(retention_loop(settings))

    @app.listener("before_server_stop")
    async def stop_retention(app: Sanic, loop: Any) -> None:
        task = getattr(app.ctx, "retention", None)
        if task is not None:
            task.cancel()

    return app


async def retention_loop(
    settings: Settings, interval_s: float = RETENTION_INTERVAL_S
) -> None:
    """Delete expired conversations now, then once every `interval_s`."""
    while True:
        try:
            removed = await asyncio.get_running_loop().run_in_executor(
                None,
                retention.delete_older_than,
                settings.tracker_db_url,
                settings.retention_days,
            )
            logger.info(
                "retention: deleted %d conversations idle for more than %g days",
                len(removed),
                settings.retention_days,
            )
        except sa.exc.NoSuchTableError:  # a fresh install: Rasa has stored nothing
            logger.info("retention: no conversations stored yet")
        except Exception as error:  # database down: try again tomorrow
            logger.warning("retention did not run: %s", type(error).__name__)
        await asyncio.sleep(interval_s)


def main(argv: Optional[Sequence[str]] = None) -> None:
    """Serve the actions until stopped (host and port from `.env` too)."""
    import os

    load_env_file()
    quiet()
    parser = argparse.ArgumentParser(prog="python -m actions.server")
    parser.add_argument("--host", default=os.environ.get("ACTION_HOST", DEFAULT_HOST))
    parser.add_argument(
        "--port", type=int, default=int(os.environ.get("ACTION_PORT", DEFAULT_PORT))
    )
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s"
    )
    settings = checked_settings()
    if not settings.action_server_token:
        logger.warning(
            "ACTION_SERVER_TOKEN is not set: every action call will be refused"
        )
    app = create_app(settings)
    logger.info("action server on http://%s:%d", args.host, args.port)
    app.run(args.host, args.port, access_log=False, workers=1)


if __name__ == "__main__":
    main()
