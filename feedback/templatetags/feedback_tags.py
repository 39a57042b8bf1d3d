"""The feedback button and dialog that templates/base.html includes on every page."""

from django import template
from django.urls import reverse
from django.utils.http import urlencode
from wagtail.models import Page

from ..forms import FeedbackForm
from ..gating import phases_for
from ..permissions import policy

register = template.Library()


@register.inclusion_tag("feedback/includes/widget.html", takes_context=True)
def feedback_widget(context):
    """Render the button and dialog when the visitor may give feedback, else nothing."""
    request = context.get("request")
    if request is None:
        return {"show": False}
    match = request.resolver_match
    if match is not None and "feedback" in match.namespaces:
        return {"show": False}  # the feedback pages have their own form
    if not policy.can_give_feedback(request.user, phases_for(request)):
        return {"show": False}
    page = context.get("page")
    page = page if isinstance(page, Page) else None
    url = request.get_full_path()
    query = {"url": url, **({"page": page.pk} if page else {})}
    form = FeedbackForm(
        auto_id="feedback-%s", initial={"url": url, "page_id": page.pk if page else None}
    )
    return {
        "show": True,
        "form": form,
        "csrf_token": context.get("csrf_token"),
        "fallback_url": f"{reverse('feedback:new')}?{urlencode(query)}",
        "request": request,
    }
