"""FastAPI glue every capability's routes use: problem+json, tokens, limits, dependencies."""
