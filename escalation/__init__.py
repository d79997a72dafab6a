"""Escalation records, their clinic webhook and delivery loop, and the staff CLI."""
