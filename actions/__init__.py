"""Custom actions: thin rasa-sdk adapters over the domain core (`core/`).

They read the tracker, call a pure module (answers, triage rules, the fact base)
and emit events; `server.py` runs them behind a token on loopback.
"""
