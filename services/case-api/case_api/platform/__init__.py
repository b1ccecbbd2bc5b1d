"""What every capability uses: the event store, group commit, read-model engines and
settings, access rules, idempotency, errors, metrics, and (``http``) the FastAPI glue:
problem+json, tokens, limits, dependencies. It imports no capability.
"""
