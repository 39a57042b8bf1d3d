"""Every field a person writes, stored through the forms and services they use, and the pages
that show it to someone else.

A *field* is a function `store(texts) -> Shown` that writes each of `texts` where a user
would (the form, then the service the view calls; one item, person or answer per text) and
returns the pages showing them, each with the person who opens it (None: a visitor).

`store.verbatim` says the texts must come back as text; it is false where the field keeps
sanitised HTML (nh3) or is a link, so a payload may legitimately lose its markup, and its
marker with it. `store.limit` is the length the field takes.
"""

import json
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from accounts.roles import Role
from campus import services as campus_services
from campus.assignments.models import Submission, SubmissionKind
from campus.models import CampusIndexPage, Certificate, CoursePage, LessonPage, ModulePage
from feedback import services as feedback_services
from feedback.forms import ApplicationForm
from feedback.models import (
    ApplicationStatus,
    Cohort,
    Feedback,
    ProfileKind,
    SurveyFormField,
    SurveyPage,
    VolunteerApplication,
)
from learning_hub.community.forms import (
    CollectionForm,
    CommentForm,
    ContributionForm,
    ReportForm,
)
from learning_hub.community.models import Visibility
from learning_hub.community.moderation import ensure_moderation
from learning_hub.community.proposals import contribution_propose
from learning_hub.community.services import (
    collection_add_item,
    collection_set_featured,
    comment_add,
    comment_report,
)
from learning_hub.models import HubIndexPage, ResourcePage
from media_pipeline.models import AssetState, MediaAsset
from studio.models import (
    Recording,
    RecordingCaption,
    RecordingChapter,
    RecordingPerformer,
    RecordingWork,
)
from studio.models import Visibility as RecordingVisibility
from tests.campus.samples import QUIZ
from tests.factories import UserFactory


@dataclass
class Shown:
    """Where the stored texts are shown: a list of (page name, viewer, path, excerpt); on an
    excerpt (a list that cuts long texts short) the marker may be cut off."""

    pages: list = field(default_factory=list)

    def add(self, name, viewer, path, *, excerpt=False):
        self.pages.append((name, viewer, path, excerpt))
        return self


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


# --- The places: a hub with a resource, a course with a quiz and an assignment ------------


def home():
    return Site.objects.get(is_default_site=True).root_page


def hub_resource():
    hub = home().add_child(
        instance=HubIndexPage(title="Ressources", slug=f"ressources-{uuid.uuid4().hex[:6]}")
    )
    hub.save_revision().publish()
    ensure_moderation(hub)
    page = ResourcePage(
        title="Le détaché", slug="detache", resource_type="exercise",
        summary="Des exercices.", level="beginner", licence="cc-by",
    )  # fmt: skip
    hub.add_child(instance=page)
    page.save_revision().publish()
    return HubIndexPage.objects.get(pk=hub.pk), ResourcePage.objects.get(pk=page.pk)


ASSIGNMENT_BLOCK = "b1b2c3d4-0000-4000-8000-000000000001"


def course(teacher):
    """A live course with a quiz lesson and an assignment lesson; return (course, quiz, work)."""
    index = home().add_child(
        instance=CampusIndexPage(title="Campus", slug=f"campus-{uuid.uuid4().hex[:6]}")
    )
    index.save_revision().publish()
    course = index.add_child(
        instance=CoursePage(title="Violon", slug="violon", summary="Un cours.", level="beginner")
    )
    course.teachers.set([teacher])
    course.save_revision().publish()
    module = course.add_child(instance=ModulePage(title="Module 1", slug="m1"))
    quiz = module.add_child(
        instance=LessonPage(
            title="Quiz", slug="quiz", body=[{"type": "quiz", "value": QUIZ, "id": "quiz-1"}]
        )
    )
    work = module.add_child(
        instance=LessonPage(
            title="Devoir",
            slug="devoir",
            body=json.dumps(
                [
                    {
                        "type": "assignment",
                        "id": ASSIGNMENT_BLOCK,
                        "value": {
                            "title": "Analyse",
                            "instructions": "<p>Analysez.</p>",
                            "kind": "either",
                            "max_grade": 20,
                        },
                    }
                ]
            ),
        )
    )
    return CoursePage.objects.get(pk=course.pk), quiz, LessonPage.objects.get(pk=work.pk)


def enrolled_student(course_page, **fields):
    student = UserFactory(**fields)
    campus_services.enrollment_request(user=student, course=course_page)
    return student


