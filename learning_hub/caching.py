"""Rendered hub pages kept for anonymous visitors, and purged the moment content changes.

An entry is keyed by language and full path, and stamped with the generations of what it
shows, each a value in the cache that an edit replaces:

- the hub's, bumped whenever any hub page is published, unpublished, moved or deleted, or
  something they embed changes (`purge_all()`);
- the listings', bumped when what the hub's home, search and feeds list changes without a
  page being published: "useful" votes (they order `sort=useful` and show on the cards),
  featured collections (`purge_listings()`); only pages that list resources carry it;
- the page's own, bumped by `purge(page)` (its comments, its vote count);
- the site shell's (`core.shell.GENERATION_KEY`): menus, site settings and locales show on
  every page (`purge_shell()`).

A member's public name shows next to their comments and on their featured collections:
`purge_member(user)` forgets those pages when the name changes or the account is erased.

A stale stamp is a miss, so nothing is ever served after an edit; old entries simply
expire. A generation is replaced at once and again when the transaction commits, so that a
page rendered from the data of before the commit is not kept under the new one.

Only anonymous GET requests are cached, and only responses that set no cookie and used no
CSRF token: a cached page never carries anything that belongs to one visitor.

`AnonymousPageCacheMiddleware` answers a hit before Wagtail routes the request, once it has
run the `before_serve_page` hooks (opening phases, which read their settings from the
cache) on the page the entry belongs to: a hit costs those checks, not the routing and the
rendering, and no query. View restrictions need no look-up: restricted pages are never
stored, and adding or removing a restriction bumps the hub's generation.
"""

import hashlib
import logging
import uuid

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.translation import get_language
from wagtail import hooks

from core.caching import cache_errors
from core.shell import GENERATION_KEY as _SHELL_GENERATION

logger = logging.getLogger(__name__)

TIMEOUT = 10 * 60
_HUB_GENERATION = "learning_hub:gen"
_LISTING_GENERATION = "learning_hub:gen:listings"
_PAGE_GENERATION = "learning_hub:gen:page:{}"
_ENTRY = "learning_hub:page:{}"


def purge_all():
    """Forget every cached hub page (the hub home lists resources, so most edits need this)."""
    _bump(_HUB_GENERATION)


def purge_listings():
    """Forget the cached pages that list resources: the hub's home, search and feeds."""
    _bump(_LISTING_GENERATION)


def purge(page):
    """Forget the cached renderings of `page` (a resource or the hub home) in every language."""
    purge_pages([page.pk])


def purge_pages(page_ids):
    """Forget the cached renderings of the hub pages whose ids are `page_ids`."""
    for page_id in page_ids:
        _bump(_PAGE_GENERATION.format(page_id))


def purge_shell():
    """Forget every cached page's site shell (menus, settings, languages), again on commit.

    The shell's own cache forgets it at once; a page rendered before the commit, from the
    data of before, would otherwise be kept under the new generation.
    """
    _bump(_SHELL_GENERATION)


def purge_member(user):
    """Forget the cached pages that show `user`'s public name: the resources they commented
    on, and the listings when one of their collections is featured on the hub's home.

    Call it before their comments lose their author (account erasure) or after their name
    changed.
    """
    from .community.models import Collection, Comment

    pages = Comment.objects.filter(author=user).values_list("page_id", flat=True).distinct()
    purge_pages(list(pages))
    if Collection.objects.featured().filter(owner=user).exists():
        purge_listings()


def _bump(key):
    _replace(key)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _replace(key))


def _replace(key):
    try:
        cache.set(key, uuid.uuid4().hex, None)
    except cache_errors() as error:
        # An unreachable cache serves nothing either; a restarted empty one misses.
        logger.warning("Hub cache unreachable; %s not bumped: %s", key, error)


def _current_stamp(found, keys):
    """Return the generations of `keys`, creating those missing (first use, or evicted).

    A fresh value cannot match any older entry, so an evicted generation is a miss.
    """
    stamp = []
    for key in keys:
        value = found.get(key)
        if value is None:
            value = uuid.uuid4().hex
            if not cache.add(key, value, None):
                value = cache.get(key, value)
        stamp.append(value)
    return tuple(stamp)


def _entry_key(request):
    raw = f"{get_language()}|{request.get_host()}|{request.get_full_path()}"
    return _ENTRY.format(hashlib.sha256(raw.encode()).hexdigest())


