"""How much of a recording a student has really watched, from the player's reports.

The player reports its position every few seconds. The server never trusts a claimed
ratio: between two reports it credits at most the real time that passed between them
(with a little slack for network jitter), so a forged "I watched everything" credits
nothing, and seeking ahead credits nothing either.
"""

from dataclasses import dataclass

SLACK_RATIO = 1.25  # playback at up to 1.25× of the elapsed time (buffering, jitter)
SLACK_SECONDS = 2.0
COMPLETION_RATIO = 0.9


@dataclass(frozen=True)
class Report:
    position: float  # seconds into the recording
    at: float  # server time of the report, in seconds (a timestamp)


def credit(previous, current):
    """Return the interval (start, end) watched between two reports, or None.

    A jump forward longer than the real time elapsed (a seek, a forged report) or
    backwards (a rewind) credits nothing.
    """
    advanced = current.position - previous.position
    elapsed = current.at - previous.at
    if advanced <= 0 or elapsed <= 0:
        return None
    if advanced > elapsed * SLACK_RATIO + SLACK_SECONDS:
        return None
    return (previous.position, current.position)


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
