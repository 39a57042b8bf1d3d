"""Pages of assignments: hand in, follow the processing, review on a timeline, read feedback."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from media_pipeline.models import AssetState

from . import assignments, services
from .forms import CommentForm, ReviewForm, SubmissionForm
from .models import ReviewComment, Submission, SubmissionKind
from .permissions import policy
from .player import player_config
from .uploads import PURPOSE
from .validators import accepted_extensions, format_time, max_file_bytes

SUBMIT_RATE = "10/h"


def _submission(uuid):
    queryset = Submission.objects.select_related("asset", "lesson", "student", "reviewed_by")
    return get_object_or_404(queryset, uuid=uuid)


def _viewable(request, uuid):
    """Return the submission if the user may see it; raise Http404 otherwise (no leak)."""
    submission = _submission(uuid)
    if not policy.can_view(request.user, submission):
        raise Http404
    return submission


def _reviewable(request, uuid):
    submission = _submission(uuid)
    if not policy.can_review(request.user, submission.lesson.course):
        raise Http404
    return submission


def _assignment_of(submission):
    return assignments.find(submission.lesson, submission.block_id)


def _comments(submission):
    return list(submission.comments.select_related("author"))


def _timeline(submission, comments):
    """Return the markers of the timeline: comments with a moment, placed in percent."""
    duration = submission.duration or 0
    return [
        {
            "comment": c,
            "clock": format_time(c.at_seconds),
            "percent": round(min(100, 100 * c.at_seconds / duration), 2) if duration else 0,
        }
        for c in comments
        if c.at_seconds is not None
    ]


def _feedback_context(submission, *, title):
    comments = _comments(submission)
    ready = submission.asset is not None and submission.asset.state == AssetState.READY
    return {
        "submission": submission,
        "comments": comments,
        "general_comments": [c for c in comments if c.at_seconds is None],
        "markers": _timeline(submission, comments),
        "player_config": player_config(submission, title=title) if ready else None,
        "duration_clock": format_time(submission.duration) if submission.duration else "",
    }


@login_required
@require_http_methods(["GET", "POST"])
@ratelimit(key="user", rate=SUBMIT_RATE, method="POST", block=False)
def submit(request, lesson_id, block_id):
    """Show the assignment, the student's attempts, and the form to hand in (again)."""
    assignment = assignments.get_or_404(lesson_id, block_id)
    if not policy.can_submit(request.user, assignment):
        raise PermissionDenied
    attempts = list(
        Submission.objects.for_assignment(lesson=assignment.lesson, block_id=block_id)
        .filter(student=request.user)
        .select_related("asset")
        .latest_first()
    )
    latest = attempts[0] if attempts else None
    open_ = services.can_hand_in(latest)
    form = SubmissionForm(accepts=assignment.accepts)
    status, refusal = 200, ""
    if request.method == "POST" and getattr(request, "limited", False):
        status = 429
        refusal = _("You handed in many times in a short while. Wait an hour, then try again.")
    elif request.method == "POST" and not open_:
        status, refusal = 400, _("You already handed in this assignment.")
    elif request.method == "POST":
        form = SubmissionForm(request.POST, request.FILES, accepts=assignment.accepts)
        if form.is_valid():
            try:
                submission = _hand_in(request, assignment, form.cleaned_data)
            except ValidationError as error:
                form.add_error(_field_of(form.cleaned_data.get("kind")), error)
            else:
                messages.success(request, _("Your work is handed in. Your teacher is told."))
                return redirect(submission)
        status = 400
    context = _submit_context(request, assignment, attempts, form, open_ and status != 429)
    context["refusal"] = refusal
    return render(request, "campus_assignments/submit.html", context, status=status)


def _field_of(kind):
    return "file" if kind == SubmissionKind.FILE else "recording"


def _hand_in(request, assignment, data):
    kind = data["kind"]
    asset = None
    if kind == SubmissionKind.RECORDING:
        asset = data.get("asset_object") or services.recording_from_form(
            student=request.user, file=data["recording"]
        )
    return services.submission_create(
        student=request.user,
        assignment=assignment,
        kind=kind,
        note=data.get("note", ""),
        asset=asset,
        file=data.get("file"),
    )


def _submit_context(request, assignment, attempts, form, open_):
    from studio.uploads.services import ALLOWED_EXTENSIONS, max_upload_bytes

    return {
        "assignment": assignment,
        "lesson": assignment.lesson,
        "attempts": attempts,
        "latest": attempts[0] if attempts else None,
        "can_hand_in": open_,
        "form": form,
        "upload_url": reverse("studio_media:upload_create", args=[PURPOSE, assignment.scope]),
        "upload_max_size": max_upload_bytes(),
        "recording_accept": ",".join(sorted(ALLOWED_EXTENSIONS)),
        "file_types": accepted_extensions(),
        "file_max_size": max_file_bytes(),
    }


