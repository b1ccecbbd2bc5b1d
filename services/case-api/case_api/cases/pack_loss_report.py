"""What the case's pack requires of its loss analysis report (sections, steps), if anything."""

from __future__ import annotations

from shared.rulepacks import PackLibrary, shipped_library
from shared.rulepacks.loss_report_models import LossReportRequirements

LOSS_REPORT_COMMANDS = frozenset(
    {"draft_loss_report", "record_loss_report_step", "submit_loss_report"}
)
"""The ``Case`` commands that take the pack's ``requirements``."""


class LossReportRequirementsOf:
    """pack id → its loss report requirements for the version in effect; None: none."""

    def __init__(self, library: PackLibrary | None = None) -> None:
        self.library = library or shipped_library()

    def __call__(self, pack_id: str) -> LossReportRequirements | None:
        return self.library.pack(pack_id).loss_report
