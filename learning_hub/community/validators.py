"""Validation of the files a contributor attaches to a proposal: kind by content, and size."""

from pathlib import PurePath

import filetype
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_FILES = 5
# Extension → what the content must be recognised as (None: plain UTF-8 text).
# Zip-based formats (docx, odt, mxl, mscz) are recognised by their container.
ACCEPTED = {
    "pdf": {"pdf"},
    "odt": {"odt", "zip"},
    "docx": {"docx", "zip"},
    "mxl": {"zip"},
    "mscz": {"zip"},
    "mid": {"midi"},
    "mp3": {"mp3"},
    "ogg": {"ogg"},
    "flac": {"flac"},
    "wav": {"wav"},
    "musicxml": None,
    "txt": None,
}


def validate_document(upload):
    """Raise ValidationError unless `upload` is an accepted kind of file of reasonable size.

    The content must match the extension: a renamed program does not pass as a score.
    """
    name = upload.name
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension not in ACCEPTED:
        raise ValidationError(
            _("“%(name)s”: this kind of file is not accepted. Accepted: %(kinds)s.")
            % {"name": name, "kinds": ", ".join(sorted(ACCEPTED))},
            code="extension",
        )
    if upload.size > MAX_FILE_BYTES:
        raise ValidationError(
            _("“%(name)s” weighs %(size)s; a file may weigh %(max)s at most.")
            % {"name": name, "size": filesizeformat(upload.size),
               "max": filesizeformat(MAX_FILE_BYTES)},
            code="too_large",
        )  # fmt: skip
    head = _head(upload)
    expected = ACCEPTED[extension]
    if expected is None:
        ok = _is_text(head)
    else:
        kind = filetype.guess(head)
        ok = kind is not None and kind.extension in expected
    if not ok:
        raise ValidationError(
            _("“%(name)s” does not contain what its name says (.%(extension)s): "
              "export it again from the program that made it.")
            % {"name": name, "extension": extension},
            code="content",
        )  # fmt: skip


def _head(upload, size=8192):
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _is_text(head):
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still text.
        return exc.start >= len(head) - 3
    return b"\x00" not in head
