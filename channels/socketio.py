"""socket.io channel for the patient page.

Two fixes over Rasa 3.6's own socket.io channel, which it otherwise follows:

* its output passes a custom payload to `emit()` as keyword arguments
  (RasaHQ/rasa#3823), so `{"escalation": ...}` or `{"fact": ...}` fails or is
  lost; here custom payloads go out like every other message, as
  `{"custom": {...}}` on the bot event;
* with the python-socketio 5.x that Rasa 3.6 installs, `enter_room()` is a
  coroutine that Rasa's `session_request` handler never awaits, so the client
  never joins its session's room and receives no reply; here it is awaited.

A conversation belongs to the socket it was issued to:

* the server issues each session id, signed (`channels.session_ids`); a client
  that asks for an id it cannot prove (made up, guessed, altered) is given a
  new session, so no one can join another patient's room;
* a socket posts only into the session it joined: a `user_uttered` from a
  socket that never asked for a session, or naming another session, gets an
  error on that socket and never reaches Rasa;
* a new `session_request` leaves the previous room, and a disconnect forgets
  the socket.

Every message also passes the same front door as REST (`channels.guard.Gate`:
cleaning, `/` as plain text, length cap before NLU, rate limits by
conversation, client address and channel) and the same guarded turn
(`channels.turn.run_turn`). A rejected message gets a friendly reply on the
asking socket and never reaches Rasa. Settings in credentials.yml as for REST.
"""

import inspect
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import UserMessage, decode_bearer_token
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint
from socketio import AsyncServer

from channels import session_ids
from channels.guard import Admitted, Rejected
from channels.turn import (
    FOLLOW_UP,
    build_gate,
    client_address,
    deadline_from,
    patient_text,
    run_turn,
)
from core.settings import Settings, get_settings

SESSION_REQUIRED = "session_required"
SESSION_MISMATCH = "session_mismatch"
NO_SESSION_TEXT = (
    "This chat has no session yet, or the session is not this window's. Please "
    "reload the page to start a new chat, and send your message again."
)


class PatientSocketIOOutput(SocketIOOutput):
    """Emits custom payloads as `{"custom": payload}`."""

    def __init__(self, sio: AsyncServer, bot_message_evt: Text) -> None:
        super().__init__(sio, bot_message_evt)
        self.sent = 0

    async def _send_message(self, socket_id: Text, response: Any) -> None:
        self.sent += 1
        await super()._send_message(socket_id, response)

    async def send_custom_json(
        self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any
    ) -> None:
        await self._send_message(recipient_id, {"custom": json_message})


