"""An escalation as its recipients get it, end to end: case-api and the notifier as two real
processes on a shared fake clock, a Guangzhou answer missed over National Day 2025 (due Oct 9,
escalated Oct 10), the messages read at the agency head's and the bureau's webhooks. The link
each carries opens the case in case-api's console.
"""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from tests.notifier.processes import wait_until
from tests.notifier.sink import start_sink
from tests.notifier.walk import Stack, at, open_stack

pytestmark = pytest.mark.integration

AGENCY = "广州市人力资源和社会保障局"
NUMBER = "（2025）粤0106行初1号"


def test_escalations_name_the_agency_and_the_case_and_link_to_it(tmp_path: Path) -> None:
    sink = start_sink()
    stack = open_stack(tmp_path, sink, at("09-15 08:00"))
    try:
        _walk(stack)
    finally:
        stack.close()


def _walk(stack: Stack) -> None:
    notifier = stack.start_notifier(NOTIFIER_CONSOLE_URL=stack.case_api.url)
    stack.register_guangzhou()
    case_id = stack.file_case(NUMBER, "2025-09-15")
    stack.set_clock(at("09-19 10:00"))
    stack.post(
        f"/v1/cases/{case_id}/documents",
        {"kind": "notice_to_respond", "served_date": "2025-09-19"},
    )
    stack.caught_up(notifier)
    stack.set_clock(at("10-10 09:00"))
    escalations = {}

    def arrived() -> bool:
        # The deadline's key names its trigger's feed position: match the rest.
        for item in stack.sink.received:
            case, deadline, kind, *recipient = (item.key or "").split(":")
            if (case, deadline.split("@")[0], kind) == (case_id, "answer", "escalation"):
                escalations[recipient[0]] = item.body
        return len(escalations) == 2

    wait_until(arrived, 60)
    head, bureau = escalations["head"], escalations["bureau"]
    assert head["title"] == f"【逾期督办】你单位{NUMBER}逾期未答辩举证"
    assert head["message"].startswith(
        f"{AGENCY}负责人：你单位{NUMBER}案件（案由：工伤认定）的答辩举证期限届满日为2025年10月9日，"
        "截至2025年10月10日系统中仍无答辩举证记录，自2025年10月10日起已逾期1天。"
    )
    assert bureau["title"] == f"【逾期督办】{AGENCY}逾期未答辩举证，案号{NUMBER}"
    assert bureau["message"].startswith(
        f"{AGENCY}逾期未答辩举证：{NUMBER}案件（案由：工伤认定；被诉单位：{AGENCY}），"
    )
    assert "请督促该单位研究补救措施。" in bureau["message"]
    link = f"{stack.case_api.url}/console/cases/{case_id}"
    for body in (head, bureau):
        assert body["message"].endswith(f"查看案件：{link}")
        assert "依据：《中华人民共和国行政诉讼法》第六十七条" in body["message"]
        assert not re.search(r"None|003|§|gz-hrss", body["message"])
    page = httpx.get(link)
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
