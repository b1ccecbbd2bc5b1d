"""The signed court channel: deliveries (送达) run as case commands and answered with a signed receipt (送达回证); courts' signing keys."""

# The modules other capabilities may import; the rest is this capability's own.
__all__ = ["tables"]
