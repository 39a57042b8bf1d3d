"""Emails of the beta programme, in the recipient's language; called on commit with ids."""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode


def _absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _language(user):
    return user.preferred_language or settings.LANGUAGE_CODE


def _message(name, user, context):
    """Return the email `name` to `user`, written in their language."""
    with translation.override(_language(user)):
        context = {**context, "user": user}
        subject = render_to_string(f"feedback/emails/{name}_subject.txt", context)
        body = render_to_string(f"feedback/emails/{name}.txt", context)
    return EmailMessage(" ".join(subject.split()), body, None, [user.email])


def _send(name, user, context):
    _message(name, user, context).send()


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


def survey_announced(survey_pk):
    """Tell the admitted volunteers a survey addresses (its cohort, else all) that it is open.

    Each one gets the link to the survey in their language when it has a live translation.
    """
    from .models import ApplicationStatus, SurveyPage, VolunteerApplication

    survey = SurveyPage.objects.filter(pk=survey_pk).live().first()
    if survey is None:  # unpublished or deleted since
        return
    translations = {
        page.locale.language_code: page
        for page in SurveyPage.objects.live()
        .filter(translation_key=survey.translation_key)
        .select_related("locale")
    }
    applications = VolunteerApplication.objects.filter(
        status=ApplicationStatus.ADMITTED, user__is_active=True
    ).select_related("user")
    if survey.cohort_id is not None:
        applications = applications.filter(cohort_id=survey.cohort_id)
    messages = []
    for application in applications:
        page = translations.get(_language(application.user), survey)
        parts = page.get_url_parts() or (None, None, None)
        if parts[2] is None:  # outside every site: no address to send
            continue
        url = _absolute(parts[2])
        messages.append(_message("survey", application.user, {"survey": page, "url": url}))
    if messages:
        with get_connection() as connection:
            connection.send_messages(messages)
