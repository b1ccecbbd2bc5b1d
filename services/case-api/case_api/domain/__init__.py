"""The case domain: aggregates, value vocabularies and domain errors.

Imports neither FastAPI nor SQLAlchemy; the application layer persists what happens here.
"""
