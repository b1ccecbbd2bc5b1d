"""What each deadline message says, read as its recipient reads it: sent in-process through the
follower and the sender, at the moment each is due, and checked on the text that went out.

Guangzhou, 2025. "plain": notice served Mon Oct 20, answer due Tue Nov 4 (reminders Oct 28
and Nov 3, both working days), escalated Nov 5; "answered late": the answer came on Nov 6
(feedback check Nov 7). "holiday": notice served Sep 19, answer due Oct 9 (National Day: both reminders
move back to Sep 30); summons served Sep 26 for a hearing on Mon Oct 13 (a week before is
Oct 6, a holiday → Sep 30; a day before is Sun Oct 12 → the make-up Saturday Oct 11).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import select

from notifier.bulletin.build import BulletinBuilder
from notifier.feed.follower import Follower
from notifier.platform.config import Settings
from notifier.platform.db import from_db, make_engine
from notifier.platform.tables import deliveries
from notifier.reminders.messages import PROVISIONAL_NOTE
from notifier.reminders.texts import Context, compose
from notifier.sending.answer import Answer
from notifier.sending.deliveries import lease_due, mark_failed
from notifier.sending.queries import list_deliveries
from notifier.sending.sender import Sender
from shared.calendar import WorkCalendar
from shared.clock import FixedClock
from shared.rulepacks import shipped_library
from tests.notifier.cases import CASE, feed_event, filed, plan, registry, served
from tests.notifier.fakes import BOOK, FakeCaseApi, FixedBook

CONSOLE = "https://yingsu.example.cn"
LINK = f"查看案件：{CONSOLE}/console/cases/{CASE}"
START = datetime.fromisoformat("2025-09-19T10:00:00+08:00")


@dataclass
class Recorder:
    """A channel that keeps what it was given."""

    texts: dict[str, tuple[str, str]] = field(default_factory=dict)
    fail: bool = False

    def send(self, urls: list[str], title: str, body: str, key: str, attachments: Any = ()):
        if self.fail:
            return Answer(False, "503 try later")
        self.texts[key] = (title, body)
        return Answer(True, "200 ok")

    def close(self) -> None:
        pass


def answered(position: int, day: str) -> dict[str, Any]:
    return feed_event(
        position, "AnswerSubmitted", {"submitted_date": day, "evidence_submitted": True}
    )


PLAIN = [*registry(), filed(3), served(4, "notice_to_respond", "2025-10-20")]
SCENARIOS = {
    "plain": PLAIN,
    "answered late": [*PLAIN, answered(5, "2025-11-06")],
    "holiday": [
        *registry(),
        filed(3),
        served(4, "notice_to_respond", "2025-09-19"),
        served(5, "summons", "2025-09-26", "2025-10-13"),
    ],
}


class Stack:
    def __init__(self, url: str, events: list[dict[str, Any]], **settings: Any) -> None:
        self.api = FakeCaseApi(list(events))
        self.clock = FixedClock(START)
        engine = make_engine(url)
        self.follower = Follower(engine, self.api, shipped_library(), self.clock, wait_seconds=0)  # type: ignore[arg-type]
        self.channel = Recorder()
        config = Settings(database_url=url, send_workers=1, **settings)
        self.sender = Sender(
            engine,
            config,
            self.clock,
            self.channel,  # type: ignore[arg-type]
            self.api,  # type: ignore[arg-type]
            FixedBook(BOOK),  # type: ignore[arg-type]
            BulletinBuilder(engine, self.api),  # type: ignore[arg-type]
        )
        self.follower.step()

    def send_all(self) -> dict[str, tuple[str, str]]:
        """Send every delivery at the moment it is due, as the clock moves on."""
        with self.sender.engine.connect() as conn:
            moments = sorted(
                {from_db(d) for d in conn.execute(select(deliveries.c.due_at)).scalars()}
            )
        for moment in moments:
            self.clock.set(moment)  # type: ignore[arg-type]
            while self.sender.run_once():
                pass
        return self.channel.texts


def key(deadline: str, kind: str, tail: str) -> str:
    return f"{CASE}:{deadline}:{kind}:{tail}"


# (scenario, delivery, words the text must hold, words it must not)
MESSAGES = [
    (
        "plain",
        key("answer@4", "reminder", "7:contact:gz-hrss"),
        [
            "【答辩期限提醒】（2025）粤0106行初1号，距期满还有7天",
            "广州市人社局：你单位",
            "答辩举证期限届满日为2025年11月4日，距期满还有7天",
        ],
        ["提前提醒", "期限变更"],
    ),
    (
        "plain",
        key("answer@4", "reminder", "1:contact:gz-hrss"),
        ["距期满还有1天", "2025年11月4日"],
        ["提前提醒"],
    ),
    (
        "holiday",
        key("answer@4", "reminder", "7:contact:gz-hrss"),
        ["答辩举证期限届满日为2025年10月9日，距期满还有9天", "因10月2日为休息日，提前提醒。"],
        ["还有7天"],
    ),
    (
        "holiday",
        key("answer@4", "reminder", "1:contact:gz-hrss"),
        ["距期满还有9天", "因10月8日为休息日，提前提醒。"],
        ["还有1天"],
    ),
    (
        "holiday",
        key("hearing@5", "reminder", "7:contact:gz-hrss"),
        [
            "【开庭提醒】",
            "定于2025年10月13日开庭，距开庭还有13天，请按时出庭应诉",
            "因10月6日为休息日，提前提醒。",
            "《中华人民共和国行政诉讼法》第三条、第六十六条",
        ],
        ["期满"],
    ),
    (
        "holiday",
        key("hearing@5", "reminder", "1:contact:gz-hrss"),
        ["定于2025年10月13日开庭，距开庭还有2天", "因10月12日为休息日，提前提醒。"],
        ["期满"],
    ),
    (
        "answered late",
        key("answer_feedback@5", "feedback", "0:contact:gz-hrss"),
        [
            "【反馈提醒】",
            "尚未反馈（答辩的次日向同级司法局反馈），反馈期限为2025年11月7日（今日期满），"
            "请及时向同级司法局反馈。",
        ],
        [],
    ),
    (
        "plain",
        key("answer@4", "escalation", "head:gz-hrss"),
        [
            "【逾期督办】你单位（2025）粤0106行初1号逾期未答辩举证",
            "广州市人社局负责人：你单位（2025）粤0106行初1号案件（案由：工伤认定）",
            "答辩举证期限届满日为2025年11月4日，截至2025年11月5日系统中仍无答辩举证记录，"
            "自2025年11月5日起已逾期1天。请督促研究补救措施，并报同级司法局。",
        ],
        ["请督促该单位"],
    ),
    (
        "plain",
        key("answer@4", "escalation", "bureau:gz"),
        [
            "【逾期督办】广州市人社局逾期未答辩举证，案号（2025）粤0106行初1号",
            "广州市人社局逾期未答辩举证：（2025）粤0106行初1号案件（案由：工伤认定；被诉单位：广州市人社局）",
            "自2025年11月5日起已逾期1天。请督促该单位研究补救措施。",
        ],
        ["你单位"],
    ),
]


MESSAGES += [
    (
        "plain",
        key("report_notice@4", "report", "0:contact:gz-hrss"),
        [
            "【报备提醒】（2025）粤0106行初1号，尚未报备",
            "尚未报备（收到应诉通知书后两日内向同级司法局报备），报备期限为2025年10月22日"
            "（今日期满），请于期限内向同级司法局报备。",
        ],
        ["距期满"],
    ),
    (
        "holiday",
        key("hearing@5", "escalation", "head:gz-hrss"),
        [
            "【逾期督办】你单位（2025）粤0106行初1号逾期未出庭应诉",
            "的开庭日为2025年10月13日，截至2025年10月14日系统中仍无出庭应诉记录。请督促研究",
        ],
        ["期满", "已逾期"],
    ),
    (
        "holiday",
        key("hearing@5", "escalation", "bureau:gz"),
        ["广州市人社局逾期未出庭应诉：", "开庭日为2025年10月13日"],
        ["期满", "已逾期", "你单位"],
    ),
]


@pytest.fixture(scope="module")
def sent(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, tuple[str, str]]]:
    """Each scenario sent once (SQLite; storage is covered by the tests below)."""
    out = {}
    for name, events in SCENARIOS.items():
        path = tmp_path_factory.mktemp(name.replace(" ", "-")) / "notifier.db"
        from notifier.platform.migrate import upgrade

        upgrade(f"sqlite:///{path}")
        out[name] = Stack(f"sqlite:///{path}", events, console_url=CONSOLE).send_all()
    return out


@pytest.mark.parametrize(("scenario", "delivery", "present", "absent"), MESSAGES)
def test_message_text(
    sent: dict, scenario: str, delivery: str, present: list[str], absent: list[str]
) -> None:
    title, body = sent[scenario][delivery]
    text = f"{title}\n{body}"
    for words in present:
        assert words in text, f"{words!r} not in {text!r}"
    for words in absent:
        assert words not in text, f"{words!r} in {text!r}"
    assert_readable(text)
    assert body.endswith(LINK)
    assert "依据：《中华人民共和国行政诉讼法》" in body or "依据：《广州市" in body


def assert_readable(text: str) -> None:
    """What a clerk reads: no code, key, seed number, placeholder or None."""
    words = text.replace(f"{CONSOLE}/console/cases/{CASE}", "")
    assert not re.search(r"[A-Za-z_]{2,}|\$|\{|\}|§|\b00\d\b|\(|\)", words), words
    assert "None" not in text and "003" not in text


def test_head_and_bureau_are_told_differently(sent: dict) -> None:
    head = sent["plain"][key("answer@4", "escalation", "head:gz-hrss")]
    bureau = sent["plain"][key("answer@4", "escalation", "bureau:gz")]
    assert head[0] != bureau[0] and head[1] != bureau[1]


def test_every_sent_message_is_readable(sent: dict) -> None:
    for texts in sent.values():
        for title, body in texts.values():
            assert_readable(f"{title}\n{body}")


def test_a_calendar_load_that_moves_the_due_date_is_what_the_reminder_names(
    notifier_url: str,
) -> None:
    stack = Stack(notifier_url, SCENARIOS["holiday"], console_url=CONSOLE)
    official = WorkCalendar.official().schedule(2025)
    correction = {
        "year": 2025,
        "source": "test notice",
        "reason": "Oct 9 declared a holiday",
        "holidays": sorted(d.isoformat() for d in official.holidays) + ["2025-10-09"],
        "makeup_workdays": sorted(d.isoformat() for d in official.makeup_workdays),
    }
    stack.api.events.append(feed_event(6, "HolidayScheduleLoaded", correction, "cal", "calendar"))
    stack.follower.step()
    _, body = stack.send_all()[key("answer@4", "reminder", "7:contact:gz-hrss")]
    assert body.startswith("【期限变更】原答辩举证期限届满日2025年10月9日已变更为2025年10月10日。")
    assert "答辩举证期限届满日为2025年10月10日，距期满还有10天" in body


def test_a_date_moved_while_the_reminder_was_being_sent_is_in_its_retry(
    notifier_url: str,
) -> None:
    """The attempt in flight fails; the retry names the date as it is now."""
    stack = Stack(notifier_url, SCENARIOS["holiday"], console_url=CONSOLE)
    stack.clock.set(datetime.fromisoformat("2025-09-30T09:00:00+08:00"))
    leases = lease_due(stack.sender.engine, stack.clock.now(), 100, 60)
    reminder = next(x for x in leases if x.key == key("answer@4", "reminder", "7:contact:gz-hrss"))
    official = WorkCalendar.official().schedule(2025)
    correction = {
        "year": 2025,
        "source": "test notice",
        "reason": "Oct 9 declared a holiday",
        "holidays": sorted(d.isoformat() for d in official.holidays) + ["2025-10-09"],
        "makeup_workdays": sorted(d.isoformat() for d in official.makeup_workdays),
    }
    stack.api.events.append(feed_event(6, "HolidayScheduleLoaded", correction, "cal", "calendar"))
    stack.follower.step()
    for lease in leases:
        mark_failed(
            stack.sender.engine,
            lease,
            stack.clock.now(),
            "503",
            max_attempts=5,
            base_seconds=60,
            max_seconds=60,
        )
    stack.clock.set(datetime.fromisoformat("2025-09-30T09:05:00+08:00"))
    while stack.sender.run_once():
        pass
    _, body = stack.channel.texts[reminder.key]
    assert "答辩举证期限届满日为2025年10月10日，距期满还有10天" in body


def test_without_a_console_address_the_link_is_left_out(notifier_url: str) -> None:
    texts = Stack(notifier_url, SCENARIOS["plain"]).send_all()
    for title, body in texts.values():
        assert "查看案件" not in body and "http" not in body and not body.endswith("\n")
        assert_readable(f"{title}\n{body}")


def test_an_agency_the_registry_has_not_named_is_not_called_by_its_code(
    notifier_url: str,
) -> None:
    events = [e for e in SCENARIOS["plain"] if e["type"] != "AgencyRegistered"]
    texts = Stack(notifier_url, events).send_all()
    head = texts[key("answer@4", "escalation", "head:gz-hrss")]
    assert head[1].startswith("被诉单位负责人：你单位（2025）粤0106行初1号案件")
    for title, body in texts.values():
        assert "gz-hrss" not in f"{title}{body}"
        assert_readable(f"{title}\n{body}")


def test_a_retry_on_a_later_day_counts_from_that_day(notifier_url: str) -> None:
    stack = Stack(notifier_url, SCENARIOS["plain"], console_url=CONSOLE)
    stack.channel.fail = True
    stack.clock.set(datetime.fromisoformat("2025-10-28T09:00:00+08:00"))
    stack.sender.run_once()
    stack.channel.fail = False
    stack.clock.set(datetime.fromisoformat("2025-10-29T09:00:00+08:00"))
    while stack.sender.run_once():
        pass
    _, body = stack.channel.texts[key("answer@4", "reminder", "7:contact:gz-hrss")]
    assert "距期满还有6天" in body


def test_the_operator_sees_the_text_as_it_will_read_on_the_planned_day(notifier_url: str) -> None:
    stack = Stack(notifier_url, SCENARIOS["holiday"])
    rows = list_deliveries(stack.sender.engine, kind="reminder", limit=500)
    shown = {r["key"]: r["payload"] for r in rows}
    payload = shown[key("answer@4", "reminder", "7:contact:gz-hrss")]
    assert payload["title"] == "【答辩期限提醒】（2025）粤0106行初1号，距期满还有9天"
    assert payload["body"].startswith("广州市人社局：你单位（2025）粤0106行初1号案件")


@pytest.mark.parametrize(
    "delivery",
    [
        key("answer@4", "reminder", "7:contact:gz-hrss"),
        key("hearing@5", "reminder", "1:contact:gz-hrss"),
        key("report_notice@4", "report", "0:contact:gz-hrss"),
        key("answer@4", "escalation", "head:gz-hrss"),
        key("answer@4", "escalation", "bureau:gz"),
    ],
)
def test_a_provisional_date_is_marked_after_the_dates(delivery: str) -> None:
    planned = plan(SCENARIOS["holiday"][2:])[delivery]
    facts = {**planned.payload["facts"], "provisional": True}
    day = date.fromisoformat(planned.payload["planned_day"])
    _, body = compose(
        {**planned.payload, "facts": facts}, Context(day, {"gz-hrss": "广州市人社局"})
    )
    first, *rest = body.split("\n")
    assert first.endswith(PROVISIONAL_NOTE) and rest[0].startswith("依据：")
    _, plain = compose(planned.payload, Context(day, {}))
    assert PROVISIONAL_NOTE not in plain
