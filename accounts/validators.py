"""Validation of what members upload to their profile."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

AVATAR_FORMATS = {"JPEG", "PNG", "WEBP"}
AVATAR_MAX_PIXELS = 4096 * 4096


def validate_avatar(file):
    """Raise ValidationError unless `file` is a JPEG, PNG or WebP image of acceptable size."""
    if file.size > settings.AVATAR_MAX_BYTES:
        raise ValidationError(
            _("The image is %(size)s; the limit is %(limit)s. Choose a smaller image.")
            % {
                "size": filesizeformat(file.size),
                "limit": filesizeformat(settings.AVATAR_MAX_BYTES),
            },
            code="too_large",
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        with Image.open(file) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            _("This file is not an image we can read. Upload a JPEG, PNG or WebP picture."),
            code="invalid_image",
        ) from exc
    finally:
        if hasattr(file, "seek"):
            file.seek(position)
    if image_format not in AVATAR_FORMATS:
        raise ValidationError(
            _("Images in %(format)s format are not accepted. Upload a JPEG, PNG or WebP picture.")
            % {"format": image_format},
            code="invalid_format",
        )
    if width * height > AVATAR_MAX_PIXELS:
        raise ValidationError(
            _("The image is %(w)s×%(h)s pixels; the limit is 4096×4096.")
            % {"w": width, "h": height},
            code="too_many_pixels",
        )
