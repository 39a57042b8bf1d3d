"""Bookmarks and "useful" votes: POST forms that also answer fetch() with JSON."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.decorators import ratelimit

from ..models import Bookmark
from ..permissions import policy
from ..services import bookmark_toggle, useful_toggle
from .common import (
    back_to_resource,
    live_resource,
    rate,
    too_many,
    verification_required,
    wants_json,
)


@require_POST
@login_required
@ratelimit(key="user", rate=rate("reaction"), method="POST", block=False)
def bookmark(request, page_id):
    page = live_resource(page_id)
    if request.limited:
        return too_many(request, what=_("bookmarks"))
    bookmarked = bookmark_toggle(user=request.user, page=page)
    message = (
        _("“%(title)s” is in your bookmarks.") if bookmarked
        else _("“%(title)s” is no longer in your bookmarks.")
    ) % {"title": page.title}  # fmt: skip
    return _answer(request, page, pressed=bookmarked, message=message)


@require_POST
@login_required
@ratelimit(key="user", rate=rate("reaction"), method="POST", block=False)
def useful(request, page_id):
    page = live_resource(page_id)
    if not policy.can_vote(request.user):
        return verification_required(request)
    if request.limited:
        return too_many(request, what=_("votes"))
    voted, count = useful_toggle(user=request.user, page=page)
    message = (
        _("Thank you: you marked this resource as useful.") if voted
        else _("Your “useful” vote is withdrawn.")
    )  # fmt: skip
    return _answer(request, page, pressed=voted, message=message, count=count)


@require_GET
@login_required
def bookmarks(request):
    items = (
        Bookmark.objects.filter(user=request.user, page__live=True)
        .select_related("page")
        .order_by("-created_at")
    )
    return render(request, "hub_community/bookmarks.html", {"bookmarks": items})


def _answer(request, page, *, pressed, message, count=None):
    if wants_json(request):
        data = {"pressed": pressed, "message": message}
        if count is not None:
            data["count"] = count
        return JsonResponse(data)
    messages.success(request, message)
    return back_to_resource(request, page, f"#community-heading-{page.pk}")
