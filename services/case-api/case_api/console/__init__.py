"""The console: the pages people use in a browser or on a phone (sign-in, to-do lists, case pages, the bureau's dashboard), served as static files that call the public REST API."""

# The modules other capabilities may import; the rest is this capability's own.
__all__: list[str] = []