def _has_pending_messages(request):
    if "messages" in request.COOKIES:
        return True
    session = getattr(request, "session", None)
    return bool(session is not None and session.session_key and session.get("_messages"))


def is_cacheable_request(request):
    """Return whether `request` may be answered from, and stored into, the shared cache."""
    user = getattr(request, "user", None)
    return (
        request.method == "GET"
        and (user is None or not user.is_authenticated)
        and not _has_pending_messages(request)
        and not getattr(request, "is_preview", False)
    )


def _is_storable(request, response):
    return (
        response.status_code == 200
        and not response.cookies
        and not response.has_header("Set-Cookie")
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(response, "streaming", False)
    )


def _stamp_keys(page):
    """Return the generation keys of what `page` shows (see the module's docstring)."""
    keys = [_HUB_GENERATION, _SHELL_GENERATION]
    if getattr(page, "lists_resources", False):
        keys.append(_LISTING_GENERATION)
    keys.append(_PAGE_GENERATION.format(page.pk))
    return tuple(keys)


def listing_stamp(request=None):
    """Return the generations that the hub's listings depend on (hub and listings), or None
    when the cache cannot be reached. They are the ones `request` was served under, if any.
    """
    keys = (_HUB_GENERATION, _LISTING_GENERATION)
    known = getattr(request, "_hub_generations", {})
    if all(key in known for key in keys):
        return tuple(known[key] for key in keys)
    try:
        return _current_stamp(cache.get_many(keys), keys)
    except cache_errors() as error:
        logger.warning("Hub cache unreachable, listing uncached: %s", error)
        return None


def _response(entry):
    response = HttpResponse(entry["content"], status=200)
    for name, value in entry["headers"]:
        response[name] = value
    return response


def _page_of(entry):
    """Return an unsaved instance of the entry's page: enough for the hooks, without a query."""
    label, pk, path, depth = entry["page"]
    model = apps.get_model(label)
    page = model(id=pk, path=path, depth=depth, live=True)
    page.content_type = ContentType.objects.get_for_model(model)
    return page


def cached_response(request):
    """Return the cached response to `request`, else None; the page hooks still apply."""
    entry = cache.get(_entry_key(request))
    if entry is None:
        return None
    keys = entry.get("keys")
    if not keys or tuple(cache.get_many(keys).get(key) for key in keys) != entry["stamp"]:
        return None
    # Only pages without view restrictions are stored (Wagtail asks for the login or
    # password before serving the others), and adding or removing a restriction bumps the
    # hub's generation: an entry that is current is one that no restriction covers.
    page = _page_of(entry)
    for hook in hooks.get_hooks("before_serve_page"):
        result = hook(page, request, (), {})
        if isinstance(result, HttpResponse):
            return result
    return _response(entry)


def serve_cached(request, page, render):
    """Answer `request` for `page` from the cache, or call `render()` and keep its response."""
    if not is_cacheable_request(request):
        return render()
    generation_keys = _stamp_keys(page)
    key = _entry_key(request)
    try:
        found = cache.get_many([*generation_keys, key])
        stamp = _current_stamp(found, generation_keys)
    except cache_errors() as error:
        logger.warning("Hub cache unreachable, rendering %s: %s", request.path, error)
        return render()
    entry = found.get(key)
    if entry is not None and entry.get("keys") == generation_keys and entry["stamp"] == stamp:
        return _response(entry)
    request._hub_generations = dict(zip(generation_keys, stamp, strict=True))
    response = render()
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.render()
    if _is_storable(request, response):
        _store(key, response, (generation_keys, stamp), page)
    return response


def _store(key, response, stamp, page):
    keys, values = stamp
    try:
        cache.set(
            key,
            {
                "keys": keys,
                "stamp": values,
                "content": response.content,
                "headers": list(response.items()),
                "page": (page._meta.label, page.pk, page.path, page.depth),
            },
            TIMEOUT,
        )
    except cache_errors() as error:
        logger.warning("Hub cache unreachable, %s not kept: %s", key, error)


class AnonymousPageCacheMiddleware:
    """Answer anonymous visitors from the hub's page cache before Wagtail routes the request.

    Keep it last in MIDDLEWARE: the session, authentication and language must be known.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_cacheable_request(request):
            try:
                response = cached_response(request)
            except cache_errors() as error:
                logger.warning("Hub cache unreachable, routing %s: %s", request.path, error)
                response = None
            if response is not None:
                return response
        return self.get_response(request)
