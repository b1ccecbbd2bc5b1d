"""HTTP interface of case-api (FastAPI): thin routes over the command and query services."""
