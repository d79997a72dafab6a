"""Custom Rasa NLU components (run inside the Rasa server, not the action server).

Importing this package changes nothing in Rasa: the fixes to Rasa's internals
(`components/rasa_fixes.py`) are applied by `components/launch.py`, the way
every server, training and test run starts Rasa.
"""