@login_required
@require_GET
def submission_detail(request, uuid):
    """Show a submission with its processing, verdict and time-coded comments."""
    submission = _viewable(request, uuid)
    assignment = _assignment_of(submission)
    title = assignment.title if assignment else submission.lesson.title
    context = _feedback_context(submission, title=title)
    is_student = submission.student_id == request.user.pk
    latest = (
        services.latest_submission(student=request.user, assignment=assignment)
        if is_student and assignment
        else None
    )
    context.update(
        assignment=assignment,
        can_review=policy.can_review(request.user, submission.lesson.course),
        is_student=is_student,
        can_hand_in_again=latest is not None and services.can_hand_in(latest),
    )
    return render(request, "campus_assignments/submission.html", context)


@login_required
@require_GET
def submission_status(request, uuid):
    """Return the processing state of the recording, for the page to follow it live."""
    submission = _viewable(request, uuid)
    asset = submission.asset
    if asset is None:
        raise Http404
    return JsonResponse(
        {
            "state": asset.state,
            "label": asset.get_state_display(),
            "progress": asset.progress,
            "ready": asset.state == AssetState.READY,
            "failed": asset.state in services.FAILED_STATES,
            "message": asset.error_message,
        }
    )


@login_required
@require_http_methods(["GET", "POST"])
def review(request, uuid):
    """Review a submission: the recording on a timeline of comments, verdict and grade."""
    submission = _reviewable(request, uuid)
    assignment = _assignment_of(submission)
    max_grade = assignment.max_grade if assignment else submission.max_grade
    review_form = ReviewForm(
        initial={"status": submission.status, "grade": submission.grade}, max_grade=max_grade
    )
    status = 200
    if request.method == "POST":
        review_form = ReviewForm(request.POST, max_grade=max_grade)
        if review_form.is_valid():
            try:
                services.submission_review(
                    submission=submission,
                    reviewer=request.user,
                    status=review_form.cleaned_data["status"],
                    grade=review_form.cleaned_data.get("grade"),
                    max_grade=max_grade,
                )
            except ValidationError as error:
                review_form.add_error("grade" if "grade" in review_form.fields else None, error)
            else:
                messages.success(request, _("Your review is saved. The student is told."))
                return redirect("campus_assignments:review", uuid=submission.uuid)
        status = 400
    return _render_review(request, submission, assignment, review_form, CommentForm(), status)


def _render_review(request, submission, assignment, review_form, comment_form, status=200):
    title = assignment.title if assignment else submission.lesson.title
    context = _feedback_context(submission, title=title)
    earlier = (
        Submission.objects.filter(
            lesson=submission.lesson, block_id=submission.block_id, student=submission.student
        )
        .exclude(pk=submission.pk)
        .latest_first()
    )
    context.update(
        assignment=assignment,
        review_form=review_form,
        comment_form=comment_form,
        earlier_attempts=earlier,
    )
    return render(request, "campus_assignments/review.html", context, status=status)


@login_required
@require_POST
def comment_add(request, uuid):
    """Add a comment at a moment; answer JSON to the script, or the page without it."""
    submission = _reviewable(request, uuid)
    form = CommentForm(request.POST)
    wants_json = "application/json" in request.headers.get("Accept", "")
    if form.is_valid():
        try:
            comment = services.comment_add(
                submission=submission,
                author=request.user,
                text=form.cleaned_data["text"],
                at_seconds=form.cleaned_data["moment"],
            )
        except ValidationError as error:
            form.add_error("moment" if error.code and "moment" in error.code else "text", error)
        else:
            if wants_json:
                return JsonResponse(_comment_json(comment, submission), status=201)
            messages.success(request, _("Comment added."))
            return redirect(reverse("campus_assignments:review", args=[uuid]) + "#comments")
    if wants_json:
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    assignment = _assignment_of(submission)
    max_grade = assignment.max_grade if assignment else submission.max_grade
    review_form = ReviewForm(
        initial={"status": submission.status, "grade": submission.grade}, max_grade=max_grade
    )
    return _render_review(request, submission, assignment, review_form, form, status=400)


def _comment_json(comment, submission):
    duration = submission.duration or 0
    at = comment.at_seconds
    return {
        "id": comment.pk,
        "at": at,
        "clock": format_time(at) if at is not None else "",
        "percent": round(min(100, 100 * at / duration), 2) if (at is not None and duration) else 0,
        "text": comment.text,
        "author": comment.author.public_name if comment.author else "",
        "delete_url": reverse(
            "campus_assignments:comment_delete", args=[submission.uuid, comment.pk]
        ),
    }


@login_required
@require_POST
def comment_delete(request, uuid, pk):
    submission = _reviewable(request, uuid)
    comment = get_object_or_404(ReviewComment, pk=pk, submission=submission)
    services.comment_delete(comment=comment)
    messages.success(request, _("Comment deleted."))
    return redirect(reverse("campus_assignments:review", args=[uuid]) + "#comments")


@login_required
@require_GET
def submission_file(request, uuid):
    """Send the handed-in file as an attachment, with the type checked when it was received."""
    submission = _viewable(request, uuid)
    if submission.kind != SubmissionKind.FILE or not submission.file:
        raise Http404
    try:
        handle = default_storage.open(submission.file.name, "rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=submission.file_name or "submission",
        content_type=submission.file_content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
