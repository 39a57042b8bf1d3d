"""Questionnaires that staff build with Wagtail's form builder and address to a cohort."""

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField, AbstractFormSubmission
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField

from ..permissions import policy


class AlreadyAnswered(Exception):
    """The person's answer to this survey is already recorded (another request was first)."""


class SurveyFormField(AbstractFormField):
    page = ParentalKey("SurveyPage", on_delete=models.CASCADE, related_name="form_fields")


class SurveyPage(AbstractForm):
    """A questionnaire that the members of one cohort (and staff) answer once each."""

    intro = RichTextField(_("introduction"), blank=True)
    thank_you_text = RichTextField(_("thank-you text"), blank=True)
    cohort = models.ForeignKey(
        "feedback.Cohort",
        verbose_name=_("target cohort"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="surveys",
        help_text=_("Leave blank to address every admitted volunteer."),
    )

    content_panels = [
        *AbstractForm.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("cohort"),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Questions")),
        FieldPanel("thank_you_text"),
    ]

    parent_page_types = ["core.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def get_submission_class(self):
        return SurveySubmission

    def get_data_fields(self):
        return [("respondent", _("Respondent")), *super().get_data_fields()]

    def process_form_submission(self, form):
        """Record the answers; raise AlreadyAnswered when the person's answer exists."""
        user = form.user if form.user.is_authenticated else None
        try:
            with transaction.atomic():
                return SurveySubmission.objects.create(
                    form_data=form.cleaned_data, page=self, user=user
                )
        except IntegrityError as error:  # a second request sent at the same time
            raise AlreadyAnswered(self.pk) from error

    def serve(self, request, *args, **kwargs):
        if not policy.can_answer_survey(request.user, self):
            context = {**self.get_context(request), "refused": True}
            return TemplateResponse(request, "feedback/survey_closed.html", context, status=403)
        if self.has_answered(request.user):  # one answer per person
            return self._already_answered(request)
        try:
            return super().serve(request, *args, **kwargs)
        except AlreadyAnswered:
            return self._already_answered(request)

    def _already_answered(self, request):
        return TemplateResponse(request, "feedback/survey_closed.html", self.get_context(request))

    def has_answered(self, user):
        return user.is_authenticated and self.surveysubmission_set.filter(user=user).exists()


class SurveySubmission(AbstractFormSubmission):
    """One person's answers to a survey."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [
            models.UniqueConstraint(fields=["page", "user"], name="feedback_one_answer_per_person")
        ]

    def get_data(self):
        return {**super().get_data(), "respondent": str(self.user) if self.user else ""}


class SurveyAnnouncement(models.Model):
    """That a survey, in all its translations, was announced by email to its volunteers."""

    translation_key = models.UUIDField(unique=True, editable=False)
    survey = models.ForeignKey(
        SurveyPage, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    announced_at = models.DateTimeField(_("announced at"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey announcement")
        verbose_name_plural = _("survey announcements")

    def __str__(self):
        return f"{self.translation_key} ({self.announced_at:%Y-%m-%d})"
