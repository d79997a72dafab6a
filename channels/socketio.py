"""socket.io channel for the patient page.

Two fixes over Rasa 3.6's own socket.io channel, which it otherwise follows:

* its output passes a custom payload to `emit()` as keyword arguments
  (RasaHQ/rasa#3823), so `{"escalation": ...}` or `{"fact": ...}` fails or is
  lost; here custom payloads go out like every other message, as
  `{"custom": {...}}` on the bot event;
* with the python-socketio 5.x that Rasa 3.6 installs, `enter_room()` is a
  coroutine that Rasa's `session_request` handler never awaits, so the client
  never joins its session's room and receives no reply; here it is awaited.
"""

import inspect
import json
import uuid
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint


class PatientSocketIOOutput(SocketIOOutput):
    """Emits custom payloads as `{"custom": payload}`."""

    async def send_custom_json(
        self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any
    ) -> None:
        await self._send_message(recipient_id, {"custom": json_message})


class PatientSocketIOInput(SocketIOInput):
    """Rasa's socket.io input, answering through `PatientSocketIOOutput`."""

    @classmethod
    def name(cls) -> Text:
        return "socketio"

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
            sender_id = sid
            if self.session_persistence:
                sender_id = data.get("session_id") or ""
                if not isinstance(sender_id, str) or not sender_id:
                    return  # no session: Rasa's own handler ignores it too
            metadata = data.get(self.metadata_key) or {}
            if isinstance(metadata, str):
                metadata = json.loads(metadata)
            message = data.get("message", "")
            await on_new_message(
                UserMessage(
                    message if isinstance(message, str) else str(message),
                    PatientSocketIOOutput(sio, self.bot_message_evt),
                    sender_id,
                    input_channel=self.name(),
                    metadata=metadata if isinstance(metadata, dict) else {},
                )
            )

        return webhook
