"""Refusals of the upload protocol, each with a message a teacher can act on."""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "bad_request": _("The request could not be understood."),
    "file_name": _("The file has no name."),
    "file_type": _(
        "This type of file is not accepted. Send a video or audio recording "
        "(MP4, MOV, M4V, MKV, WebM, WAV, FLAC, Ogg, MP3 or M4A)."
    ),
    "file_empty": _("The file is empty."),
    "file_too_large": _("The file is too large: the limit is %(limit)s."),
    "not_found": _("This upload does not exist or is not yours."),
    "not_uploading": _("This upload is already finished or was cancelled."),
    "part_number": _("The part number must be between 1 and %(max)s."),
    "part_too_large": _("This part is larger than the file announced."),
    "part_too_small": _("Part %(part)s is too small: every part but the last needs 5 MB."),
    "part_missing": _("Part %(part)s of the file has not been received: resume the upload."),
    "part_unexpected": _("Part %(part)s was received but is not in the completed file."),
    "parts_not_contiguous": _("The list of parts must run from 1 without a gap."),
    "etag_mismatch": _("Part %(part)s does not match what the server received: resume the upload."),
    "size_mismatch": _("The received file does not have the announced size."),
    "token_expired": _("The link to send this part has expired: resume the upload."),
    "token_invalid": _("The link to send this part is not valid."),
    "key_taken": _("A file already exists at this place in storage."),
    "abort_failed": _("The upload could not be cancelled; try again."),
}


class UploadError(Exception):
    """A refused upload step; `message` is translated, `status` is the HTTP status to answer."""

    def __init__(self, code, *, status=400, **params):
        self.code = code
        self.status = status
        self.params = params
        super().__init__(code)

    @property
    def message(self):
        return str(MESSAGES[self.code]) % self.params if self.params else str(MESSAGES[self.code])
