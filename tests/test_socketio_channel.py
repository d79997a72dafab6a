"""The socket.io output: custom payloads travel as {"custom": ...}."""

from typing import Any, Dict, List, Tuple

from channels.socketio import PatientSocketIOInput, PatientSocketIOOutput


class FakeServer:
    def __init__(self) -> None:
        self.emitted: List[Tuple[str, Any, Dict[str, Any]]] = []

    async def emit(self, event: str, data: Any = None, **kwargs: Any) -> None:
        self.emitted.append((event, data, kwargs))


async def test_custom_payload_is_sent_as_data_not_keyword_arguments() -> None:
    server = FakeServer()
    output = PatientSocketIOOutput(server, "bot_uttered")  # type: ignore[arg-type]
    await output.send_response(
        "room-1",
        {"text": "Call now.", "custom": {"escalation": {"level": "emergency"}}},
    )
    assert server.emitted == [
        ("bot_uttered", {"text": "Call now."}, {"room": "room-1"}),
        (
            "bot_uttered",
            {"custom": {"escalation": {"level": "emergency"}}},
            {"room": "room-1"},
        ),
    ]


def test_channel_keeps_rasas_name_and_settings() -> None:
    channel = PatientSocketIOInput.from_credentials({"session_persistence": True})
    assert channel.name() == "socketio"
    assert channel.session_persistence is True
    assert channel.get_output_channel() is None  # no server before the blueprint
