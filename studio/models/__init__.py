from ..uploads.models import Upload
from .recordings import (
    Licence,
    Recording,
    RecordingCaption,
    RecordingChapter,
    RecordingPerformer,
    RecordingQuerySet,
    RecordingTag,
    RecordingWork,
    Visibility,
)

__all__ = [
    "Licence",
    "Recording",
    "RecordingCaption",
    "RecordingChapter",
    "RecordingPerformer",
    "RecordingQuerySet",
    "RecordingTag",
    "RecordingWork",
    "Upload",
    "Visibility",
]
