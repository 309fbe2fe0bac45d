"""Immutable snapshots of validated tables, and the tables derived from each at import."""
