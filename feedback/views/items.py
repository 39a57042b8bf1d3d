"""Sending feedback (from the dialog or a plain page) and following it in "My feedback"."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_ratelimit.decorators import ratelimit
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from .. import services
from ..forms import FeedbackForm
from ..gating import phases_for
from ..models import Feedback
from ..permissions import policy
from ..sections import section_for_match, section_for_page


def feedback_rate(group, request):
    """Return the rate limit of feedback per person (or address), from FEEDBACK_RATE_LIMIT."""
    return getattr(settings, "FEEDBACK_RATE_LIMIT", "10/h")


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _context_of(request, form):
    """Return the captured context of the feedback: the page, its section, the browser."""
    data = form.cleaned_data
    page = _page_at(request, data.get("page_id"), data["url"])
    section = section_for_page(page) if page else None
    if section is None and data["url"]:
        section = _section_of_path(urlsplit(data["url"]).path)
    return {
        "url": data["url"],
        "page": page,
        "page_title": page.title[:255] if page else "",
        "section": section or "",
        "language": (getattr(request, "LANGUAGE_CODE", "") or settings.LANGUAGE_CODE)[:10],
        "user_agent": request.headers.get("User-Agent", "")[:500],
        "screen_size": data["screen_size"],
        "media_time": data["media_time"],
    }


def _page_at(request, page_id, url):
    """Return the page `page_id` sent by the browser if `url` is its address (or a route of
    a routable page), else None: an id that does not match the address is not trusted."""
    page = Page.objects.filter(pk=page_id).first() if page_id and url else None
    page_url = page.get_url(request) if page else None
    if page_url is None:
        return None
    path, page_path = urlsplit(url).path, urlsplit(page_url).path
    routable = issubclass(page.specific_class, RoutablePageMixin)
    if path == page_path or (routable and path.startswith(page_path)):
        return page
    return None


def _section_of_path(path):
    # The address carries its own language prefix (or none for French): resolve it in that one.
    language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            return section_for_match(resolve(path))
        except Resolver404:
            return None


@ratelimit(key="user_or_ip", rate=feedback_rate, method="POST", block=False)
def new(request):
    """Take feedback: JSON for the dialog's script, a redirect to the thank-you page otherwise."""
    if not policy.can_give_feedback(request.user, phases_for(request)):
        return render(request, "feedback/feedback_refused.html", status=403)
    initial = {"url": request.GET.get("url", ""), "page_id": request.GET.get("page") or None}
    if request.method == "POST":
        form = FeedbackForm(request.POST, request.FILES, initial=initial)
    else:
        form = FeedbackForm(initial=initial)
    if request.method == "POST" and getattr(request, "limited", False):
        message = _(
            "You have sent a lot of feedback in a short time: please wait a while and try again."
        )
        if _wants_json(request):
            return JsonResponse({"errors": {"__all__": [message]}}, status=429)
        return render(request, "feedback/new.html", {"form": form, "limited": message}, status=429)
    if request.method == "POST" and form.is_valid():
        data = {
            "kind": form.cleaned_data["kind"],
            "rating": form.cleaned_data["rating"],
            "message": form.cleaned_data["message"],
            **_context_of(request, form),
        }
        author = request.user if request.user.is_authenticated else None
        item = services.submit_feedback(
            author=author, data=data, screenshot=form.cleaned_data["screenshot"]
        )
        if _wants_json(request):
            return JsonResponse(_thanks_json(item), status=201)
        _remember_sent(request, item)
        return redirect("feedback:thanks", item.uuid)
    if request.method == "POST" and _wants_json(request):
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    status = 400 if form.errors else 200
    return render(request, "feedback/new.html", {"form": form}, status=status)


def _thanks_json(item):
    data = {"message": str(_("Thank you! Your feedback has reached the team."))}
    if item.author_id:
        data["follow_url"] = item.get_absolute_url()
        data["follow_text"] = str(_("Follow it in “My feedback”"))
    return data


# The thank-you page of the plain form is shown to whoever sent the feedback only: its
# author, or the browser it was sent from (a visitor without an account, when feedback is
# open to everyone), which keeps the last few it sent in its session.
_SENT_KEY = "feedback_sent"
_SENT_KEPT = 20


def _remember_sent(request, item):
    sent = [value for value in request.session.get(_SENT_KEY, []) if value != str(item.uuid)]
    request.session[_SENT_KEY] = [*sent, str(item.uuid)][-_SENT_KEPT:]


def thanks(request, uuid):
    item = get_object_or_404(Feedback, uuid=uuid)
    owner = request.user.is_authenticated and item.author_id == request.user.pk
    if not owner and str(item.uuid) not in request.session.get(_SENT_KEY, []):
        raise Http404
    return render(request, "feedback/thanks.html", {"item": item, "owner": owner})


@login_required
def mine(request):
    """List the member's feedback with its status and the team's replies (never the notes),
    after the surveys that wait for their answers."""
    items = (
        Feedback.objects.of_user(request.user)
        .select_related("duplicate_of")
        .prefetch_related("replies", "duplicate_of__replies")
    )
    context = {"items": items, "surveys": services.open_surveys(user=request.user)}
    return render(request, "feedback/mine.html", context)


@login_required
def detail(request, uuid):
    item = get_object_or_404(Feedback.objects.of_user(request.user), uuid=uuid)
    return redirect(reverse("feedback:mine") + f"#feedback-{item.uuid}")
