"""StreamField blocks of lessons: prose, recordings, audio, scores, quizzes, assignments."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock

from campus.assignments.blocks import AssignmentBlock
from core.blocks import PROSE_FEATURES, FigureBlock, HeadingBlock
from learning_hub.blocks import ResourceBlock
from studio.blocks import RecordingBlock


class AudioBlock(blocks.StructBlock):
    """An audio file (a document in MP3, Ogg or WAV) played by the browser's own player."""

    file = DocumentChooserBlock(label=_("Audio file"))
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    transcript = blocks.TextBlock(
        label=_("Description or transcript"), required=False,
        help_text=_("What can be heard, for people who cannot listen."),
    )  # fmt: skip

    class Meta:
        icon = "media"
        label = _("Audio")
        template = "campus/blocks/audio_block.html"
        description = _("A sound file played in the lesson.")
        preview_value = {"title": _("The theme, played slowly")}


class ScoreBlock(blocks.StructBlock):
    """A document to download, typically a score as PDF."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Title"), max_length=200, required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document or score")
        template = "campus/blocks/score_block.html"
        description = _("A score or a document (PDF) that students download.")
        preview_value = {"title": _("Score of the study")}


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Answer"), max_length=300)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)
    feedback = blocks.CharBlock(
        label=_("Feedback"), max_length=500, required=False,
        help_text=_("Shown after grading to the students who chose this answer."),
    )  # fmt: skip

    class Meta:
        icon = "radio-full"
        label = _("Answer")


class ChoiceQuestionBlock(blocks.StructBlock):
    """A question with listed answers; `multiple` allows several correct ones."""

    prompt = blocks.CharBlock(label=_("Question"), max_length=500)
    choices = blocks.ListBlock(ChoiceBlock(), label=_("Answers"), min_num=2)

    multiple = False

    class Meta:
        icon = "list-ul"

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for choice in value["choices"] if choice["correct"])
        if correct == 0 or (not self.multiple and correct > 1):
            message = (
                _("Mark at least one answer as correct.")
                if self.multiple
                else _("Mark exactly one answer as correct.")
            )
            raise StructBlockValidationError(block_errors={"choices": ValidationError(message)})
        return value


class SingleChoiceQuestionBlock(ChoiceQuestionBlock):
    class Meta:
        label = _("Single choice")


class MultipleChoiceQuestionBlock(ChoiceQuestionBlock):
    multiple = True

    class Meta:
        label = _("Multiple choice")
        icon = "tasks"


class TrueFalseQuestionBlock(blocks.StructBlock):
    prompt = blocks.CharBlock(label=_("Statement"), max_length=500)
    answer = blocks.BooleanBlock(label=_("The statement is true"), required=False)
    feedback_correct = blocks.CharBlock(label=_("Feedback if right"), required=False)
    feedback_wrong = blocks.CharBlock(label=_("Feedback if wrong"), required=False)

    class Meta:
        label = _("True or false")
        icon = "tick"


class ShortAnswerQuestionBlock(blocks.StructBlock):
    """A question answered in a few words, compared without case, accents or extra spaces."""

    prompt = blocks.CharBlock(label=_("Question"), max_length=500)
    accepted_answers = blocks.ListBlock(
        blocks.CharBlock(max_length=200), label=_("Accepted answers"), min_num=1
    )
    feedback_correct = blocks.CharBlock(label=_("Feedback if right"), required=False)
    feedback_wrong = blocks.CharBlock(label=_("Feedback if wrong"), required=False)

    class Meta:
        label = _("Short answer")
        icon = "pilcrow"


class QuestionStreamBlock(blocks.StreamBlock):
    single_choice = SingleChoiceQuestionBlock()
    multiple_choice = MultipleChoiceQuestionBlock()
    true_false = TrueFalseQuestionBlock()
    short_answer = ShortAnswerQuestionBlock()


class QuizBlock(blocks.StructBlock):
    """A quiz graded on the server; passing it completes the lesson.

    Attempts point to the lesson and to this block's id, so editing the lesson's text
    keeps them.
    """

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    intro = blocks.RichTextBlock(label=_("Introduction"), required=False, features=PROSE_FEATURES)
    questions = QuestionStreamBlock(label=_("Questions"), min_num=1)
    pass_mark = blocks.IntegerBlock(
        label=_("Pass mark (%)"), min_value=0, max_value=100, default=70
    )
    max_attempts = blocks.IntegerBlock(
        label=_("Attempts allowed"), min_value=0, max_value=50, default=3,
        help_text=_("0 for unlimited attempts."),
    )  # fmt: skip

    class Meta:
        icon = "help"
        label = _("Quiz")
        template = "campus/blocks/quiz_block.html"
        description = _("Questions graded automatically; passing completes the lesson.")
        preview_value = {"title": _("Check what you heard"), "pass_mark": 70, "max_attempts": 3}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        # The lesson template renders each block `with block_id=block.id`.
        parent_context = parent_context or {}
        block_id = parent_context.get("block_id")
        state = (parent_context.get("quiz_states") or {}).get(block_id)
        context["block_id"] = block_id
        context["state"] = state
        context["questions"] = _question_views(value, state)
        return context


def _question_views(value, state):
    """Return each question with the student's last answers and their grading, for display."""
    last = state["last"].answers if state and state["last"] else {}
    result = state["result"] if state else None
    views = []
    for question in value["questions"]:
        given = last.get(question.id, [])
        view = {
            "id": question.id,
            "kind": question.block_type,
            "prompt": question.value["prompt"],
            "given_text": given[0] if given else "",
            "result": result.questions.get(question.id) if result else None,
        }
        if question.block_type in ("single_choice", "multiple_choice"):
            view["choices"] = [
                {"value": str(index), "text": choice["text"], "checked": str(index) in given}
                for index, choice in enumerate(question.value["choices"])
            ]
        elif question.block_type == "true_false":
            view["choices"] = [
                {"value": "true", "text": _("True"), "checked": "true" in given},
                {"value": "false", "text": _("False"), "checked": "false" in given},
            ]
        views.append(view)
    return views


class LessonStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(label=_("Text"), features=[*PROSE_FEATURES, "h3", "h4"])
    recording = RecordingBlock()
    audio = AudioBlock()
    image = FigureBlock()
    document = ScoreBlock()
    resource = ResourceBlock()
    quiz = QuizBlock()
    assignment = AssignmentBlock()
