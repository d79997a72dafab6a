"""socket.io channel for the patient page.

Two fixes over Rasa 3.6's own socket.io channel, which it otherwise follows:

* its output passes a custom payload to `emit()` as keyword arguments
  (RasaHQ/rasa#3823), so `{"escalation": ...}` or `{"fact": ...}` fails or is
  lost; here custom payloads go out like every other message, as
  `{"custom": {...}}` on the bot event;
* with the python-socketio 5.x that Rasa 3.6 installs, `enter_room()` is a
  coroutine that Rasa's `session_request` handler never awaits, so the client
  never joins its session's room and receives no reply; here it is awaited.

Every message also passes the same front door as REST (`channels.guard.Gate`:
cleaning, `/` as plain text, length cap before NLU, rate limit) and the same
guarded turn (`channels.turn.run_turn`). A rejected message gets a friendly
reply on the asking socket and never reaches Rasa. Settings in credentials.yml
as for REST.
"""

import inspect
import uuid
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from socketio import AsyncServer

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint

from channels.guard import Rejected
from channels.turn import (
    FOLLOW_UP,
    build_gate,
    deadline_from,
    patient_text,
    run_turn,
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
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "PatientSocketIOInput":
        channel = super().from_credentials(credentials)
        assert isinstance(channel, PatientSocketIOInput)
        channel.gate = build_gate(credentials, cls.name())
        channel.deadline_s = deadline_from(credentials)
        return channel

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

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: Text, data: Any) -> None:
            data = data if isinstance(data, dict) else {}
            session_id = data.get("session_id")
            if not isinstance(session_id, str) or not session_id:
                session_id = uuid.uuid4().hex
            if self.session_persistence:
                entered = sio.enter_room(sid, session_id, namespace=self.namespace)
                if inspect.isawaitable(entered):
                    await entered
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: Text, data: Any) -> None:
            data = data if isinstance(data, dict) else {}
            sender_id: Any = sid
            if self.session_persistence:
                sender_id = data.get("session_id")
                if not isinstance(sender_id, str) or not sender_id:
                    return  # no session: Rasa's own handler ignores it too
            output = PatientSocketIOOutput(sio, self.bot_message_evt)
            verdict = self.gate.admit(sender_id, data.get("message"))
            if isinstance(verdict, Rejected):
                # To the asking socket only: the session id may be what is wrong.
                await output._send_message(
                    sid, {"text": verdict.message, "custom": {"error": verdict.code}})
                return
            for note in verdict.notes:
                await output.send_text_message(verdict.sender, note)
            notes_sent = output.sent
            message = UserMessage(verdict.text, output, verdict.sender,
                                  input_channel=self.name())
            outcome = await run_turn(on_new_message, message,
                                     lambda: output.sent - notes_sent, self.deadline_s)
            follow_up = FOLLOW_UP.get(outcome)
            if follow_up is not None:
                await output.send_text_message(verdict.sender, patient_text(follow_up, self.gate))

        return webhook
