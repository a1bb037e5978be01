"""Date arithmetic for the news conventions (all functions are pure)."""

from __future__ import annotations

import datetime as dt

_SATURDAY = 5
_SUNDAY = 6


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


#: An event not flagged as planned may still lie a little after publication (an announced date the
#: coder did not see as future), but not months ahead: "le 3 mars" in an October story of a past
#: event is the March before, even though next March is nearer.
PAST_EVENT_LEAD_DAYS = 60


def day_month(
    month: int, day: int, ref: dt.date, future: bool, weekday: int | None = None
) -> dt.date | None:
    """A day and month without a year: the year that puts it nearest ``ref``.

    A planned event takes the first such date on or after ``ref``; any other event a date at
    most ``PAST_EVENT_LEAD_DAYS`` after it. A weekday named with the date ("mardi 15 octobre")
    picks the year it is true in, when one is.
    """
    options = [d for y in (ref.year - 1, ref.year, ref.year + 1) if (d := _valid(y, month, day))]
    if weekday is not None and any(d.weekday() == weekday for d in options):
        options = [d for d in options if d.weekday() == weekday]
        future = future and any(d >= ref for d in options)
    if future:
        ahead = [d for d in options if d >= ref]
        return min(ahead) if ahead else None
    limit = ref + dt.timedelta(days=PAST_EVENT_LEAD_DAYS)
    options = [d for d in options if d <= limit] or options
    return min(options, key=lambda d: (abs((d - ref).days), d), default=None)


def month_of(month: int, ref: dt.date, which: str, future: bool) -> tuple[int, int]:
    """(year, month) for a month name: on or before ``ref``'s month for a past event, on or
    after it for a planned one; "last"/"next" are strictly before/after."""
    if which == "last" or (which == "plain" and not future):
        strict = which == "last"
        before = month < ref.month or (month == ref.month and not strict)
        return (ref.year if before else ref.year - 1, month)
    strict = which == "next"
    after = month > ref.month or (month == ref.month and not strict)
    return (ref.year if after else ref.year + 1, month)


def weekday(target: int, ref: dt.date, which: str, future: bool) -> dt.date:
    """A weekday name. Plain: the latest on or before ``ref``, or the first strictly after it
    for a planned event; "last": the latest strictly before; "next": the first strictly after."""
    back = (ref.weekday() - target) % 7
    ahead = (target - ref.weekday()) % 7 or 7
    if which == "last":
        return ref - dt.timedelta(days=back or 7)
    if which == "next" or future:
        return ref + dt.timedelta(days=ahead)
    return ref - dt.timedelta(days=back)


#: A weekday with its day of the month ("jeudi 12") is looked for this far around the reference:
#: a story names a date that way only within a few weeks of it.
WEEKDAY_DAY_WINDOW_DAYS = 35


def weekday_day(target: int, day: int, ref: dt.date, future: bool) -> dt.date | None:
    """The date nearest ``ref`` that falls on weekday ``target`` and day of month ``day``."""
    best: dt.date | None = None
    for delta in range(-WEEKDAY_DAY_WINDOW_DAYS, WEEKDAY_DAY_WINDOW_DAYS + 1):
        if future and delta < 0:
            continue
        d = ref + dt.timedelta(days=delta)
        if (
            d.day == day
            and d.weekday() == target
            and (best is None or abs(delta) < abs((best - ref).days))
        ):
            best = d
    return best


def monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def add_months(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def weekend(ref: dt.date, offset: int, future: bool) -> dt.date:
    """The Saturday of "this weekend" (offset 0), "last weekend" (-1) or "next weekend" (+1).

    On a weekend day, "this weekend" is the current one; on a weekday it is the coming one for a
    planned event and the one just past otherwise.
    """
    wd = ref.weekday()
    if wd == _SUNDAY and offset == 0 and future:
        return ref  # Saturday is already over
    if wd >= _SATURDAY:
        this_saturday = ref - dt.timedelta(days=wd - _SATURDAY)
        return this_saturday + dt.timedelta(weeks=offset)
    coming = ref + dt.timedelta(days=_SATURDAY - wd)
    past = coming - dt.timedelta(weeks=1)
    if offset == 0:
        return coming if future else past
    return past if offset < 0 else coming


def shift(ref: dt.date, unit: str, amount: int, future: bool) -> tuple[str, str]:
    """(value, precision) for ``amount`` units away from ``ref``."""
    if unit == "day":
        return (ref + dt.timedelta(days=amount)).isoformat(), "day"
    if unit == "week":
        return monday(ref + dt.timedelta(weeks=amount)).isoformat(), "week"
    if unit == "weekend":
        return weekend(ref, amount, future).isoformat(), "day"
    if unit == "month":
        y, m = add_months(ref.year, ref.month, amount)
        return f"{y:04d}-{m:02d}", "month"
    return f"{ref.year + amount:04d}", "year"


#: A dateline may carry the previous day's date for a story published just after midnight, and
#: never a later one; one day of slack covers time zones.
DATELINE_SLACK_DAYS = 1


def dateline_day(month: int, day: int, published: dt.date) -> dt.date | None:
    """A dateline's day and month: the latest such date not after publication."""
    limit = published + dt.timedelta(days=DATELINE_SLACK_DAYS)
    options = [
        d
        for y in (published.year - 1, published.year, published.year + 1)
        if (d := _valid(y, month, day)) and d <= limit
    ]
    return max(options, default=None)
