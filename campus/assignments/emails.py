"""Emails of the assignment's steps, each in the language its recipient chose."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from campus.emails import absolute_url, deliver_on_commit, language_of

from .models import SubmissionStatus

TEMPLATES = "campus_assignments/emails/"


def _send(recipients, template, *, submission, url_name, extra=None):
    """Render `template` for each recipient in their language; send once committed."""
    messages = []
    for person in recipients:
        if not person.email or not person.is_active:
            continue
        with translation.override(language_of(person)):
            context = {
                "submission": submission,
                "recipient": person,
                "link": absolute_url(reverse(url_name, args=[submission.uuid])),
                **(extra or {}),
            }
            subject = render_to_string(f"{TEMPLATES}{template}_subject.txt", context)
            body = render_to_string(f"{TEMPLATES}{template}_body.txt", context)
        messages.append((" ".join(subject.split()), body, person.email))
    deliver_on_commit(messages)


def notify_submitted(submission):
    """Tell the course's teachers that a submission (or a resubmission) waits for review."""
    course = submission.lesson.course
    teachers = list(course.teachers.all()) if course else []
    template = "resubmitted" if submission.attempt > 1 else "submitted"
    _send(teachers, template, submission=submission, url_name="campus_assignments:review")


def notify_reviewed(submission):
    """Tell the student their submission was reviewed, or is to be redone."""
    template = "to_redo" if submission.status == SubmissionStatus.TO_REDO else "reviewed"
    _send(
        [submission.student],
        template,
        submission=submission,
        url_name="campus_assignments:submission",
    )


def notify_failed(submission, message):
    """Tell the student their recording could not be processed, and why."""
    _send(
        [submission.student],
        "failed",
        submission=submission,
        url_name="campus_assignments:submission",
        extra={"reason": message},
    )
