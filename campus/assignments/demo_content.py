"""Demo: the demo student's recording for the demo lesson's assignment, with a comment at 0:01."""

import subprocess
import tempfile
from pathlib import Path

from django.core.files import File
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from campus.models import LessonPage
from media_pipeline import services as media_services
from media_pipeline.models import AssetProfile

from .assignments import BLOCK_TYPE
from .models import ReviewComment, Submission, SubmissionKind, SubmissionStatus

STUDENT = "etudiant@example.org"
TEACHER = "enseignant@example.org"
CLIP_SECONDS = 4
COMMENT = "Belle attaque ! À 0:01, gardez l'archet plus près du chevalet pour un son plus rond."


def demo_assignment():
    """Return (lesson, block) of the first lesson with an assignment taking a recording."""
    for lesson in LessonPage.objects.live().order_by("path"):
        for block in lesson.body:
            if block.block_type == BLOCK_TYPE and block.value.get("kind") in (
                "recording",
                "either",
            ):
                return lesson, block
    return None, None


def make_clip(path):
    """Write a short flat clip with a tone, as a student's phone would record it."""
    subprocess.run(
        [
            "ffmpeg", "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", f"testsrc2=s=640x360:r=25:d={CLIP_SECONDS}",
            "-f", "lavfi", "-i", f"sine=f=440:d={CLIP_SECONDS}:sample_rate=48000",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-shortest", str(path),
        ],
        check=True,
        timeout=120,
    )  # fmt: skip
    return path


def load_demo_submission():
    """Create the demo submission once, if the campus demo has a lesson with an assignment."""
    lesson, block = demo_assignment()
    student = User.objects.filter(email=STUDENT).first()
    teacher = User.objects.filter(email=TEACHER).first()
    if lesson is None or student is None:
        return [_("Demo submission: skipped (no demo lesson with an assignment).")]
    existing = Submission.objects.filter(lesson=lesson, block_id=block.id, student=student)
    if existing.exists():
        return [_("Demo submission: already there (%(lesson)s)") % {"lesson": lesson.title}]
    with tempfile.TemporaryDirectory() as folder:
        clip = make_clip(Path(folder) / "gamme-re-majeur.mp4")
        with clip.open("rb") as handle:
            asset = media_services.asset_create(
                owner=student,
                file=File(handle, name=clip.name),
                profile=AssetProfile.FLAT,
                confirmed=True,
            )
    max_grade = block.value.get("max_grade")
    submission = Submission.objects.create(
        lesson=lesson,
        block_id=block.id,
        student=student,
        kind=SubmissionKind.RECORDING,
        asset=asset,
        note="Voici ma gamme de ré majeur, deux octaves, lentement.",
        status=SubmissionStatus.REVIEWED,
        grade=min(16, max_grade) if max_grade else None,
        max_grade=max_grade,
        reviewed_by=teacher,
        reviewed_at=timezone.now(),
    )
    ReviewComment.objects.create(submission=submission, author=teacher, at_seconds=1, text=COMMENT)
    return [
        _("Demo submission: %(lesson)s, reviewed with a comment at 0:01 (processed by the worker)")
        % {"lesson": lesson.title}
    ]
