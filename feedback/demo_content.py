"""Demo content of the beta programme: cohorts, an admitted volunteer, feedback, a survey."""

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale, Site

from core.models import HomePage

from .models import (
    ApplicationStatus,
    Cohort,
    Device,
    Feedback,
    FeedbackKind,
    FeedbackReply,
    FeedbackStatus,
    ProfileKind,
    SurveyFormField,
    SurveyPage,
    VolunteerApplication,
)
from .sections import Section

COHORTS = [
    ("Cohorte 1 — printemps", "Premiers volontaires : élèves et enseignants des conservatoires."),
    ("Cohorte 2 — automne", "Liste d'attente ouverte pour la deuxième vague de tests."),
]

FEEDBACK = [
    (FeedbackKind.BUG, 2, "La vidéo 360° saccade sur ma tablette quand je tourne la vue.",
     Section.STUDIO, FeedbackStatus.IN_PROGRESS, 42.5,
     "Merci ! Nous avons reproduit le problème et préparons un correctif."),
    (FeedbackKind.IDEA, 5, "Pouvoir ralentir la lecture sans changer la hauteur serait précieux.",
     Section.STUDIO, FeedbackStatus.PLANNED, None, ""),
    (FeedbackKind.ACCESSIBILITY, 4, "Le bouton de sous-titres est bien annoncé par mon lecteur.",
     Section.STUDIO, FeedbackStatus.DONE, None, "Merci pour ce retour encourageant !"),
    (FeedbackKind.CONTENT, 3, "Il manque le nom de l'interprète sur un enregistrement.",
     "", FeedbackStatus.NEW, None, ""),
]  # fmt: skip

SURVEY_SLUG = "questionnaire-beta"


def load_demo_beta():
    """Create the missing cohorts, volunteer profile, feedback and survey; return lines."""
    cohorts = [
        Cohort.objects.get_or_create(name=name, defaults={"description": text})[0]
        for name, text in COHORTS
    ]
    volunteer = get_user_model().objects.filter(email="benevole@example.org").first()
    staff = get_user_model().objects.filter(email="equipe@example.org").first()
    if volunteer is None:
        return [_("Beta programme: the demo accounts are missing, nothing created.")]
    _application(volunteer, cohorts[0], staff)
    if not Feedback.objects.filter(author=volunteer).exists():
        for kind, rating, message, section, status, media_time, reply in FEEDBACK:
            item = Feedback.objects.create(
                author=volunteer,
                cohort=cohorts[0],
                kind=kind,
                rating=rating,
                message=message,
                section=section,
                status=status,
                media_time=media_time,
                language="fr",
                url="/studio/" if section == Section.STUDIO else "/",
                assignee=staff if status != FeedbackStatus.NEW else None,
            )
            if reply:
                FeedbackReply.objects.create(feedback=item, author=staff, text=reply)
    survey = _survey(cohorts[0])
    lines = [
        _("Beta programme: %(cohorts)d cohorts, %(items)d feedback items; volunteer %(email)s.")
        % {
            "cohorts": len(cohorts),
            "items": Feedback.objects.count(),
            "email": volunteer.email,
        }
    ]
    if survey is not None:
        lines.append(_("Survey: %(url)s") % {"url": survey.get_url()})
    return lines


def _application(volunteer, cohort, staff):
    now = timezone.now()
    VolunteerApplication.objects.get_or_create(
        user=volunteer,
        defaults={
            "profile": ProfileKind.STUDENT,
            "institution": "Conservatoire à rayonnement régional",
            "devices": [Device.COMPUTER, Device.PHONE],
            "availability": "Le mercredi après-midi.",
            "consent_given_at": now,
            "status": ApplicationStatus.ADMITTED,
            "cohort": cohort,
            "reviewed_by": staff,
            "reviewed_at": now,
            "invited_at": now,
        },
    )


def _survey(cohort):
    french = Locale.objects.filter(language_code="fr").first()
    site = Site.objects.filter(is_default_site=True).first()
    if french is None or site is None:
        return None
    home = HomePage.objects.filter(locale=french).first()
    if home is None:
        return None
    existing = SurveyPage.objects.filter(slug=SURVEY_SLUG, locale=french).first()
    if existing is not None:
        return existing
    survey = SurveyPage(
        title="Votre avis sur le Studio",
        slug=SURVEY_SLUG,
        cohort=cohort,
        intro="<p>Cinq minutes pour nous dire ce que vous pensez du Studio.</p>",
        thank_you_text="<p>Merci pour vos réponses !</p>",
        show_in_menus=False,
    )
    home.add_child(instance=survey)
    SurveyFormField.objects.create(
        page=survey, sort_order=0, label="Note globale du lecteur 360°", field_type="dropdown",
        required=True, choices="1\n2\n3\n4\n5",
    )  # fmt: skip
    SurveyFormField.objects.create(
        page=survey, sort_order=1, label="Qu'amélioreriez-vous en premier ?",
        field_type="multiline", required=False,
    )  # fmt: skip
    survey.save_revision().publish()
    return survey
