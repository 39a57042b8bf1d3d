"""Workflows of the beta programme that touch several models, groups and mail."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.roles import Role

from . import emails
from .models import (
    ApplicationStatus,
    ConsentWithdrawal,
    Feedback,
    FeedbackNote,
    FeedbackReply,
    PhaseChange,
    SurveyAnnouncement,
    SurveyPage,
    SurveySubmission,
    VolunteerApplication,
)
from .permissions import policy
from .sections import Section


def _volunteers_group():
    return Group.objects.get_or_create(name=Role.BETA_VOLUNTEERS.value)[0]


# --- Phases -------------------------------------------------------------------------------


def record_phase_changes(*, site, before, after, user):
    """Record a PhaseChange for every section whose phase differs between two {section: phase}."""
    changes = [
        PhaseChange(site=site, section=s, old_phase=before[s], new_phase=after[s], changed_by=user)
        for s in Section
        if before[s] != after[s]
    ]
    return PhaseChange.objects.bulk_create(changes)


def set_phase(*, settings, section, phase, user):
    """Set the phase of `section` in `settings` (a PhaseSettings) and record the change."""
    before = settings.phases()
    setattr(settings, f"{Section(section).value}_phase", phase)
    settings.save()
    return record_phase_changes(
        site=settings.site, before=before, after=settings.phases(), user=user
    )


# --- Volunteers ---------------------------------------------------------------------------


@transaction.atomic
def apply(*, user, data, instruments=()):
    """Create or update the application of `user`.

    A new application records the date of the consent; an update keeps that first date and
    records when the answers changed.
    """
    now = timezone.now()
    application, created = VolunteerApplication.objects.update_or_create(
        user=user,
        defaults={**data, "answers_updated_at": now},
        create_defaults={**data, "consent_given_at": now},
    )
    application.instruments.set(instruments)
    if created:
        transaction.on_commit(lambda: emails.application_received(application.pk))
    return application


@transaction.atomic
def review_application(*, application, status, cohort, user):
    """Set the review outcome of `application`; admitting adds the Beta volunteers group.

    Admission needs a cohort (ValueError without one) and sends an invitation by email;
    leaving the admitted state removes the group.
    """
    if status == ApplicationStatus.ADMITTED and cohort is None:
        raise ValueError("An application is admitted into a cohort: choose one.")
    was_admitted = application.status == ApplicationStatus.ADMITTED
    application.status = status
    application.cohort = cohort
    application.reviewed_by = user
    application.reviewed_at = timezone.now()
    application.save()
    group = _volunteers_group()
    if status == ApplicationStatus.ADMITTED:
        application.user.groups.add(group)
        if not was_admitted:
            send_invitation(application=application)
    elif was_admitted:
        application.user.groups.remove(group)
    return application


@transaction.atomic
def send_invitation(*, application):
    """Email the admitted volunteer their invitation, after the transaction commits."""
    application.invited_at = timezone.now()
    application.save(update_fields=["invited_at"])
    pk = application.pk
    transaction.on_commit(lambda: emails.invitation(pk))


@transaction.atomic
def withdraw_consent(*, user):
    """Withdraw `user` from the programme: delete their application, anonymise their feedback.

    The feedback messages stay for the team, without author, browser or screenshot; survey
    answers are deleted; the Beta volunteers group is removed. The withdrawal of an
    application is recorded with its date and status only (a ConsentWithdrawal).
    """
    application = VolunteerApplication.objects.filter(user=user).first()
    if application is not None:
        ConsentWithdrawal.objects.create(status=application.status)
        application.delete()
    user.groups.remove(_volunteers_group())
    anonymise_feedback(user=user)
    SurveySubmission.objects.filter(user=user).delete()


def anonymise_feedback(*, user):
    """Detach `user` from their feedback and delete what identifies them: browser, screenshots."""
    for item in Feedback.objects.filter(author=user).exclude(screenshot=""):
        item.screenshot.delete(save=False)
    Feedback.objects.filter(author=user).update(author=None, user_agent="", screenshot="")


# --- Surveys ------------------------------------------------------------------------------


def announce_survey(*, survey):
    """Email the volunteers `survey` addresses, once the transaction commits — the first time
    the survey (or one of its translations) is published only."""
    _announcement, created = SurveyAnnouncement.objects.get_or_create(
        translation_key=survey.translation_key, defaults={"survey": survey}
    )
    if created:
        pk = survey.pk
        transaction.on_commit(lambda: emails.survey_announced(pk))
    return created


def open_surveys(*, user):
    """Return the live surveys `user` may answer and has not answered, one per translation
    group (the one in the active language when it exists), the newest first."""
    answered = SurveySubmission.objects.filter(user=user).values("page__translation_key")
    surveys = (
        policy.surveys_for(user, SurveyPage.objects.live())
        .exclude(translation_key__in=answered)
        .select_related("locale")
        .order_by("-first_published_at", "-pk")
    )
    language = translation.get_language()
    chosen = {}
    for survey in surveys:
        if survey.translation_key not in chosen or survey.locale.language_code == language:
            chosen[survey.translation_key] = survey
    return list(chosen.values())


# --- Feedback -----------------------------------------------------------------------------


def submit_feedback(*, author, data, screenshot=None):
    """Create a feedback item from the form `data` and its captured context."""
    cohort = None
    if author is not None:
        application = VolunteerApplication.objects.filter(user=author).first()
        cohort = application.cohort if application else None
    item = Feedback(author=author, cohort=cohort, **data)
    if screenshot:
        item.screenshot = screenshot
    item.save()
    return item


class MergeRefused(ValueError):
    """A feedback item may not be merged into the item chosen (its message says why)."""


def check_merge(*, feedback, into):
    """Raise MergeRefused unless `feedback` may be merged into `into`: another item that is
    not itself merged (its duplicates would otherwise form a chain or a loop)."""
    if into.pk == feedback.pk:
        raise MergeRefused(_("An item cannot be merged into itself."))
    if into.duplicate_of_id is not None:
        raise MergeRefused(
            _("#%(item)s is itself merged into #%(original)s: merge into #%(original)s instead.")
            % {"item": into.pk, "original": into.duplicate_of_id}
        )


@transaction.atomic
def triage(*, feedback, user, note="", reply=""):
    """Save the triage of `feedback` (status, assignee, merge) with an optional note and reply.

    A merged item takes the status of the item it is merged into, and so do its own
    duplicates, which follow that item from then on. A reply is emailed to the volunteers
    once the transaction commits. Raise MergeRefused for a merge that check_merge refuses.
    """
    if feedback.duplicate_of is not None:
        check_merge(feedback=feedback, into=feedback.duplicate_of)
        feedback.status = feedback.duplicate_of.status
    feedback.save()
    duplicates = feedback.duplicates.all()
    if feedback.duplicate_of is not None:
        # Its duplicates follow the new original, not an item that is no longer followed.
        duplicates.update(duplicate_of=feedback.duplicate_of, status=feedback.status)
    else:
        duplicates.update(status=feedback.status)
    if note.strip():
        FeedbackNote.objects.create(feedback=feedback, author=user, text=note.strip())
    if reply.strip():
        reply_to(feedback=feedback, user=user, text=reply)
    return feedback


def reply_to(*, feedback, user, text):
    """Add a reply to `feedback`, shown in "My feedback" and emailed to its author."""
    reply = FeedbackReply.objects.create(feedback=feedback, author=user, text=text.strip())
    recipients = [feedback.author_id] if feedback.author_id else []
    recipients += list(feedback.duplicates.exclude(author=None).values_list("author_id", flat=True))
    pk = reply.pk
    for author_id in dict.fromkeys(recipients):
        transaction.on_commit(lambda author_id=author_id: emails.reply(pk, author_id))
    return reply
