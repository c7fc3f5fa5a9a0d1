"""Durations, caps, clock times and windows as journey files write them."""

from __future__ import annotations

import pytest

from creeplint.journeys import durations


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("10m", 600),
        ("90s", 90),
        ("2h", 7200),
        ("3d", 259200),
        ("1w", 604800),
        ("1h30m", 5400),
        ("4 min", 240),
        ("2 hours", 7200),
        ("PT10M", 600),
        ("P1D", 86400),
        ("P1DT2H", 93600),
        ("pt1h30m", 5400),
        ("0m", 0),
    ],
)
def test_durations(text, seconds):
    assert durations.duration(text) == seconds


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("10", "malformed duration '10'"),
        ("10mnts", "did you mean 10mins?"),
        ("1m2h", "units go largest first"),
        ("PT", "malformed ISO 8601 duration"),
        ("P1M", "malformed ISO 8601 duration"),  # months have no fixed length
        ("soon", "malformed duration"),
    ],
)
def test_malformed_durations_say_how_to_write_them(text, says):
    with pytest.raises(ValueError) as exc:
        durations.duration(text)
    assert says in str(exc.value)


def test_a_number_without_unit_is_an_error():
    with pytest.raises(ValueError, match="needs a unit"):
        durations.duration(10)


def test_caps_clocks_and_windows():
    assert durations.cap("5 per 3d") == (5, 259200)
    assert durations.cap("2/week") == (2, 604800)
    assert durations.cap("3 per day") == (3, 86400)
    assert durations.clock("02:00") == 120 and durations.clock("2am") == 120 and durations.clock("2:30 pm") == 870
    assert durations.clock(120) == 120  # YAML 1.1 reads an unquoted 2:00 as 120
    assert durations.window("22:00-06:00") == (1320, 360)
    assert durations.covers((1320, 360), 120) and not durations.covers((1320, 360), 720)
    for bad in ("25:00", "13pm", "noon"):
        with pytest.raises(ValueError, match="clock time"):
            durations.clock(bad)
    with pytest.raises(ValueError, match="malformed cap"):
        durations.cap("lots")
