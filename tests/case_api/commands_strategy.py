"""Random case commands for property tests: any order, plausible values."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

DAY = st.integers(min_value=0, max_value=400).map(lambda n: date(2025, 1, 2) + timedelta(days=n))

COMMANDS = {
    "serve_document": st.fixed_dictionaries(
        {
            "kind": st.sampled_from(
                [
                    "complaint_copy",
                    "notice_to_respond",
                    "summons",
                    "appeal_petition",
                    "judicial_suggestion",
                ]
            ),
            "served_date": DAY,
            "hearing_date": st.one_of(st.none(), DAY),
            "document_number": st.just(""),
        }
    ),
    "report_to_bureau": st.fixed_dictionaries(
        {
            "subject": st.sampled_from(
                ["complaint_copy", "summons", "judgment", "effective_judgment"]
            ),
            "reported_date": DAY,
        }
    ),
    "submit_answer": st.fixed_dictionaries(
        {"submitted_date": DAY, "evidence_submitted": st.booleans()}
    ),
    "schedule_hearing": st.fixed_dictionaries({"hearing_date": DAY, "location": st.just("")}),
    "record_appearance": st.fixed_dictionaries(
        {
            "hearing_date": DAY,
            "appearances": st.just(
                [{"name": "张三", "role": "deputy_head", "title": "", "spoke_in_court": True}]
            ),
        }
    ),
    "submit_feedback": st.fixed_dictionaries(
        {
            "subject": st.sampled_from(["answer", "hearing", "performance"]),
            "feedback_date": DAY,
            "note": st.just(""),
        }
    ),
    "conclude_without_judgment": st.fixed_dictionaries(
        {"conclusion": st.sampled_from(["withdrawn", "mediated"]), "concluded_date": DAY}
    ),
    "serve_judgment": st.fixed_dictionaries(
        {
            "judgment": st.fixed_dictionaries(
                {
                    "instance": st.sampled_from(["first", "second"]),
                    "kind": st.just("judgment"),
                    "outcome": st.sampled_from(["won", "lost"]),
                    "loss_type": st.sampled_from([None, "revoked"]),
                    "performance_duty": st.booleans(),
                    "performance_due_date": st.one_of(st.none(), DAY),
                    "document_number": st.just(""),
                }
            ),
            "served_date": DAY,
        }
    ),
    "file_appeal": st.fixed_dictionaries({"appellant": st.just("agency"), "filed_date": DAY}),
    "make_effective": st.fixed_dictionaries({"effective_date": DAY}),
    "complete_performance": st.fixed_dictionaries({"completed_date": DAY, "note": st.just("")}),
    "require_remediation": st.fixed_dictionaries(
        {"deadline": st.sampled_from(["answer", "hearing"]), "reason": st.just("")}
    ),
    "record_remediation": st.fixed_dictionaries(
        {"deadline": st.sampled_from(["answer", "hearing"]), "measures": st.just("补正")}
    ),
    "draft_loss_report": st.fixed_dictionaries(
        {
            "drafted_date": DAY,
            "sections": st.just({"loss_analysis": "分析"}),
            "major_case": st.booleans(),
        }
    ),
    "record_loss_report_step": st.fixed_dictionaries(
        {
            "step": st.sampled_from(
                ["legal_office_review", "collective_discussion", "principal_approval"]
            ),
            "result": st.sampled_from(["approved", "returned"]),
            "step_date": DAY,
            "opinion": st.sampled_from(["", "补充"]),
        }
    ),
    "submit_loss_report": st.fixed_dictionaries(
        {"submitted_date": DAY, "summary": st.just("分析")}
    ),
    "review_report": st.fixed_dictionaries(
        {
            "result": st.sampled_from(["approved", "returned"]),
            "opinion": st.just(""),
            "reviewed_date": DAY,
        }
    ),
    "close": st.fixed_dictionaries({"closed_date": DAY}),
    # Few numbers, so that replies often name a recorded suggestion and some repeat one.
    "record_suggestion": st.fixed_dictionaries(
        {
            "issuer": st.sampled_from(["court", "procuratorate"]),
            "issuer_name": st.just("人民法院"),
            "number": st.sampled_from(["建1号", "建2号"]),
            "content": st.just("建议"),
            "served_date": DAY,
            "reply_due_date": st.one_of(st.none(), DAY),
        }
    ),
    "answer_suggestion": st.fixed_dictionaries(
        {
            "number": st.sampled_from(["建1号", "建2号"]),
            "answered_date": DAY,
            "reply": st.just("已整改"),
        }
    ),
    # Corrections name an earlier event; most draws are refused (another type, a field it
    # lacks, a history the new date would break), some change the facts the state is built of.
    "correct_fact": st.fixed_dictionaries(
        {
            "event_version": st.integers(min_value=1, max_value=12),
            "corrections": st.sampled_from(
                ["served_date", "hearing_date", "submitted_date", "reported_date", "answered_date"]
            ).flatmap(lambda field: DAY.map(lambda day: {field: day.isoformat()})),
            "reason": st.just("更正"),
        }
    ),
    "retract_fact": st.fixed_dictionaries(
        {"event_version": st.integers(min_value=1, max_value=12), "reason": st.just("误录")}
    ),
}

command = st.sampled_from(sorted(COMMANDS)).flatmap(
    lambda name: COMMANDS[name].map(lambda args: (name, args))
)
