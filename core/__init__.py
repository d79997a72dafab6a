"""The domain core: facts, medicine matching, symptom triage and answers.

Plain Python with no Rasa imports, shared by the three thin adapters that Rasa
loads: `actions/` (rasa-sdk actions, the action server), `components/` (NLU
components, the Rasa server) and `channels/` (input channels, the Rasa server).
"""
