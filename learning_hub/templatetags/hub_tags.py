"""Template helpers of hub pages."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

register = template.Library()

# The characters that could end a <script> element or start markup inside it.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def ld_json(data):
    """Return `data` as JSON safe to place inside <script type="application/ld+json">."""
    # Safe: the characters that could close the script element are escaped.
    return mark_safe(  # noqa: S308
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    )
