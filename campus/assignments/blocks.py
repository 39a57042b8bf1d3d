"""The assignment block of a lesson: what to play or hand in, and how it is reviewed."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class SubmissionKind(blocks.ChoiceBlock):
    choices = [
        ("recording", _("A recording of the student playing (audio or video)")),
        ("file", _("A file (PDF, score, text)")),
        ("either", _("A recording or a file")),
    ]


class AssignmentBlock(blocks.StructBlock):
    """An assignment: students submit a recording or a file; teachers review it.

    Submissions point to the lesson and to this block's id, so that editing the lesson's
    text never orphans them.
    """

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    instructions = blocks.RichTextBlock(
        label=_("Instructions"), features=["bold", "italic", "link", "ol", "ul"]
    )
    kind = SubmissionKind(label=_("What students hand in"), default="recording")
    max_grade = blocks.IntegerBlock(
        label=_("Grade out of"), required=False, min_value=1, max_value=100, default=20,
        help_text=_("Leave empty for an assignment reviewed without a grade."),
    )  # fmt: skip

    class Meta:
        icon = "edit"
        label = _("Assignment")
        template = "campus_assignments/blocks/assignment_block.html"
        description = _("Students hand in a recording of their playing or a file for review.")
        preview_value = {
            "title": _("Record the first phrase"),
            "kind": "recording",
            "max_grade": 20,
        }

    def get_context(self, value, parent_context=None):
        """Add the reader's latest attempt and whether they may hand in (students only)."""
        from .assignments import Assignment
        from .permissions import policy
        from .services import can_hand_in, latest_submission

        context = super().get_context(value, parent_context=parent_context)
        parent_context = parent_context or {}
        request = parent_context.get("request")
        lesson = parent_context.get("page")
        # StreamField children put their id in the context they render with.
        block_id = (
            parent_context.get("block_id")
            or parent_context.get("id")
            or getattr(parent_context.get("block"), "id", None)
        )
        user = getattr(request, "user", None)
        context.update(can_submit=False, latest=None, can_hand_in=False, block_id=block_id)
        if user is None or lesson is None or not block_id or not hasattr(lesson, "body"):
            return context
        assignment = Assignment(lesson=lesson, block_id=block_id, value=value)
        if policy.can_submit(user, assignment):
            latest = latest_submission(student=user, assignment=assignment)
            context.update(
                can_submit=True, latest=latest, can_hand_in=can_hand_in(latest), lesson=lesson
            )
        return context
