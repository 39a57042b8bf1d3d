"""Checks of what students hand in and what teachers write, with messages people can act on."""

import re
from pathlib import PurePosixPath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Extension → the content type the file is served with; the bytes must agree (see below).
FILE_TYPES = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".mxl": "application/vnd.recordare.musicxml",
    ".musicxml": "application/vnd.recordare.musicxml+xml",
    ".txt": "text/plain",
}
# What `filetype` recognises in the first bytes of each binary kind.
SNIFFED = {
    ".pdf": {"application/pdf"},
    ".png": {"image/png"},
    ".jpg": {"image/jpeg"},
    ".jpeg": {"image/jpeg"},
    ".mxl": {"application/zip"},
}
TEXT_KINDS = {".txt", ".musicxml"}
HEAD_BYTES = 8192
TIME = re.compile(r"^\s*(-)?\s*(?:(?:(\d+):)?(\d{1,2}):)?(\d+(?:[.,]\d+)?)\s*$")
NOTE_MAX_LENGTH = 2000
COMMENT_MAX_LENGTH = 2000


def max_file_bytes():
    return getattr(settings, "CAMPUS_ASSIGNMENT_MAX_FILE_BYTES", 20 * 1024 * 1024)


def max_form_recording_bytes():
    """Return the limit of a recording sent without the resumable uploader (no JavaScript)."""
    return getattr(settings, "CAMPUS_ASSIGNMENT_MAX_FORM_RECORDING_BYTES", 500 * 1024 * 1024)


def accepted_extensions():
    return ", ".join(sorted(ext.lstrip(".").upper() for ext in FILE_TYPES))


def validate_submission_file(file):
    """Return the content type to serve `file` with; raise ValidationError if refused.

    The extension must be one of FILE_TYPES and the first bytes must be of that kind, so a
    program renamed `score.pdf` is refused rather than served.
    """
    extension = PurePosixPath(file.name or "").suffix.lower()
    if extension not in FILE_TYPES:
        raise ValidationError(
            _("This type of file is not accepted. Send one of: %(types)s.")
            % {"types": accepted_extensions()},
            code="file_type",
        )
    if file.size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")
    if file.size > max_file_bytes():
        raise ValidationError(
            _("The file is too large (%(size)s): the limit is %(limit)s.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(max_file_bytes())},
            code="file_too_large",
        )
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    if not _content_matches(extension, head):
        raise ValidationError(
            _("The content of this file is not a %(type)s file: export it again and retry.")
            % {"type": extension.lstrip(".").upper()},
            code="file_content",
        )
    return FILE_TYPES[extension]


def _content_matches(extension, head):
    if extension in TEXT_KINDS:
        try:
            text = head.decode("utf-8-sig")
        except UnicodeDecodeError:
            # The head may cut a multi-byte character at its end.
            try:
                text = head[:-3].decode("utf-8-sig")
            except UnicodeDecodeError:
                return False
        if "\x00" in text:
            return False
        return extension != ".musicxml" or text.lstrip().startswith("<")
    kind = filetype.guess(head)
    return kind is not None and kind.mime in SNIFFED[extension]


def parse_time(text):
    """Return the seconds written as "75", "1:15", "1:15.5" or "0:01:15"; raise ValueError.

    A leading minus is kept, so that the caller can say why a negative moment is refused.
    """
    match = TIME.match(text or "")
    if not match:
        raise ValueError(text)
    sign, hours, minutes, seconds = match.groups()
    value = float(seconds.replace(",", "."))
    if minutes is not None and value >= 60:
        raise ValueError(text)
    total = int(hours or 0) * 3600 + int(minutes or 0) * 60 + value
    return -total if sign else total


def format_time(seconds):
    """Return seconds as m:ss or h:mm:ss, as the player shows them."""
    total = int(seconds or 0)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
