"""What the beta programme holds about a member, for their data export and erasure."""

from .models import Feedback, SurveySubmission, VolunteerApplication
from .services import withdraw_consent


def export_beta(user):
    """Return the member's application, feedback (with the team's replies, not its notes)
    and survey answers."""
    application = VolunteerApplication.objects.filter(user=user).select_related("cohort").first()
    feedback = Feedback.objects.of_user(user).prefetch_related("replies")
    answers = SurveySubmission.objects.filter(user=user).select_related("page")
    return {
        "application": _application(application) if application else None,
        "feedback": [_item(item) for item in feedback],
        "survey_answers": [_answer(answer) for answer in answers.order_by("submit_time")],
    }


def _application(application):
    return {
        "profile": application.profile,
        "institution": application.institution,
        "instruments": [str(i) for i in application.instruments.all()],
        "devices": application.devices,
        "availability": application.availability,
        "consent_given_at": application.consent_given_at.isoformat(),
        "answers_updated_at": _date(application.answers_updated_at),
        "status": application.status,
        "cohort": application.cohort.name if application.cohort else None,
        "applied_at": application.created_at.isoformat(),
        "reviewed_at": _date(application.reviewed_at),
        "invited_at": _date(application.invited_at),
    }


def _item(item):
    return {
        "sent_at": item.created_at.isoformat(),
        "kind": item.kind,
        "rating": item.rating,
        "message": item.message,
        "url": item.url,
        "section": item.section,
        "language": item.language,
        "browser": item.user_agent,
        "screen_size": item.screen_size,
        "media_time": item.media_time,
        "screenshot": item.screenshot.name or None,
        "status": item.followed.status,
        "replies": [{"at": r.created_at.isoformat(), "text": r.text} for r in item.replies.all()],
    }


def _answer(submission):
    return {
        "survey": submission.page.title,
        "answered_at": submission.submit_time.isoformat(),
        "answers": submission.form_data,
    }


def _date(value):
    return value.isoformat() if value else None


def erase_beta(user):
    """Delete the application and survey answers, anonymise the feedback (as on withdrawal)."""
    withdraw_consent(user=user)
