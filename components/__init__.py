"""Custom Rasa NLU components (run inside the Rasa server, not the action server).

Importing this package (Rasa does, to load our pipeline) installs the fixes to
Rasa's internals in `components/rasa_fixes.py` (three for safety, four for speed).
"""

from components import rasa_fixes

rasa_fixes.apply()
