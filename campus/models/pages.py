"""The campus page tree: catalogue → course → module → lesson."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.documents import get_document_model, get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.blocks import INTRO_FEATURES, PROSE_FEATURES

from ..blocks import LessonStreamBlock
from ..forms import CoursePageForm, LessonPageForm


class Level(models.TextChoices):
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")
    PROFESSIONAL = "professional", _("Professional")


class CourseFormat(models.TextChoices):
    SELF_PACED = "self_paced", _("Self-paced")
    COHORT = "cohort", _("Cohort, with dates")


class EnrollmentPolicy(models.TextChoices):
    OPEN = "open", _("Open: students enrol themselves")
    APPROVAL = "approval", _("On approval by a teacher")
    INVITATION = "invitation", _("By invitation only")


class CampusIndexPage(Page):
    """The catalogue of courses, with filters that work without JavaScript."""

    site_section = "campus"

    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["core.HomePage"]
    subpage_types = ["campus.CoursePage"]

    class Meta:
        verbose_name = _("campus catalogue")
        verbose_name_plural = _("campus catalogues")

    def get_context(self, request, *args, **kwargs):
        from ..catalogue import catalogue_context

        context = super().get_context(request, *args, **kwargs)
        context.update(catalogue_context(self, request))
        return context


class CoursePage(Page):
    """A course: what it teaches, to whom, when, who teaches it and how to enrol."""

    site_section = "campus"

    summary = models.TextField(_("summary"), max_length=600)
    objectives = RichTextField(_("objectives"), blank=True, features=PROSE_FEATURES)
    prerequisites = RichTextField(_("prerequisites"), blank=True, features=PROSE_FEATURES)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="fr"
    )
    estimated_hours = models.PositiveSmallIntegerField(_("estimated duration (hours)"), default=1)
    discipline = models.ForeignKey(
        "core.Instrument",
        verbose_name=_("discipline"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    teachers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("teachers"),
        blank=True,
        related_name="taught_courses",
        help_text=_("They edit the course, follow its students and review their work."),
    )
    format = models.CharField(
        _("format"), max_length=12, choices=CourseFormat.choices, default=CourseFormat.SELF_PACED
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    enrollment_policy = models.CharField(
        _("enrolment"),
        max_length=12,
        choices=EnrollmentPolicy.choices,
        default=EnrollmentPolicy.OPEN,
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit; beyond it, students join a waiting list."),
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    base_form_class = CoursePageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("objectives"),
        FieldPanel("prerequisites"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("level"), FieldPanel("language")]),
                FieldRowPanel([FieldPanel("discipline"), FieldPanel("estimated_hours")]),
            ],
            heading=_("Catalogue"),
        ),
        FieldPanel("teachers"),
        MultiFieldPanel(
            [
                FieldPanel("format"),
                FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
                InlinePanel("cohorts", label=_("Cohorts")),
            ],
            heading=_("Dates"),
        ),
        MultiFieldPanel(
            [FieldPanel("enrollment_policy"), FieldPanel("capacity")], heading=_("Enrolment")
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("objectives"),
        index.FilterField("level"),
        index.FilterField("language"),
        index.FilterField("format"),
    ]

    parent_page_types = ["campus.CampusIndexPage"]
    subpage_types = ["campus.ModulePage"]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def clean(self):
        super().clean()
        if self.format == CourseFormat.COHORT and not self.starts_on:
            raise ValidationError({"starts_on": _("A cohort course needs a start date.")})
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": _("The course cannot end before it starts: choose a later end date.")}
            )

    def get_context(self, request, *args, **kwargs):
        from ..views.pages import course_context

        context = super().get_context(request, *args, **kwargs)
        context.update(course_context(self, request))
        return context

    def lessons(self):
        """Return the course's live lessons in reading order."""
        return LessonPage.objects.live().descendant_of(self).order_by("path")

    def modules(self):
        return ModulePage.objects.live().child_of(self).order_by("path")


class Cohort(Orderable):
    """A session of a course with its own dates; students join one."""

    course = ParentalKey(CoursePage, related_name="cohorts", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=120)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    panels = [FieldPanel("name"), FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")])]

    class Meta(Orderable.Meta):
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": _("A cohort cannot end before it starts: choose a later end date.")}
            )


class ModulePage(Page):
    """A chapter of a course, grouping lessons."""

    site_section = "campus"

    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["campus.CoursePage"]
    subpage_types = ["campus.LessonPage"]

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def serve(self, request, *args, **kwargs):
        """Send readers to the course plan: a module has no page of its own."""
        course = self.get_parent()
        return redirect(f"{course.get_url(request)}#module-{self.pk}")


class LessonPage(Page):
    """A lesson: a stream of text, recordings, scores, quizzes and assignments."""

    site_section = "campus"

    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = StreamField(LessonStreamBlock(), blank=True, verbose_name=_("body"))
    is_preview = models.BooleanField(
        _("free preview"),
        default=False,
        help_text=_("Anyone may read a free preview lesson, enrolled or not."),
    )
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=10)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("is_preview"), FieldPanel("estimated_minutes")]),
        FieldPanel("body"),
    ]

    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["campus.ModulePage"]
    subpage_types = []

    base_form_class = LessonPageForm

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def get_context(self, request, *args, **kwargs):
        from ..views.pages import lesson_context

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        from ..views.pages import lesson_gate

        return lesson_gate(self, request) or super().serve(request, *args, **kwargs)

    @property
    def course(self):
        """Return the lesson's course (specific), remembered for the life of the object."""
        if "_course" not in self.__dict__:
            self.__dict__["_course"] = (
                CoursePage.objects.ancestor_of(self).select_related("discipline").first()
            )
        return self.__dict__["_course"]

    def quiz_blocks(self):
        return {block.id: block.value for block in self.body if block.block_type == "quiz"}

    def recording_ids(self):
        return {
            block.value["recording"].pk
            for block in self.body
            if block.block_type == "recording" and block.value.get("recording")
        }

    def document_ids(self):
        """Return the ids of the documents the lesson offers: its audio and score blocks,
        and the document links of its text (found as Wagtail's reference index finds them)."""
        document_model = get_document_model()
        references = self._meta.get_field("body").extract_references(self.body)
        return {
            int(object_id)
            for model, object_id, _path, _content in references
            if issubclass(model, document_model)
        }


class LessonRecording(models.Model):
    """Which recordings a published lesson plays: the index the access rule reads."""

    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="+")
    recording = models.ForeignKey(
        "studio.Recording", on_delete=models.CASCADE, related_name="lesson_uses"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["lesson", "recording"], name="campus_lesson_recording")
        ]

    def __str__(self):
        return f"{self.lesson} — {self.recording}"


class LessonDocument(models.Model):
    """Which documents a published lesson offers: the index the download rule reads."""

    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(
        get_document_model_string(), on_delete=models.CASCADE, related_name="campus_lesson_uses"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["lesson", "document"], name="campus_lesson_document")
        ]

    def __str__(self):
        return f"{self.lesson} — {self.document}"
