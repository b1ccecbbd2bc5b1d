"""Invalid packs fail at load naming the file and the rule; versions are chosen by date."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from shared.eventtypes import EVENT_TYPES, EventType
from shared.rulepacks import PackError, PackLibrary, PackNotFound, PackNotInEffect, rule_models
from shared.rulepacks.library import SHANGHAI
from shared.rulepacks.loading import shipped_directory

HEAD = """\
id: {pack_id}
version: {version}
effective_from: {effective_from}
name: Test pack
name_zh: 测试
includes: [statutory]
policy: {{makeup_day_is_working_day: true, reminder_hour: 9, reminders_on_rest_days: earlier}}
"""
TRIGGER = "    trigger: {event: DocumentServed, when: {kind: [summons]}, date_field: served_date}"
GOOD_RULE = """\
  - id: {rule_id}
    kind: report
    title: Report the summons
    title_zh: 报备传票
    source: "004 5-①"
    trigger: {{event: DocumentServed, when: {{kind: [summons]}}, date_field: served_date}}
    offset: {offset}
    unit: days
    actor: agency
    lapses_on: conclusion
    satisfied_by:
      {{event: ReportedToBureau, when: {{subject: [summons]}}, date_field: reported_date}}
"""


def _library_dir(tmp_path: Path) -> Path:
    statutory = tmp_path / "statutory"
    statutory.mkdir()
    shutil.copy(Path(str(shipped_directory())) / "statutory" / "v1.yaml", statutory / "v1.yaml")
    return tmp_path


def _write(
    root: Path, body: str, *, pack_id: str = "testpack", version: int = 1, since: str = "2020-01-01"
) -> Path:
    folder = root / pack_id
    folder.mkdir(exist_ok=True)
    head = HEAD.format(pack_id=pack_id, version=version, effective_from=since)
    (folder / f"v{version}.yaml").write_text(head + body, encoding="utf-8")
    return root


def _rules(*rules: str) -> str:
    return "rules:\n" + "".join(rules)


def _good(rule_id: str = "report", offset: int = 2) -> str:
    return GOOD_RULE.format(rule_id=rule_id, offset=offset)


def _error(root: Path) -> PackError:
    with pytest.raises(PackError) as caught:
        PackLibrary.load(root)
    return caught.value


def test_a_valid_test_pack_loads(tmp_path: Path) -> None:
    library = PackLibrary.load(_write(_library_dir(tmp_path), _rules(_good())))
    assert [r.id for r in library.rules("testpack", date(2025, 1, 1))][-1] == "report"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("event: DocumentServed", "event: DocumentServd", "unknown event type 'DocumentServd'"),
        ("when: {kind: [summons]}", "when: {kinds: [summons]}", "no filterable field 'kinds'"),
        ("when: {kind: [summons]}", "when: {kind: [sumons]}", "['sumons'] not in"),
        ("date_field: served_date", "date_field: serve_date", "no date field 'serve_date'"),
        ("unit: days", "unit: weeks", "unit"),
        ('    source: "004 5-①"\n', "", "source: Field required"),
        ('source: "004 5-①"', 'source: "  "', "source"),
        ("actor: agency", "actor: nobody", "actor"),
        ("    lapses_on: conclusion\n", "", "lapses_on: Field required"),
        ("lapses_on: conclusion", "lapses_on: forever", "lapses_on"),
        # A duty nobody in the rule's role can meet: the court does not report to the bureau.
        ("actor: agency", "actor: court", "actor court: cannot record any of ReportedToBureau"),
    ],
)
def test_an_invalid_rule_is_rejected_naming_the_file_and_rule(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    broken = _good("broken").replace(old, new, 1)
    error = _error(_write(_library_dir(tmp_path), _rules(_good(), broken)))
    assert "testpack/v1.yaml" in str(error)
    assert "rule 'broken'" in str(error)
    assert expected in str(error)


def test_a_rule_met_only_by_a_planned_event_is_rejected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No shipped event type is planned any more; the catalogue gains one for this test.
    planned = EventType("JudicialSuggestionAnswered", ("answered_date",), planned=True)
    monkeypatch.setattr(rule_models, "EVENT_TYPES", {**EVENT_TYPES, planned.name: planned})
    rule = _good("reply").replace(
        "{event: ReportedToBureau, when: {subject: [summons]}, date_field: reported_date}",
        "{event: JudicialSuggestionAnswered, date_field: answered_date}",
    )
    error = _error(_write(_library_dir(tmp_path), _rules(rule)))
    assert "rule 'reply'" in str(error)
    assert "JudicialSuggestionAnswered is planned: nothing records it" in str(error)


def test_a_rule_triggered_by_the_end_it_lapses_on_is_rejected(tmp_path: Path) -> None:
    rule = _good("after_withdrawal").replace(
        TRIGGER, "    trigger: {event: CaseConcluded, date_field: concluded_date}"
    )
    error = _error(_write(_library_dir(tmp_path), _rules(rule)))
    assert "lapses_on conclusion: the trigger CaseConcluded ends it" in str(error)


def test_an_anchor_cycle_is_rejected(tmp_path: Path) -> None:
    def anchored(rule_id: str, anchor: str) -> str:
        return _good(rule_id).replace(TRIGGER, f"    anchor: {{rule: {anchor}}}")

    error = _error(_write(_library_dir(tmp_path), _rules(anchored("a", "b"), anchored("b", "a"))))
    assert "rule 'a': anchor cycle a → b → a" in str(error)


def test_an_anchor_to_an_unknown_rule_is_rejected(tmp_path: Path) -> None:
    body = _rules(_good("filing").replace(TRIGGER, "    anchor: {rule: answr}"))
    error = _error(_write(_library_dir(tmp_path), body))
    assert "rule 'filing': anchor: no rule 'answr'" in str(error)


def test_a_rule_with_both_trigger_and_anchor_is_rejected(tmp_path: Path) -> None:
    body = _rules(_good("both").replace("    offset:", "    anchor: {rule: answer}\n    offset:"))
    assert "exactly one of trigger or anchor" in str(_error(_write(_library_dir(tmp_path), body)))


def test_a_rule_id_used_twice_in_a_pack_is_rejected(tmp_path: Path) -> None:
    error = _error(_write(_library_dir(tmp_path), _rules(_good("twice"), _good("twice"))))
    assert "testpack/v1.yaml" in str(error) and "rule ids repeat: twice" in str(error)


def test_an_amendment_of_an_unknown_rule_is_rejected(tmp_path: Path) -> None:
    body = "amend:\n  - {rule: answr, reminders: [7, 1], source: '004 5-①'}\n"
    assert "amendment of 'answr'" in str(_error(_write(_library_dir(tmp_path), body)))


def test_a_rule_id_clashing_with_an_included_rule_is_rejected(tmp_path: Path) -> None:
    error = _error(_write(_library_dir(tmp_path), _rules(_good("answer"))))
    assert "rule 'answer': id already used by pack 'statutory'" in str(error)


def test_a_file_must_hold_the_pack_its_path_names(tmp_path: Path) -> None:
    root = _write(_library_dir(tmp_path), _rules(_good()))
    (root / "testpack" / "v1.yaml").rename(root / "testpack" / "v2.yaml")
    assert "file holds pack 'testpack' version 1" in str(_error(root))


def test_a_later_version_must_take_effect_later(tmp_path: Path) -> None:
    root = _write(_library_dir(tmp_path), _rules(_good()))
    _write(root, _rules(_good()), version=2, since="2019-01-01")
    assert "testpack/v2.yaml" in str(_error(root))


def _two_versions(tmp_path: Path) -> PackLibrary:
    root = _write(_library_dir(tmp_path), _rules(_good(offset=2)))
    _write(root, _rules(_good(offset=3)), version=2, since="2026-01-01")
    return PackLibrary.load(root)


def test_the_version_in_effect_is_chosen_by_the_shanghai_date(tmp_path: Path) -> None:
    library = _two_versions(tmp_path)
    assert library.pack("testpack", datetime(2025, 12, 31, 23, 59, tzinfo=SHANGHAI)).version == 1
    # 2025-12-31 16:30 UTC is already 2026-01-01 00:30 in Shanghai.
    assert library.pack("testpack", datetime(2025, 12, 31, 16, 30, tzinfo=UTC)).version == 2
    assert library.pack("testpack", datetime(2026, 1, 1, 0, 0)).version == 2  # naive: Shanghai
    assert [p.version for p in library.versions("testpack")] == [1, 2]
    assert library.rules("testpack", date(2025, 6, 1))[-1].rule.offset == 2
    assert library.rules("testpack", date(2026, 6, 1))[-1].rule.offset == 3


def test_asking_before_the_first_version_or_for_an_unknown_pack_fails(tmp_path: Path) -> None:
    library = _two_versions(tmp_path)
    with pytest.raises(PackNotInEffect):
        library.pack("testpack", date(2019, 12, 31))
    with pytest.raises(PackNotFound, match="'nowhere'"):
        library.pack("nowhere", date(2025, 1, 1))
