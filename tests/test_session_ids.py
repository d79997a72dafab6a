"""Session ids the server issues and proves; public references; the key file."""

import stat
from pathlib import Path

import pytest

from channels import session_ids

KEY = b"test-key"


def test_an_issued_id_verifies_and_ids_differ() -> None:
    first, second = session_ids.issue(KEY), session_ids.issue(KEY)
    assert first != second
    assert session_ids.verify(KEY, first) and session_ids.verify(KEY, second)


@pytest.mark.parametrize(
    "forged",
    [
        "0" * 32 + "." + "0" * 32,  # right shape, wrong signature
        "a" * 32,  # no signature
        "",
        None,
        42,
        "x" * 20_000,  # very long
        "a" * 31 + "\x00." + "0" * 32,  # NUL
        "\u202e" + "a" * 31 + "." + "0" * 32,  # right-to-left override
    ],
)
def test_anything_not_issued_is_refused(forged: object) -> None:
    assert not session_ids.verify(KEY, forged)


def test_an_altered_or_foreign_id_is_refused() -> None:
    issued = session_ids.issue(KEY)
    flipped = ("1" if issued[0] == "0" else "0") + issued[1:]
    assert not session_ids.verify(KEY, flipped)
    assert not session_ids.verify(b"another-key", issued)


def test_public_ref_is_stable_and_reveals_nothing_of_the_id() -> None:
    issued = session_ids.issue(KEY)
    ref = session_ids.public_ref(KEY, issued)
    assert ref == session_ids.public_ref(KEY, issued)
    assert ref.startswith("c-") and issued[:8] not in ref and len(ref) == 18
    assert not session_ids.verify(KEY, ref)
    assert ref != session_ids.public_ref(b"another-key", issued)


def test_key_file_is_made_once_owner_only(tmp_path: Path) -> None:
    state = tmp_path / "state"
    key = session_ids.load_key(None, state)
    assert key and session_ids.load_key(None, state) == key
    assert stat.S_IMODE((state / session_ids.KEY_FILE).stat().st_mode) == 0o600
    assert stat.S_IMODE(state.stat().st_mode) == 0o700


def test_a_configured_secret_wins_over_the_file(tmp_path: Path) -> None:
    assert session_ids.load_key("from-settings", tmp_path) == b"from-settings"
    assert not (tmp_path / session_ids.KEY_FILE).exists()


def test_threads_starting_together_share_one_key(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    state = tmp_path / "fresh"
    with ThreadPoolExecutor(12) as pool:
        keys = set(pool.map(lambda _: session_ids.load_key(None, state), range(48)))
    assert len(keys) == 1 and all(keys)
    assert [p.name for p in state.iterdir()] == [session_ids.KEY_FILE]
