"""Conversation records in the tracker store: retention and transcripts for staff."""