def ready_asset(owner):
    """A ready asset whose manifest plays nothing: pages show its metadata, not its media."""
    return MediaAsset.objects.create(
        owner=owner,
        source=f"media/sources/{uuid.uuid4()}/source.mp4",
        state=AssetState.READY,
        version=1,
        published_prefix=f"media/assets/{uuid.uuid4()}/v1/",
        manifest={"duration": 10.0, "master_playlist": "master.m3u8", "projection": "flat"},
        projection="flat",
        progress=100,
        ready_at=timezone.now(),
    )


def staff_user():
    return UserFactory(roles=[Role.STAFF], is_staff=True, is_superuser=True)


# --- The fields ---------------------------------------------------------------------------


def display_name(texts):
    """Members' display names, as the profile form saves them, where others see them."""
    _hub, resource = hub_resource()
    teacher = UserFactory(roles=[Role.TEACHERS])
    course_page, _quiz, _work = course(teacher)
    staff = staff_user()
    shown = (
        Shown()
        .add("resource comments", None, resource.url)
        .add("course roster", teacher, reverse("campus:roster", args=[course_page.pk]))
        .add("admin feedback list", staff, reverse("beta_feedback:index"))
        .add("admin reported comments", staff, "/admin/hub/reported-comments/")
    )
    for text in texts:
        person = UserFactory()
        response = client_for(person).post(
            reverse("accounts:profile"),
            {"display_name": text, "preferred_language": "fr", "institution": "", "bio": ""},
        )
        assert response.status_code in (200, 302), response.status_code
        person.refresh_from_db()
        assert person.display_name == text.strip(), "the profile form did not save the name"
        comment = comment_add(page=resource, author=person, body="<p>Merci.</p>")
        comment_report(comment=comment, reporter=UserFactory(), reason="Spam.")
        campus_services.enrollment_request(user=person, course=course_page)
        certificate = Certificate.objects.create(
            user=person, course=course_page, student_name=person.display_name,
            course_title=course_page.title, seconds_traced=60, lessons_completed=2,
            quizzes_passed=1,
        )  # fmt: skip
        feedback = Feedback.objects.create(author=person, kind="bug", message="Le son se coupe.")
        shown.add("certificate", None, reverse("campus:certificate", args=[certificate.code]))
        shown.add("admin triage", staff, reverse("beta_feedback:edit", args=[feedback.pk]))
    return shown


display_name.verbatim = True
display_name.limit = 80


def hub_comment(texts):
    """Comments on a resource: the comment form sanitises them, the service publishes them;
    each is reported, so that the moderators read it in the admin."""
    _hub, resource = hub_resource()
    staff = staff_user()
    shown = Shown().add("resource comments", None, resource.url)
    reported = False
    for text in texts:
        form = CommentForm({"body": text})
        if not form.is_valid():
            # Nothing is left once the markup is removed: the member is told, nothing is kept.
            assert "body" in form.errors, form.errors
            continue
        comment = comment_add(page=resource, author=UserFactory(), body=form.cleaned_data["body"])
        report = ReportForm({"reason": text})
        assert report.is_valid(), report.errors
        reason = report.cleaned_data["reason"]
        comment_report(comment=comment, reporter=UserFactory(), reason=reason)
        edit = reverse("hub_reported_comments:edit", args=[comment.pk])
        shown.add("admin comment moderation", staff, edit)
        reported = True
    if reported:
        index = reverse("hub_reported_comments:index")
        shown.add("admin reported comments", staff, index, excerpt=True)
    return shown


hub_comment.verbatim = False
hub_comment.limit = 1000


def _proposal(hub, contributor, text):
    form = ContributionForm(
        {
            "title": f"Études {text}",
            "resource_type": "exercise",
            "summary": text,
            "body_text": f"{text}\n\n{text}",
            "discipline": "music",
            "level": "intermediate",
            "language": "fr",
            "licence": "cc-by-sa",
            "permission_note": text,
            "attribution": text,
            "authors": text,
            "works": f"{text}: Suite",
        },
        {},
    )
    assert form.is_valid(), form.errors
    contribution = contribution_propose(hub_index=hub, user=contributor, data=form.cleaned_data)
    return ResourcePage.objects.get(pk=contribution.page_id)


def resource_proposal(texts):
    """Proposed resources (every free-text field of the contribution form), then published."""
    hub, _resource = hub_resource()
    contributor = UserFactory()
    moderator = staff_user()
    shown = Shown().add("my contributions", contributor, reverse("hub_community:my_contributions"))
    pages = [_proposal(hub, contributor, text) for text in texts]
    for page in pages:
        edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
        shown.add("admin page editor", moderator, edit)
        shown.add("admin draft preview", moderator, f"/admin/pages/{page.pk}/view_draft/")
    for page in pages:
        page.get_latest_revision().publish()
        shown.add("resource page", None, ResourcePage.objects.get(pk=page.pk).url)
    return shown.add("hub index", None, hub.url)


