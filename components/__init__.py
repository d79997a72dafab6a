"""Custom Rasa NLU components (run inside the Rasa server, not the action server).

Importing this package changes nothing in Rasa: the fixes to Rasa's internals
(`runtime/rasa_fixes.py`) are applied by `runtime/launch.py`, the way every
server, training and test run starts Rasa.
"""
