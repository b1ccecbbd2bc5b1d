"""The mediation section of a pack: Guangzhou's centre and its Huangpu station with their
clause [004 5-③三], and the roster's clause [004 5-③五]; no person is named in a pack."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from shared.rulepacks import shipped_library
from shared.rulepacks.mediation_models import Mediation


def test_guangzhou_names_its_centre_and_station_with_the_clause() -> None:
    mediation = shipped_library().pack("guangzhou").mediation
    assert mediation is not None
    [centre] = mediation.centres
    assert (centre.id, centre.title_zh, centre.source) == (
        "gz_dispute_mediation_centre",
        "广州行政争议调解中心",
        "004 5-③三",
    )
    [station] = centre.stations
    assert (station.id, station.source) == ("huangpu_station", "004 5-③三")
    assert mediation.entry("huangpu_station") == (centre, station)
    assert mediation.entry("nowhere") is None
    assert mediation.roster is not None and mediation.roster.source == "004 5-③五"


def test_packs_without_the_section_name_no_centre() -> None:
    for pack in ("wenzhou", "jinzhai", "xiuyan", "xiangshan"):
        assert shipped_library().pack(pack).mediation is None


def test_centre_and_station_ids_are_unique() -> None:
    entry = {"id": "c", "title": "t", "title_zh": "中心", "source": "004 5-③三"}
    with pytest.raises(ValidationError):
        Mediation.model_validate({"centres": [{**entry, "stations": [entry]}]})