resource_proposal.verbatim = True
resource_proposal.limit = 240


def collection(texts):
    """Members' public collections: title and description, as the collection form saves them."""
    hub, resource = hub_resource()
    owner = UserFactory()
    shown = Shown().add("collections", None, reverse("hub_community:collections"))
    for text in texts:
        form = CollectionForm(
            {"title": text[:200], "description": text, "visibility": Visibility.PUBLIC}
        )
        assert form.is_valid(), form.errors
        form.instance.owner = owner
        made = form.save()
        collection_add_item(collection=made, page=resource)
        collection_set_featured(collection=made, featured=True)
        shown.add("collection", None, made.get_absolute_url())
        shown.add(
            "collection editor", owner, reverse("hub_community:collection_edit", args=[made.pk])
        )
    return shown.add("hub home (featured)", None, hub.url)


collection.verbatim = True
collection.limit = 200


def proposal_source_url(texts):
    """The original source of proposals, a URL a member gives: refused unless http(s)."""
    hub, resource = hub_resource()
    shown = Shown().add("resource page", None, resource.url)
    for text in texts:
        form = ContributionForm(
            {
                "title": "Études", "resource_type": "exercise", "summary": "Résumé.",
                "body_text": "Texte.", "discipline": "music", "level": "beginner",
                "language": "fr", "licence": "cc-by", "authors": "Claire", "source_url": text,
            },
            {},
        )  # fmt: skip
        if not form.is_valid():
            assert list(form.errors) == ["source_url"], form.errors
            continue
        contribution = contribution_propose(
            hub_index=hub, user=UserFactory(), data=form.cleaned_data
        )
        page = ResourcePage.objects.get(pk=contribution.page_id)
        page.get_latest_revision().publish()
        shown.add("resource page", None, ResourcePage.objects.get(pk=page.pk).url)
    return shown


proposal_source_url.verbatim = False
proposal_source_url.limit = 80


def _recording(teacher, text):
    recording = Recording.objects.create(
        owner=teacher, asset=ready_asset(teacher), title=text[:255], description=text,
        place=text, rights_holder=text, transcript=text,
        visibility=RecordingVisibility.PUBLIC,
    )  # fmt: skip
    RecordingPerformer.objects.create(recording=recording, name=text, role=text[:120])
    RecordingWork.objects.create(recording=recording, composer=text, title=text)
    caption = RecordingCaption(recording=recording, language="fr", label=text[:60])
    caption.file.save("captions.vtt", ContentFile(f"WEBVTT\n\n00:00.000 --> 00:02.000\n{text}\n"))
    RecordingChapter.objects.create(
        recording=recording, start=timezone.timedelta(seconds=1), title=text
    )
    return recording


def recording_metadata(texts):
    """Recordings' title, description, performers, works, place, rights, captions, chapters."""
    teacher = UserFactory(roles=[Role.TEACHERS])
    shown = (
        Shown()
        .add("studio catalogue", None, reverse("studio:catalogue"))
        .add("admin recordings", teacher, reverse("recordings:index"))
    )
    for text in texts:
        recording = _recording(teacher, text)
        shown.add("recording page", None, recording.get_absolute_url())
        shown.add("recording embed", None, reverse("studio:embed", args=[recording.uuid]))
        edit = reverse("recordings:edit", args=[recording.pk])
        shown.add("admin recording editor", teacher, edit)
    return shown


recording_metadata.verbatim = True
recording_metadata.limit = 250


def quiz_answer(texts):
    """Students' short answers, shown back in the quiz with its result."""
    teacher = UserFactory(roles=[Role.TEACHERS])
    course_page, quiz, _work = course(teacher)
    shown = Shown()
    for text in texts:
        student = enrolled_student(course_page)
        response = client_for(student).post(
            reverse("campus:quiz_submit", args=[quiz.pk, "quiz-1"]),
            {"q-q-short": text, "attempt": "1"},
        )
        assert response.status_code == 302, response.status_code
        shown.add("lesson with the quiz result", student, quiz.url)
    return shown


quiz_answer.verbatim = True
quiz_answer.limit = 200


def assignment_note_and_comment(texts):
    """Students' notes on a hand-in and the teacher's time-coded comments on them."""
    teacher = UserFactory(roles=[Role.TEACHERS])
    course_page, _quiz, work = course(teacher)
    shown = Shown()
    for text in texts:
        student = enrolled_student(course_page)
        submission = Submission.objects.create(
            lesson=work, block_id=ASSIGNMENT_BLOCK, student=student,
            kind=SubmissionKind.RECORDING, asset=ready_asset(student), note=text, max_grade=20,
        )  # fmt: skip
        response = client_for(teacher).post(
            reverse("campus_assignments:comment_add", args=[submission.uuid]),
            {"text": text, "at": "0:01"},
        )
        assert response.status_code in (200, 302), response.status_code
        assert submission.comments.filter(text=text.strip()).exists(), "comment not saved"
        shown.add("submission (student)", student, submission_url(submission))
        shown.add("review (teacher)", teacher, submission_url(submission, "review/"))
    return shown


