"""Validation of what volunteers upload."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

SCREENSHOT_MAX_BYTES = 5 * 1024 * 1024
SCREENSHOT_FORMATS = {"PNG", "JPEG", "WEBP", "GIF"}


def validate_screenshot(file):
    """Refuse a screenshot that is too large or not a PNG, JPEG, WebP or GIF image."""
    if file.size > SCREENSHOT_MAX_BYTES:
        raise ValidationError(
            _("The screenshot is too large (%(size)s); the limit is %(limit)s."),
            params={
                "size": filesizeformat(file.size),
                "limit": filesizeformat(SCREENSHOT_MAX_BYTES),
            },
            code="too_large",
        )
    image = getattr(file, "image", None)
    if image is not None and image.format not in SCREENSHOT_FORMATS:
        raise ValidationError(
            _("Send the screenshot as a PNG, JPEG, WebP or GIF image."), code="format"
        )
