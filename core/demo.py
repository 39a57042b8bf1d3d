"""Registry of demo-content loaders, filled by each app from its `AppConfig.ready()`.

`python manage.py load_demo_content` runs the loaders by ascending `order`. A loader must
be idempotent (running it twice changes nothing), write files through `default_storage`,
and return lines to print (e.g. the demo accounts and their passwords).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DemoLoader:
    name: str
    order: int
    function: Callable[[], list[str]]


_loaders: dict[str, DemoLoader] = {}


def register(name, function, *, order=100):
    """Register `function()` (returns a list of lines to print) under `name`."""
    _loaders[name] = DemoLoader(name=name, order=order, function=function)


def loaders():
    """Return the registered loaders in the order they must run."""
    return sorted(_loaders.values(), key=lambda loader: (loader.order, loader.name))
