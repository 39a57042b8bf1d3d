"""Template filters of assignments."""

from django import template

from ..validators import format_time

register = template.Library()


@register.filter
def clock(seconds):
    """Render seconds as the player does: m:ss or h:mm:ss."""
    return format_time(seconds) if seconds is not None else ""


@register.simple_tag
def assignment_feedback(user):
    """Return the feedback `user` received (see selectors.feedback_for_student)."""
    from ..selectors import feedback_for_student

    return feedback_for_student(user)


@register.simple_tag
def assignment_reviews(user):
    """Return the submissions waiting for `user`'s review."""
    from ..selectors import submissions_to_review

    return submissions_to_review(user)