assignment_note_and_comment.verbatim = True
assignment_note_and_comment.limit = 1000


def submission_url(submission, rest=""):
    return reverse("campus_assignments:submission", args=[submission.uuid]) + rest


def feedback_and_triage(texts):
    """Volunteers' feedback (message, page address, browser) and the team's notes and replies."""
    staff = staff_user()
    shown = Shown().add("admin feedback list", staff, reverse("beta_feedback:index"), excerpt=True)
    for text in texts:
        volunteer = UserFactory(roles=[Role.BETA_VOLUNTEERS])
        response = client_for(volunteer).post(
            reverse("feedback:new"),
            {"kind": "bug", "message": text, "url": f"/studio/?q={text}"},
            HTTP_USER_AGENT=text,
        )
        assert response.status_code == 302, response.status_code
        item = Feedback.objects.get(author=volunteer)
        feedback_services.triage(feedback=item, user=staff, note=text, reply=text)
        shown.add("my feedback", volunteer, reverse("feedback:mine"))
        shown.add("admin triage", staff, reverse("beta_feedback:edit", args=[item.pk]))
    return shown


feedback_and_triage.verbatim = True
feedback_and_triage.limit = 480


def volunteer_application(texts):
    """What members write when applying to the beta programme, read by staff."""
    staff = staff_user()
    shown = Shown().add("admin applications", staff, reverse("beta_applications:index"))
    for text in texts:
        applicant = UserFactory()
        form = ApplicationForm(
            {
                "profile": ProfileKind.STUDENT, "institution": text[:200], "availability": text,
                "consent": "on",
            }
        )  # fmt: skip
        assert form.is_valid(), form.errors
        data = {name: form.cleaned_data[name] for name in form.Meta.fields if name != "instruments"}
        application = feedback_services.apply(user=applicant, data=data)
        shown.add("my application", applicant, reverse("feedback:application"))
        inspect = reverse("beta_applications:inspect", args=[application.pk])
        shown.add("admin application", staff, inspect)
    return shown


volunteer_application.verbatim = True
volunteer_application.limit = 200


def survey_answer(texts):
    """Volunteers' answers to a survey (Wagtail's form builder), in the admin's submissions."""
    cohort = Cohort.objects.create(name=f"Cohorte {uuid.uuid4().hex[:6]}")
    survey = SurveyPage(title="Votre avis", slug=f"avis-{uuid.uuid4().hex[:6]}", cohort=cohort)
    home().add_child(instance=survey)
    SurveyFormField.objects.create(
        page=survey, sort_order=0, label="Note", field_type="multiline", required=True
    )
    for text in texts:
        volunteer = UserFactory(roles=[Role.BETA_VOLUNTEERS])
        VolunteerApplication.objects.create(
            user=volunteer, profile=ProfileKind.STUDENT, consent_given_at=timezone.now(),
            status=ApplicationStatus.ADMITTED, cohort=cohort,
        )  # fmt: skip
        response = client_for(volunteer).post(survey.url, {"note": text})
        assert response.status_code == 200, response.status_code
    assert survey.get_submission_class().objects.filter(page=survey).count() == len(texts)
    submissions = reverse("wagtailforms:list_submissions", args=[survey.pk])
    return Shown().add("admin survey submissions", staff_user(), submissions)


survey_answer.verbatim = True
survey_answer.limit = 2000


def search_query(texts):
    """What people type into the search boxes (site, hub, studio), shown back to them."""
    hub, _resource = hub_resource()
    shown = Shown()
    for text in texts:
        query = urlencode({"q": text})
        shown.add("site search", None, f"{reverse('search')}?{query}")
        shown.add("hub search", None, f"{hub.url}search/?{query}")
        shown.add("studio catalogue search", None, f"{reverse('studio:catalogue')}?{query}")
    return shown


search_query.verbatim = True
search_query.limit = 200


FIELDS = {
    "display name": display_name,
    "hub comment and report": hub_comment,
    "resource proposal": resource_proposal,
    "proposal source URL": proposal_source_url,
    "collection": collection,
    "recording metadata and captions": recording_metadata,
    "quiz short answer": quiz_answer,
    "assignment note and teacher comment": assignment_note_and_comment,
    "feedback, triage note and reply": feedback_and_triage,
    "volunteer application": volunteer_application,
    "survey answer": survey_answer,
    "search query": search_query,
}
