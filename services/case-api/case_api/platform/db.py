"""Engines for the read models: the shared engine settings (``shared.sqlstore``)."""

from __future__ import annotations

from shared.sqlstore import make_engine

__all__ = ["make_engine"]
