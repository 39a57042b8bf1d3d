"""Hooks through which every app contributes to a member's data export and erasure.

Apps above `accounts` register a function in their `AppConfig.ready()`:

    gdpr.register_exporter("campus", export_enrollments)   # fn(user) -> JSON-serialisable
    gdpr.register_eraser("campus", erase_enrollments)      # fn(user) -> None, before deletion
"""

from collections.abc import Callable

_exporters: dict[str, Callable] = {}
_erasers: dict[str, Callable] = {}


def register_exporter(section, function):
    """Register `function(user)` returning the data `section` holds about the user."""
    _exporters[section] = function


def register_eraser(section, function):
    """Register `function(user)` that removes or anonymises what `section` holds."""
    _erasers[section] = function


def exporters():
    return dict(_exporters)


def erasers():
    return dict(_erasers)
