"""Escalation records, their clinic webhook and its delivery loop, and the staff command line."""
