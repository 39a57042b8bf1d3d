"""The student's submissions and the comments a person wrote, for the data download and erasure."""

from django.core.files.storage import default_storage

from .models import ReviewComment, Submission


def export(user):
    """Return the user's submissions (with the comments on them) and the comments they wrote."""
    submissions = Submission.objects.filter(student=user).select_related("lesson")
    return {
        "submissions": [
            {
                "lesson": s.lesson.title,
                "attempt": s.attempt,
                "kind": s.kind,
                "file_name": s.file_name,
                "note": s.note,
                "status": s.status,
                "grade": s.grade,
                "max_grade": s.max_grade,
                "submitted_at": s.created_at.isoformat(),
                "comments": [
                    {"at_seconds": c.at_seconds, "text": c.text} for c in s.comments.all()
                ],
            }
            for s in submissions.prefetch_related("comments")
        ],
        "comments_written": [
            {"at_seconds": c.at_seconds, "text": c.text, "written_at": c.created_at.isoformat()}
            for c in ReviewComment.objects.filter(author=user)
        ],
    }


def erase(user):
    """Delete the user's submissions and their files (recordings go with the user's assets)."""
    for submission in Submission.objects.filter(student=user).exclude(file=""):
        default_storage.delete(submission.file.name)
    Submission.objects.filter(student=user).delete()
