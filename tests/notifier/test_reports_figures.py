"""Each kind of report carries the figures of the facts behind it: facts posted to case-api
through HTTP (SQLite and PostgreSQL), its statistics for the report's period handed to the
notifier, the report planned, built and rendered (HTML, and the PDF's first page drawn).
Expected figures are counted from the facts posted here."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from notifier.platform.migrate import upgrade
from tests.api_client import Api
from tests.case_api.accountability_steps import Place, jinzhai_report, person, unit
from tests.notifier.report_steps import (
    PeriodCaseApi,
    first_page,
    jurisdiction,
    notifier_at,
    percent,
    plan,
    section,
    seen,
    sends,
    stored,
)

ISSUED = "2026-01-04T09:00:00+08:00"  # first working day after 2025: the make-up Sunday
Q4, H2, YEAR, DEC = (
    ("2025-10-01", "2025-12-31"),
    ("2025-07-01", "2025-12-31"),
    ("2025-01-01", "2025-12-31"),
    ("2025-12-01", "2025-12-31"),
)


async def answers(place: Place, *periods: tuple[str, str]) -> dict[tuple[str, str, str], Any]:
    found = {}
    for start, end in periods:
        params = {"from": start, "to": end, "jurisdiction": place.code}
        r = await place.api.client.get(
            "/v1/statistics",
            params={**params, "min_position": place.position},
            headers=place.bureau,
        )
        assert r.status_code == 200, r.text
        found[(place.code, start, end)] = r.json()
    return found


async def filed(place: Place, number: str) -> str:
    body = {
        "court": place.court_code,
        "case_number": f"（2025）行初{place.code}{number}号",
        "agencies": [{"agency_id": place.agency_code, "role": "implementing"}],
        "subject_matter": "行政许可",
        "filed_date": "2025-09-01",
    }
    r = await place.api.client.post("/v1/cases", json=body, headers=place.court)
    assert r.status_code == 201, r.text
    return str(r.json()["case_id"])


def notifier(tmp_path: Path, place: Place, kind: str, first_seen: str, got: dict) -> Any:
    url = f"sqlite:///{tmp_path}/notifier.db"
    upgrade(url)
    seen(url, [jurisdiction(1, place.code, place.name, kind, place.pack)], first_seen)
    sender, clock = notifier_at(url, ISSUED, PeriodCaseApi(answers=got))
    plan(sender, clock)
    sender.run_once()  # every build due that day
    return sender


# (number, risk found, analysis report filed, how the case ended, on which day)
RISKS = [
    ("r1", "2025-10-10", "2025-10-15", "withdrawn", "2025-11-20"),
    ("r2", "2025-10-20", "2025-11-10", "lost", "2025-12-10"),
    ("r3", "2025-12-01", None, None, None),
]


async def test_xiangshan_reports_carry_risks_suggestions_and_losses(api: Api, tmp_path: Path):
    api.set_today("2026-01-04")
    xs = Place(api, "xiangshan")
    await xs.register()
    for number, found, reported, end, day in RISKS:
        case = await filed(xs, number)
        risk = {"level": "high", "description": "败诉风险较高", "found_date": found}
        await xs.do(case, "risks", risk, "agency")
        if reported:
            await xs.do(
                case, "reports", {"subject": "risk_report", "reported_date": reported}, "agency"
            )
        if end == "withdrawn":
            await xs.do(case, "conclusion", {"conclusion": end, "concluded_date": day}, "court")
        if end == "lost":
            judgment = {"instance": "first", "outcome": "lost", "loss_type": "revoked"}
            await xs.do(case, "judgments", {"judgment": judgment, "served_date": day}, "court")
            effective = (date.fromisoformat(day) + timedelta(days=16)).isoformat()
            await xs.do(case, "effective", {"effective_date": effective}, "court")
    suggestion = {
        "issuer": "court",
        "issuer_name": "宁波海事法院",
        "number": "（2025）司建7号",
        "content": "建议规范行政许可审查",
        "served_date": "2025-11-05",
    }
    await xs.do(case, "suggestions", suggestion, "court")
    got = await answers(xs, Q4, H2)
    before = await answers(xs, ("2025-07-01", "2025-09-30"))  # risks count when found
    assert set(before[("xs", "2025-07-01", "2025-09-30")]["risks"].values()) == {0}
    sender = notifier(tmp_path, xs, "county", "2025-10-01T10:00:00+08:00", got)

    half = stored(sender, "xs:2025-H2")["html"]
    on_time = [r for r in RISKS if r[2] and date.fromisoformat(r[2]) <= _plus(r[1], 10)]
    late = [r for r in RISKS if r[2] and r not in on_time]
    assert section(half, "存在败诉风险案件的争议化解情况") == {
        "发现败诉风险": str(len(RISKS)),
        "按期报送风险分析报告": str(len(on_time)),
        "逾期报送风险分析报告": str(len(late)),
        "已化解（调解、撤诉结案）": str(sum(r[3] in ("withdrawn", "mediated") for r in RISKS)),
        "仍败诉": str(sum(r[3] == "lost" for r in RISKS)),
        "尚未审结": str(sum(r[3] is None for r in RISKS)),
    }
    assert section(half, "司法建议、检察建议办理情况")["收到建议书"] == "1"
    assert section(half, "司法建议、检察建议办理情况")["尚未回复"] == "1"
    assert "象山县行政应诉工作半年度统计分析报告（2025年下半年）" in half
    text = first_page(stored(sender, "xs:2025-H2")["pdf"], tmp_path / "xs-half-page1.png")
    assert "行政机关负责人出庭应诉情况" in text

    quarter = stored(sender, "xs:2025-Q4")["html"]
    concluded = sum(r[3] is not None for r in RISKS)
    lost = sum(r[3] == "lost" for r in RISKS)
    losses = section(quarter, "败诉案件情况")
    assert (losses["审结数"], losses["败诉数"]) == (str(concluded), str(lost))
    assert losses["败诉率"] == percent(lost, concluded)
    assert "象山县败诉案件季度汇报（2025年第4季度）" in quarter and "〔2025〕第4期" in quarter
    text = first_page(stored(sender, "xs:2025-Q4")["pdf"], tmp_path / "xs-quarter-page1.png")
    assert text.index("象山县司法局") < text.index("〔2025〕第4期") < text.index("败诉案件情况")
    assert "现将2025年第4季度象山县行政应诉工作情况汇报如下" in quarter
    assert sends(sender, "bulletin:xs:2025-Q4:build") == [
        "bulletin:xs",
        "report:xs:discipline",
        "report:xs:government",
    ]


# (party, decision, who decides)
DECISIONS = [
    (
        person("p1", "jz-101", "jz-hrss", "unclear_facts", "2025-05-10"),
        {"decision": "sanction", "ground": "unclear_facts", "sanctions": ["admonishment"]},
        "discipline",
    ),
    (
        unit("u1", "jz-hrss", "unclear_facts", "2025-05-10"),
        {
            "decision": "sanction",
            "ground": "unclear_facts",
            "sanctions": ["written_self_criticism"],
        },
        "discipline",
    ),
    (
        person(
            "p2", "jz-102", "jz-hrss", "procedure_violated", "2025-05-10", role="principal_head"
        ),
        {"decision": "exemption", "ground": "counterparty_fraud"},
        "bureau",
    ),
]


async def test_jinzhai_bulletin_counts_losses_and_accountability(api: Api, tmp_path: Path):
    api.set_today("2026-01-04")
    jz = Place(api, "jinzhai")
    await jz.register()
    case = await jz.lost_case("2025-10-09", "2025-10-27")
    await jz.do(case, "loss-reports", jinzhai_report("2025-10-29"), "agency")
    await jz.do(case, "reviews", {"result": "approved", "reviewed_date": "2025-11-03"}, "bureau")
    for party, _, _ in DECISIONS:
        await jz.do(
            case, "accountability/parties", {"party": party, "named_date": "2025-11-05"}, "agency"
        )
    # In Jinzhai the joint meeting's archived opinion precedes every decision [001 八、十].
    responsible = [p["party_id"] for p, d, _ in DECISIONS if d["decision"] == "sanction"]
    await jz.meeting_opinion(case, "2025-11-14", responsible)
    for party, decision, who in DECISIONS:
        body = {
            "party_id": party["party_id"],
            "deciding_organ": "县监察局",
            "decided_date": "2025-11-20",
        }
        await jz.do(case, "accountability/decisions", {**body, **decision}, who)
    got = await answers(jz, YEAR)
    sender = notifier(tmp_path, jz, "county", "2025-10-01T10:00:00+08:00", got)

    html = stored(sender, "jz:2025")["html"]
    sanctioned = [p for p, d, _ in DECISIONS if d["decision"] == "sanction"]
    assert section(html, "责任追究情况") == {
        "作出处理决定（人次、单位次）": str(len(DECISIONS)),
        "追究责任": str(len(sanctioned)),
        "其中：追究单位责任": str(sum(p["kind"] == "unit" for p in sanctioned)),
        "不予追究": "0",
        "免予问责": str(sum(d["decision"] == "exemption" for _, d, _ in DECISIONS)),
        "容错免责": "0",
    }
    assert section(html, "败诉案件情况")["败诉数"] == "1"
    assert "金寨县行政案件败诉情况和责任追究情况通报（2025年度）" in html
    text = first_page(stored(sender, "jz:2025")["pdf"], tmp_path / "jz-year-page1.png")
    assert text.index("金寨县司法局") < text.index("〔2025〕第1期") < text.index("败诉案件情况")
    assert sends(sender, "bulletin:jz:2025:build") == [
        "bulletin:jz",
        "report:jz:joint_meeting",
        "report:jz:supervision",
    ]


# (number, hearing day, who appeared)
HEARINGS = [
    ("h1", "2025-10-15", ["principal_head", "lawyer"]),
    ("h2", "2025-11-12", ["staff", "lawyer"]),
    ("h3", "2025-12-03", ["deputy_head"]),
]
HEADS = {"principal_head", "deputy_head"}


async def test_guangzhou_head_appearance_and_annual_reports(api: Api, tmp_path: Path):
    api.set_today("2026-01-04")
    gz = Place(api, "guangzhou")
    await gz.register()
    for number, day, roles in HEARINGS:
        case = await filed(gz, number)
        await gz.do(case, "hearings", {"hearing_date": day, "location": "第一法庭"}, "court")
        people = [{"name": f"出庭人{i}", "role": r} for i, r in enumerate(roles)]
        await gz.do(case, "appearances", {"hearing_date": day, "appearances": people}, "agency")
    got = await answers(gz, DEC, H2, YEAR)
    sender = notifier(tmp_path, gz, "city", "2025-12-01T10:00:00+08:00", got)

    report = stored(sender, "gzc:2025-H2:head_appearance_half_year_report")
    with_head = sum(bool(HEADS & set(r)) for _, _, r in HEARINGS)
    principal = sum("principal_head" in r for _, _, r in HEARINGS)
    rows = section(report["html"], "行政机关负责人出庭应诉情况")
    assert (rows["开庭数"], rows["负责人出庭数"]) == (str(len(HEARINGS)), str(with_head))
    assert rows["正职负责人出庭数"] == str(principal)
    assert rows["负责人出庭率"] == percent(with_head, len(HEARINGS))
    text = first_page(report["pdf"], tmp_path / "gz-head-appearance-page1.png")
    assert text.index("广州市司法局") < text.index("〔2025〕第2期") < text.index("出庭应诉半年报告")
    assert "负责人出庭率" in text and percent(with_head, len(HEARINGS)) in text
    assert sends(sender, "bulletin:gzc:2025-H2:head_appearance_half_year_report:build") == [
        "bulletin:gzc",
        "report:gzc:agencies",
        "report:gzc:government",
    ]

    annual = stored(sender, "gzc:2025")["html"]
    assert "广州市行政应诉工作年度统计分析报告（2025年度）" in annual and "〔2025〕第1期" in annual
    assert section(annual, "行政机关负责人出庭应诉情况")["开庭数"] == str(len(HEARINGS))
    assert section(annual, "收结案情况")["收案数"] == str(len(HEARINGS))


def _plus(day: str, days: int) -> date:
    return date.fromisoformat(day) + timedelta(days=days)
