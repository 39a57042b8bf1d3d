"""How much of a recording a student has really watched, from the player's reports.

The player reports its position every REPORT_INTERVAL seconds while it plays, and also when
playback starts, pauses, ends and just before and after a seek. The server never trusts a
claimed ratio: it credits only continuous playback between two reports close in time. A
jump forward longer than the real time between them (a seek, a forged report) credits
nothing, and so does any stretch between two reports further apart than MAX_GAP: a page
left open (or a player left paused) for an hour and then skipped ahead earns nothing for
that hour.
"""

from dataclasses import dataclass

REPORT_INTERVAL = 15.0  # seconds between two reports of a playing player (frontend/js/player)
MAX_GAP = 2 * REPORT_INTERVAL  # longer without a report: playback was not continuous
SLACK_RATIO = 1.25  # playback at up to 1.25× of the elapsed time (buffering, jitter)
SLACK_SECONDS = 2.0
COMPLETION_RATIO = 0.9


@dataclass(frozen=True)
class Report:
    position: float  # seconds into the recording
    at: float  # server time of the report, in seconds (a timestamp)


def credit(previous, current):
    """Return the interval (start, end) watched between two reports, or None.

    A jump forward longer than the real time elapsed (a seek, a forged report), a rewind,
    and two reports more than MAX_GAP apart (no continuous playback between them) credit
    nothing.
    """
    advanced = current.position - previous.position
    elapsed = current.at - previous.at
    if advanced <= 0 or elapsed <= 0 or elapsed > MAX_GAP:
        return None
    if advanced > elapsed * SLACK_RATIO + SLACK_SECONDS:
        return None
    return (previous.position, current.position)


def starting_point(state, *, opened_at):
    """Return the report to credit the next one from.

    `state` is what the last report left (position and time); `opened_at` is the timestamp
    of the reader's latest visit to the lesson. A visit starts a new player at 0, so a
    state older than the visit is no starting point any more.
    """
    if state.get("at") is None or state["at"] < opened_at:
        return Report(position=0.0, at=opened_at)
    return Report(position=state.get("position", 0.0), at=state["at"])


def merge(intervals):
    """Return `intervals` sorted and merged where they overlap or touch."""
    merged = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def watched_seconds(intervals, duration):
    """Return the seconds of a `duration`-long recording covered by `intervals`."""
    return sum(max(0.0, min(end, duration) - max(start, 0.0)) for start, end in intervals)


def is_watched(intervals, duration):
    """Return whether `intervals` cover at least 90% of the recording."""
    return duration > 0 and watched_seconds(intervals, duration) >= COMPLETION_RATIO * duration
