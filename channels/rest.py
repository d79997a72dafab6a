"""REST channel for integrators: `POST /webhooks/rest/webhook`, same URL and reply
format as Rasa's own `rest` channel, with a strict front door.

* The body must be UTF-8 JSON: an object with a string `sender` and a string
  `message`. Anything else gets a 4xx with `{"error": <code>, "message": <why>}`
  and never reaches Rasa, so nothing is stored.
* Each message passes `channels.guard.Gate` (cleaning, `/` as plain text, length
  cap before NLU, rate limit) and `channels.turn.run_turn` (no crash, no silence).
* Rasa's own channel logs the patient's text when a turn fails; this one logs a
  hashed sender id and the error type only.
* Who may call it (`admission`): with `REST_TOKEN` set, every request must carry
  `Authorization: Bearer <REST_TOKEN>` (compared in constant time); without it,
  only clients on this machine (loopback), which is how `make run` and the tests
  use it. Browsers never use REST: a request from another origin gets 403, and
  a browser request whose body is not `application/json` gets 415 (a
  `text/plain` form post would otherwise slip past CORS's preflight).

Settings (credentials.yml, under `channels.rest.PatientRestInput`):
`max_message_chars`, `max_sender_chars`, `rate_limit_per_minute`,
`reply_deadline_seconds`.
"""

import hmac
import json
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text, Tuple

from rasa.core.channels.channel import (
    CollectingOutputChannel,
    InputChannel,
    UserMessage,
)
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.guard import Admitted, Gate, Rejected
from channels.turn import (
    FOLLOW_UP,
    TurnEnd,
    build_gate,
    client_address,
    deadline_from,
    patient_text,
    run_turn,
)
from core.settings import get_settings


def parse_body(raw: bytes) -> Any:
    """The request body as a JSON object, or a `Rejected` saying what is wrong."""
    if not raw or not raw.strip():
        return Rejected(
            400,
            "empty_body",
            'Send a JSON object: {"sender": "...", "message": "..."}.',
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return Rejected(400, "invalid_utf8", "The body must be UTF-8 encoded JSON.")
    try:
        body = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return Rejected(400, "invalid_json", "The body is not valid JSON.")
    except ValueError:  # e.g. an integer of more than 4,300 digits
        return Rejected(
            400, "invalid_json", "The body holds a value too large to read."
        )
    if not isinstance(body, dict):
        return Rejected(
            400,
            "invalid_json",
            'The body must be a JSON object: {"sender": "...", "message": "..."}.',
        )
    return body


LOOPBACK = frozenset({"127.0.0.1", "::1", "::ffff:127.0.0.1"})


def admission(
    token: Optional[str],
    authorization: Optional[str],
    peer: Optional[str],
    origin: Optional[str],
    allowed_origins: Tuple[str, ...],
    content_type: Optional[str],
) -> Optional[Rejected]:
    """Why this request may not use the REST channel, or None when it may."""
    if origin is not None and origin not in allowed_origins:
        return Rejected(
            403,
            "origin_not_allowed",
            "This origin may not call the REST channel; browsers use socket.io.",
        )
    if token:
        scheme, _, presented = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            presented.strip().encode("utf-8", "replace"), token.encode("utf-8")
        ):
            return Rejected(
                401,
                "unauthorized",
                "Send `Authorization: Bearer <REST_TOKEN>` (docs/integrators.md).",
            )
    elif peer not in LOOPBACK:
        return Rejected(
            401,
            "unauthorized",
            "REST is open to this machine only until REST_TOKEN is set.",
        )
    media_type = (content_type or "application/json").split(";")[0].strip().lower()
    if origin is not None and media_type != "application/json":
        # A browser's "simple" post (text/plain, a form) skips CORS's preflight:
        # from a page, only JSON. Servers and curl send no Origin and may label
        # the body as they like; it is read as JSON either way.
        return Rejected(
            415, "unsupported_media_type", "Send the body as application/json."
        )
    return None


def error_response(rejected: Rejected) -> HTTPResponse:
    headers = {"Retry-After": "60"} if rejected.status in (429, 503) else None
    return response.json(
        {"error": rejected.code, "message": rejected.message},
        status=rejected.status,
        headers=headers,
    )


class PatientRestInput(InputChannel):
    """Rasa's REST channel contract with input checks, a length cap and a rate limit."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    @classmethod
    def from_credentials(
        cls, credentials: Optional[Dict[Text, Any]]
    ) -> "PatientRestInput":
        return cls(build_gate(credentials, cls.name()), deadline_from(credentials))

    def __init__(self, gate: Gate, deadline_s: float) -> None:
        self.gate = gate
        self.deadline_s = deadline_s
        # Read once: the token, origins and proxy setting hold for the process.
        self.settings = get_settings()

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        webhook = Blueprint("patient_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            settings = self.settings
            refused = admission(
                settings.rest_token,
                request.headers.get("authorization"),
                request.ip,
                request.headers.get("origin"),
                settings.allowed_origins,
                request.headers.get("content-type"),
            )
            if refused is not None:
                return error_response(refused)
            body = parse_body(request.body)
            if isinstance(body, Rejected):
                return error_response(body)
            verdict = self.gate.admit(
                body.get("sender"),
                body.get("message"),
                client=client_address(
                    request.ip,
                    request.headers.get("x-forwarded-for"),
                    settings.trust_forwarded_for,
                ),
            )
            if isinstance(verdict, Rejected):
                return error_response(verdict)
            return await self._answer(verdict, on_new_message)

        return webhook

    async def _answer(
        self,
        admitted: Admitted,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> HTTPResponse:
        collector = CollectingOutputChannel()
        message = UserMessage(
            admitted.text, collector, admitted.sender, input_channel=self.name()
        )
        outcome = await run_turn(
            on_new_message, message, lambda: len(collector.messages), self.deadline_s
        )
        follow_up = FOLLOW_UP.get(outcome)
        if outcome is TurnEnd.FAILED:
            return error_response(
                Rejected(
                    503,
                    "temporarily_unavailable",
                    patient_text(FOLLOW_UP[outcome], self.gate),
                )
            )

        def say(text: str) -> Dict[str, Any]:
            return {"recipient_id": admitted.sender, "text": text}

        replies: List[Dict[str, Any]] = [say(note) for note in admitted.notes]
        replies += list(collector.messages)
        if follow_up is not None:
            replies.append(say(patient_text(follow_up, self.gate)))
        return response.json(replies)
