"""Validation of what teachers attach to recordings."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_CAPTION_BYTES = 2 * 1024 * 1024


def validate_webvtt(file):
    """Raise ValidationError unless `file` is a UTF-8 WebVTT file of reasonable size."""
    if file.size > MAX_CAPTION_BYTES:
        raise ValidationError(_("A caption file may weigh 2 MB at most."), code="too_large")
    position = file.tell()
    head = file.read(64)
    file.seek(position)
    if isinstance(head, str):
        head = head.encode()
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            _("Caption files must be UTF-8 WebVTT (.vtt)."), code="encoding"
        ) from exc
    if not text.startswith("WEBVTT"):
        raise ValidationError(
            _("This is not a WebVTT file: it must start with “WEBVTT”. Convert SRT files first."),
            code="not_webvtt",
        )
