"""Custom actions and the pure domain modules behind them.

Domain modules (`facts`, `medicine_matcher`, `answers`) import nothing from Rasa;
the `Action` classes in `base` and `answer_actions` are thin wrappers around them.
"""
