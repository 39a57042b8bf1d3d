"""Emails of the beta programme, in the recipient's language; called on commit with ids."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode


def _absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send(name, user, context):
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        context = {**context, "user": user}
        subject = render_to_string(f"feedback/emails/{name}_subject.txt", context)
        body = render_to_string(f"feedback/emails/{name}.txt", context)
        send_mail(" ".join(subject.split()), body, None, [user.email])


def application_received(application_pk):
    from .models import VolunteerApplication

    application = VolunteerApplication.objects.select_related("user").get(pk=application_pk)
    with translation.override(application.user.preferred_language):
        url = _absolute(reverse("feedback:application"))
    _send("application_received", application.user, {"application": application, "url": url})


def invitation(application_pk):
    from .models import VolunteerApplication

    application = VolunteerApplication.objects.select_related("user", "cohort").get(
        pk=application_pk
    )
    with translation.override(application.user.preferred_language):
        path = reverse("feedback:application")
        url = _absolute(path)
        # The link logs the volunteer in and lands on their application, now admitted.
        login_url = _absolute(reverse("account_login") + "?" + urlencode({"next": path}))
    context = {"application": application, "url": url, "login_url": login_url}
    _send("invitation", application.user, context)


def reply(reply_pk, recipient_pk):
    from django.contrib.auth import get_user_model

    from .models import FeedbackReply

    item = FeedbackReply.objects.select_related("feedback").get(pk=reply_pk)
    user = get_user_model().objects.get(pk=recipient_pk)
    with translation.override(user.preferred_language):
        url = _absolute(reverse("feedback:mine"))
    _send("reply", user, {"reply": item, "feedback": item.feedback, "url": url})
