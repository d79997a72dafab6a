"""How Rasa runs here: fixes to its internals, its launcher, tracker and lock stores."""
