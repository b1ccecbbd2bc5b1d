"""Which reconsideration outcomes a case's pack counts as losses, with the clause saying so."""

from __future__ import annotations

from typing import Any

from shared.rulepacks import PackLibrary, shipped_library


class ReconsiderationLosses:
    """outcome → source clause, for the pack version in effect; empty: the pack counts none."""

    def __init__(self, library: PackLibrary | None = None) -> None:
        self.library = library or shipped_library()

    def __call__(self, pack_id: str) -> dict[str, str]:
        section = self.library.pack(pack_id).proceedings
        if section is None:
            return {}
        return {loss.outcome: loss.source for loss in section.reconsideration_losses}


def as_decided(losses: dict[str, str], args: dict[str, Any]) -> dict[str, Any]:
    """A reconsideration decision's arguments with the pack's reading of its outcome."""
    source = losses.get(args["outcome"])
    return {**args, "counts_as_loss": source is not None, "loss_source": source or ""}