class PatientSocketIOInput(SocketIOInput):
    """Rasa's socket.io input, answering through `PatientSocketIOOutput`."""

    @classmethod
    def name(cls) -> Text:
        return "socketio"

    @classmethod
    def from_credentials(
        cls, credentials: Optional[Dict[Text, Any]]
    ) -> "PatientSocketIOInput":
        channel = super().from_credentials(credentials)
        assert isinstance(channel, PatientSocketIOInput)
        channel.gate = build_gate(credentials, cls.name())
        channel.deadline_s = deadline_from(credentials)
        channel.settings = get_settings()
        channel.key = session_ids.key_from_settings(channel.settings)
        channel.sessions = {}
        channel.addresses = {}
        return channel

    # Set by `from_credentials`: the settings, the session signing key, the
    # session each socket joined and each socket's client address.
    settings: Settings
    key: bytes
    sessions: Dict[Text, Text]
    addresses: Dict[Text, Optional[Text]]

    async def _reject(
        self, sio: AsyncServer, sid: Text, code: Text, text: Text
    ) -> None:
        await PatientSocketIOOutput(sio, self.bot_message_evt)._send_message(
            sid, {"text": text, "custom": {"error": code}}
        )

    def get_output_channel(self) -> Optional[PatientSocketIOOutput]:
        """Output channel for messages Rasa sends outside a user turn."""
        if self.sio is None:
            return None
        return PatientSocketIOOutput(self.sio, self.bot_message_evt)

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        """Rasa's blueprint, with the user-message handler replaced."""
        webhook = super().blueprint(on_new_message)
        sio = self.sio
        assert sio is not None
        # Rasa leaves the origin unchecked ([]): only the page's origins may connect
        # from a browser (clients that send no Origin, such as servers, are let in).
        origins = self.settings.allowed_origins
        if origins:
            sio.eio.cors_allowed_origins = list(origins)

        @sio.on("connect", namespace=self.namespace)
        async def connect(
            sid: Text, environ: Dict[Text, Any], auth: Any = None
        ) -> bool:
            return self._connect(sid, environ, auth)

        @sio.on("disconnect", namespace=self.namespace)
        async def disconnect(sid: Text) -> None:
            self.sessions.pop(sid, None)
            self.addresses.pop(sid, None)

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: Text, data: Any) -> None:
            await self._session_request(sio, sid, data)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: Text, data: Any) -> None:
            await self._user_message(sio, on_new_message, sid, data)

        return webhook

    def _authorised(self, auth: Any) -> bool:
        """As Rasa's channel: a valid JWT is required when a key is configured."""
        if not self.jwt_key:
            return True
        return bool(
            isinstance(auth, dict)
            and auth.get("token")
            and decode_bearer_token(auth["token"], self.jwt_key, self.jwt_algorithm)
        )

    def _connect(self, sid: Text, environ: Dict[Text, Any], auth: Any) -> bool:
        """Accept an authorised socket and remember its client address."""
        if not self._authorised(auth):
            return False
        self.addresses[sid] = client_address(
            environ.get("REMOTE_ADDR"),
            environ.get("HTTP_X_FORWARDED_FOR"),
            self.settings.trust_forwarded_for,
        )
        return True

    async def _session_request(self, sio: AsyncServer, sid: Text, data: Any) -> None:
        """Confirm the session the socket can prove, or a new one."""
        data = data if isinstance(data, dict) else {}
        asked = data.get("session_id")
        session_id = (
            asked
            if session_ids.verify(self.key, asked)
            else session_ids.issue(self.key)
        )
        if self.session_persistence:
            await self._move_to_room(sio, sid, self.sessions.get(sid), session_id)
        self.sessions[sid] = session_id
        await sio.emit(
            "session_confirm", session_id, room=sid, namespace=self.namespace
        )

    async def _move_to_room(
        self, sio: AsyncServer, sid: Text, previous: Optional[Text], session_id: Text
    ) -> None:
        """Leave the previous session's room, if another, and enter this one's."""
        if previous is not None and previous != session_id:
            await _settle(sio.leave_room(sid, previous, namespace=self.namespace))
        await _settle(sio.enter_room(sid, session_id, namespace=self.namespace))

    async def _sender_of(
        self, sio: AsyncServer, sid: Text, data: Dict[Text, Any]
    ) -> Optional[Text]:
        """The conversation this socket may post to, or None once told why not."""
        if not self.session_persistence:
            return sid
        sender_id = self.sessions.get(sid)
        if sender_id is None:
            await self._reject(sio, sid, SESSION_REQUIRED, NO_SESSION_TEXT)
            return None
        claimed = data.get("session_id")
        if claimed is not None and claimed != sender_id:
            await self._reject(sio, sid, SESSION_MISMATCH, NO_SESSION_TEXT)
            return None
        return sender_id

    async def _user_message(
        self,
        sio: AsyncServer,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        sid: Text,
        data: Any,
    ) -> None:
        """One patient message: session check, front door, then the guarded turn."""
        data = data if isinstance(data, dict) else {}
        sender_id = await self._sender_of(sio, sid, data)
        if sender_id is None:
            return
        output = PatientSocketIOOutput(sio, self.bot_message_evt)
        verdict = self.gate.admit(
            sender_id, data.get("message"), client=self.addresses.get(sid)
        )
        if isinstance(verdict, Rejected):
            # To the asking socket only: the session id may be what is wrong.
            await output._send_message(
                sid, {"text": verdict.message, "custom": {"error": verdict.code}}
            )
            return
        await self._run_turn(on_new_message, output, verdict)

    async def _run_turn(
        self,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        output: PatientSocketIOOutput,
        verdict: Admitted,
    ) -> None:
        """The gate's notes, the guarded turn, and a follow-up if it went wrong."""
        for note in verdict.notes:
            await output.send_text_message(verdict.sender, note)
        notes_sent = output.sent
        message = UserMessage(
            verdict.text, output, verdict.sender, input_channel=self.name()
        )
        outcome = await run_turn(
            on_new_message,
            message,
            lambda: output.sent - notes_sent,
            self.deadline_s,
        )
        follow_up = FOLLOW_UP.get(outcome)
        if follow_up is not None:
            await output.send_text_message(
                verdict.sender, patient_text(follow_up, self.gate)
            )


async def _settle(result: Any) -> None:
    """Await `result` when it is awaitable (python-socketio 5.x room calls are)."""
    if inspect.isawaitable(result):
        await result
