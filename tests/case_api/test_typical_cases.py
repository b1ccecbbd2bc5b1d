"""Typical cases (典型案例): a bureau publishes decided cases for every agency to learn from,
and Xiangshan must publish a batch every quarter [003 二(五)1]; Wenzhou publishes in good
time without a period [000 五(一)]. Today is 2026-12-01 (tests/conftest.py)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from case_api.casebook.quota import quota, year_periods
from tests.api_client import Api
from tests.case_api.accountability_steps import Place

PATH = "typical-case"


def article(day: str, title: str = "未告知陈述申辩权利被判撤销") -> dict[str, str]:
    return {
        "title": title,
        "summary": "被告作出处罚决定前未告知当事人陈述、申辩的权利，法院判决撤销。",
        "lessons": "作出不利决定前，应当告知并听取陈述、申辩。",
        "published_date": day,
    }


async def _get(place: Place, path: str, **params: Any) -> dict[str, Any]:
    params = {"min_position": place.position, **params}
    r = await place.api.client.get(path, params=params, headers=place.agency)
    assert r.status_code == 200, r.text
    return dict(r.json())


async def _quota(place: Place, year: int) -> dict[str, Any]:
    return await _get(place, "/v1/typical-cases/quota", jurisdiction=place.code, year=year)


async def test_xiangshan_quarters_met_missed_open_and_upcoming(api: Api) -> None:
    place = Place(api, "xiangshan")
    await place.register()
    first = await place.lost_case("2026-01-09", "2026-01-26", number="1")
    second = await place.lost_case("2026-06-09", "2026-06-26", number="2")
    await place.do(first, PATH, article("2026-02-10"), "bureau")
    await place.do(second, PATH, article("2026-08-15", "超期作出处理决定"), "bureau")
    withdrawal = {"withdrawn_date": "2026-09-01", "reason": "二审改判，案例不再典型"}
    await place.do(second, f"{PATH}/withdrawal", withdrawal, "bureau")

    answer = await _quota(place, 2026)
    assert (answer["every"], answer["source"]) == ("quarter", "003 二(五)1")
    assert answer["jurisdiction_name"] == "象山县"
    periods = {p["period"]: p for p in answer["periods"]}
    assert {k: p["status"] for k, p in periods.items()} == {
        "2026-Q1": "met",
        "2026-Q2": "missed",  # ended 2026-06-30 with none published
        "2026-Q3": "met",  # a withdrawal later does not undo the publication
        "2026-Q4": "open",  # running on 2026-12-01
    }
    assert (periods["2026-Q3"]["published"], periods["2026-Q3"]["withdrawn"]) == (1, 1)
    assert periods["2026-Q2"]["label"] == "2026年第2季度"
    assert (periods["2026-Q4"]["from"], periods["2026-Q4"]["to"]) == ("2026-10-01", "2026-12-31")
    assert {p["status"] for p in (await _quota(place, 2027))["periods"]} == {"upcoming"}

    listed = await _get(place, "/v1/typical-cases", jurisdiction=place.code)
    assert [i["case_id"] for i in listed["items"]] == [first]
    item = listed["items"][0]
    assert (item["agency_name"], item["title"]) == (
        "象山县自然资源和规划局",
        "未告知陈述申辩权利被判撤销",
    )
    every = await _get(place, "/v1/typical-cases", jurisdiction=place.code, include_withdrawn=True)
    assert [i["case_id"] for i in every["items"]] == [second, first]  # newest first
    assert every["items"][0]["withdrawal_reason"] == "二审改判，案例不再典型"


async def test_only_a_concluded_case_is_published_once_by_the_bureau(api: Api) -> None:
    place = Place(api, "xiangshan")
    await place.register()
    undecided = await place.lost_case("2026-01-09", None, number="1")
    decided = await place.lost_case("2026-01-09", "2026-01-26", number="2")
    assert await place.refused(undecided, PATH, article("2026-02-10"), "bureau") == (
        "case-not-concluded"
    )
    await place.do(decided, PATH, article("2026-02-10"), "agency", status=403)
    future = await place.do(decided, PATH, article("2026-12-02"), "bureau", status=422)
    assert future["code"] == "fact-dated-in-future"
    withdrawal = {"withdrawn_date": "2026-03-01", "reason": "重新编写"}
    assert await place.refused(decided, f"{PATH}/withdrawal", withdrawal, "bureau") == (
        "typical-case-not-published"
    )
    await place.do(decided, PATH, article("2026-02-10"), "bureau")
    assert await place.refused(decided, PATH, article("2026-02-11"), "bureau") == (
        "typical-case-already-published"
    )
    await place.do(decided, f"{PATH}/withdrawal", withdrawal, "bureau")
    await place.do(decided, PATH, article("2026-03-02", "重新编写后发布"), "bureau")
    listed = await _get(place, "/v1/typical-cases", jurisdiction=place.code)
    assert [(i["title"], i["published_date"]) for i in listed["items"]] == [
        ("重新编写后发布", "2026-03-02")
    ]


async def test_wenzhou_publishes_without_a_period_and_lists_page_by_page(api: Api) -> None:
    place = Place(api, "wenzhou")
    await place.register()
    cases = [await place.lost_case("2026-01-09", "2026-01-26", number=n) for n in "123"]
    for n, case in enumerate(cases):
        await place.do(case, PATH, article(f"2026-0{n + 3}-01", f"案例{n + 1}"), "bureau")
    answer = await _quota(place, 2026)
    assert (answer["every"], answer["periods"], answer["source"]) == (None, [], "000 五(一)")

    first = await _get(place, "/v1/typical-cases", limit=2)
    assert [i["title"] for i in first["items"]] == ["案例3", "案例2"]
    rest = await _get(place, "/v1/typical-cases", limit=2, cursor=first["next_cursor"])
    assert ([i["title"] for i in rest["items"]], rest["next_cursor"]) == (["案例1"], None)
    spring = await _get(place, "/v1/typical-cases", **{"from": "2026-04-01", "to": "2026-04-30"})
    assert [i["title"] for i in spring["items"]] == ["案例2"]
    r = await api.client.get(
        "/v1/typical-cases", params={"cursor": "bm90LWEtY3Vyc29y"}, headers=place.agency
    )
    assert (r.status_code, r.json()["code"]) == (422, "invalid-cursor")
    r = await api.client.get(
        "/v1/typical-cases/quota",
        params={"jurisdiction": "nowhere", "year": 2026},
        headers=place.agency,
    )
    assert (r.status_code, r.json()["code"]) == (422, "unknown-jurisdiction")


days_of_2026 = st.dates(date(2025, 12, 1), date(2027, 1, 31))


@given(
    every=st.sampled_from(["month", "quarter", "half_year", "year"]),
    published=st.lists(st.tuples(days_of_2026, st.booleans()), max_size=30),
    today=days_of_2026,
)
def test_each_period_is_met_missed_open_or_upcoming_as_its_dates_say(
    every: str, published: list[tuple[date, bool]], today: date
) -> None:
    periods = quota(2026, every, published, today)
    assert [p.period for p in periods] == year_periods(2026, every)
    assert periods[0].start == date(2026, 1, 1) and periods[-1].end == date(2026, 12, 31)
    for before, after in zip(periods, periods[1:], strict=False):
        assert after.start == before.end + timedelta(days=1)
    in_year = [(d, w) for d, w in published if d.year == 2026]
    assert sum(p.published for p in periods) == len(in_year)
    assert sum(p.withdrawn for p in periods) == sum(w for _, w in in_year)
    for p in periods:
        count = sum(1 for d, _ in in_year if p.start <= d <= p.end)
        assert p.published == count
        expected = (
            "met"
            if count
            else "missed"
            if p.end < today
            else "upcoming"
            if p.start > today
            else "open"
        )
        assert p.status == expected
