"""Tools that run the real servers, for the tests and the scripts (not tests)."""
