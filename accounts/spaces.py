"""Registry of a member's personal spaces (my courses, my feedback…), listed in their account.

The sections register their pages from `AppConfig.ready()`, so that the accounts app lists
them without importing them:

    spaces.register("campus:student_dashboard", _("My courses"), order=10)
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Space:
    url_name: str
    text: str
    order: int
    visible: Callable | None


@dataclass(frozen=True)
class SpaceLink:
    href: str
    text: str
    is_current: bool


_spaces: dict[str, Space] = {}


def register(url_name, text, *, order=100, visible=None):
    """List the page `url_name` as `text`; `visible(user)` may hide it from some members."""
    _spaces[url_name] = Space(url_name=url_name, text=text, order=order, visible=visible)


def links_for(request):
    """Return the spaces `request.user` may open, in order, marking the current page."""
    user = request.user
    links = []
    for space in sorted(_spaces.values(), key=lambda space: (space.order, space.url_name)):
        if space.visible is not None and not space.visible(user):
            continue
        href = reverse(space.url_name)
        links.append(SpaceLink(href=href, text=str(space.text), is_current=request.path == href))
    return links
