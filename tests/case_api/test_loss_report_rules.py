"""The loss analysis report's rules on the aggregate, without HTTP: sections and steps from the
pack, and reports stored before they had sections (summary only) still loading and counting."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from uuid import uuid4

import pytest

from case_api.cases.aggregate import Case
from case_api.cases.loss_report_view import report_of
from case_api.cases.pack_loss_report import LossReportRequirementsOf
from case_api.platform.domain_errors import InvalidValue, RuleViolation
from case_api.platform.eventstore import CaseStore, store_env
from case_api.platform.settings import Settings
from tests.backends import BACKENDS, storage
from tests.case_api.test_case_properties import META

GZ = LossReportRequirementsOf()("guangzhou")
DAY = date(2026, 3, 10)


def lost_case(pack: str = "guangzhou", duty: bool = False, flags: tuple[str, ...] = ()) -> Case:
    case = Case(
        id=uuid4(),
        court="c",
        case_number="（2026）行初1号",
        agencies=[{"agency_id": "a", "role": "implementing"}],
        jurisdiction="j",
        pack=pack,
        subject_matter="s",
        plaintiff_count=1,
        filed_date=date(2026, 1, 5),
        flags=list(flags),
        meta=META,
    )
    judgment = {"instance": "first", "outcome": "lost", "loss_type": "revoked"}
    if duty:
        judgment |= {"performance_duty": True, "performance_due_date": date(2026, 6, 1)}
    case.serve_judgment(judgment=judgment, served_date=date(2026, 3, 2), meta=META)
    case.make_effective(effective_date=date(2026, 3, 3), meta=META)
    return case


def draft(case: Case, sections: dict[str, str], major: bool = False) -> None:
    case.draft_loss_report(
        drafted_date=DAY, sections=sections, major_case=major, meta=META, requirements=GZ
    )


def step(case: Case, name: str, result: str = "approved", opinion: str = "") -> None:
    case.record_loss_report_step(
        step=name, result=result, step_date=DAY, opinion=opinion, meta=META, requirements=GZ
    )


def test_the_performance_plan_is_required_only_where_the_judgment_is_to_be_performed():
    draft(lost_case(), {"loss_analysis": "分析"})
    with pytest.raises(InvalidValue) as refused:
        draft(lost_case(duty=True), {"loss_analysis": "分析", "performance_plan": " "})
    assert refused.value.params["missing"] == ["performance_plan"]


def test_a_filing_flag_the_pack_names_makes_the_case_major():
    case = lost_case(flags=("mass_incident_risk",))
    draft(case, {"loss_analysis": "分析"})
    step(case, "legal_office_review")
    with pytest.raises(RuleViolation) as refused:
        step(case, "principal_approval")
    assert refused.value.params["pending"] == ["collective_discussion"]


def test_a_step_the_pack_does_not_require_is_recorded_and_gates_nothing():
    case = lost_case()
    draft(case, {"loss_analysis": "分析"})
    step(case, "legal_office_review")
    step(case, "collective_discussion")  # not a major case: voluntary
    step(case, "principal_approval")
    case.submit_loss_report(submitted_date=DAY, summary="报送", meta=META, requirements=GZ)
    assert report_of(case, GZ)["versions"][0]["state"] == "submitted"


def test_a_revised_draft_starts_its_steps_again():
    case = lost_case()
    draft(case, {"loss_analysis": "分析"})
    step(case, "legal_office_review")
    draft(case, {"loss_analysis": "补充分析"})
    with pytest.raises(RuleViolation) as refused:
        case.submit_loss_report(submitted_date=DAY, summary="报送", meta=META, requirements=GZ)
    assert refused.value.params["pending"] == ["legal_office_review", "principal_approval"]
    assert [v["version"] for v in report_of(case, GZ)["versions"]] == [1, 2]


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_report_stored_with_a_summary_only_still_loads(backend, tmp_path: Path):
    """Events written before reports had sections carry no ``sections`` field at all."""
    case = lost_case("wenzhou")
    case.submit_loss_report(submitted_date=DAY, summary="分析", meta=META)
    for event in case.pending_events:
        if type(event).__name__ == "LossReportSubmitted":
            del event.__dict__["sections"]
    with storage(backend, tmp_path) as fields:
        store = CaseStore(env=store_env(Settings(**fields)))
        store.save(case)
        loaded: Case = store.repository.get(case.id)
        store.close()
    assert (loaded.report_state, loaded.loss_report["state"]) == ("submitted", "submitted")
    (only,) = report_of(loaded, None)["versions"]
    assert (only["sections"], only["summary"], only["submitted_date"]) == ({}, "分析", DAY)
