"""Who may upload recordings: admin users who may add recordings (teachers, staff)."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.utils.translation import gettext as _
from wagtail.admin.auth import require_admin_access

UPLOAD_PERMISSION = "studio.add_recording"


def can_upload(user):
    return (
        user.is_active
        and user.has_perm("wagtailadmin.access_admin")
        and user.has_perm(UPLOAD_PERMISSION)
    )


def upload_screen_access(view):
    """Require admin access and the permission to add recordings; refuse with a 403 page."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_upload(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return require_admin_access(wrapped)


def upload_api_access(view):
    """Require admin access and the permission to add recordings; refuse with a JSON 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated or not can_upload(request.user):
            return JsonResponse({"error": _("You may not upload recordings.")}, status=403)
        return view(request, *args, **kwargs)

    return wrapped
