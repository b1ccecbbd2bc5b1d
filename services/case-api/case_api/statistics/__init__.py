"""Oversight figures per agency or jurisdiction and period (DOMAIN.md §7), for bulletins and dashboards."""

# The modules other capabilities may import; the rest is this capability's own.
__all__ = ["queries"]
