"""Errors raised by the working-day calendar."""


class ScheduleInvalid(ValueError):
    """A year's holiday schedule (节假日安排) contradicts itself or the calendar."""


class CalendarYearNotLoaded(LookupError):
    """No official holiday schedule is loaded for ``year``.

    The State Council publishes a year's schedule around November of the year before;
    until an administrator loads it, dates in that year are either an error or
    explicitly provisional (statutory holidays and weekends), never a silent guess.
    """

    def __init__(self, year: int) -> None:
        super().__init__(f"holiday schedule for {year} is not loaded")
        self.year = year
