"""Emails to contributors about their proposals, in their language, once the data is saved."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def contribution_changed(contribution):
    """Tell the contributor where their proposal stands, after the transaction commits."""
    contribution_id = contribution.pk
    transaction.on_commit(lambda: send_contribution_status(contribution_id))


def send_contribution_status(contribution_id):
    """Send the status email of contribution `contribution_id` (its current status)."""
    from .models import Contribution

    contribution = Contribution.objects.select_related("contributor", "page").get(
        pk=contribution_id
    )
    user = contribution.contributor
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        context = {
            "contribution": contribution,
            "user": user,
            "title": contribution.page.title,
            "my_contributions_url": _absolute(reverse("hub_community:my_contributions")),
            "resource_url": contribution.page.full_url or "",
        }
        subject = render_to_string("hub_community/emails/contribution_subject.txt", context)
        body = render_to_string("hub_community/emails/contribution_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])


def _absolute(path):
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or ""
    return f"{base.rstrip('/')}{path}"
