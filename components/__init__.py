"""Custom Rasa NLU components (run inside the Rasa server, not the action server).

Importing this package (Rasa does, to load our pipeline) installs the two
behaviour-preserving speed fixes in `components/rasa_fixes.py`.
"""

from components import rasa_fixes

rasa_fixes.apply()
