"""The upload screen and the JSON endpoints that Uppy's multipart uploader calls."""

import json
from functools import wraps

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from . import purposes, services
from .errors import UploadError
from .permissions import upload_api_access, upload_screen_access

DEFAULT_CHUNK_SIZE = 10 * 1024 * 1024


def error_response(error):
    return JsonResponse({"error": error.message, "code": error.code}, status=error.status)


def handles_upload_errors(view):
    """Answer an UploadError raised by `view` with its JSON refusal."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except UploadError as error:
            return error_response(error)

    return wrapped


def upload_creation_rate(group, request):
    """Return how many uploads a person may start, from STUDIO_UPLOAD_CREATE_RATE."""
    return settings.STUDIO_UPLOAD_CREATE_RATE


def limits_upload_creation(view):
    """Refuse with a JSON 429 a person who starts uploads faster than the rate allows.

    Parts, retries and resumptions of an upload already started are not counted: a big
    recording on a poor connection never hits the limit.
    """

    @wraps(view)
    @ratelimit(key="user_or_ip", rate=upload_creation_rate, method="POST", block=False)
    def wrapped(request, *args, **kwargs):
        if getattr(request, "limited", False):
            message = _(
                "You have started many uploads in a short time: wait a little, then try again."
            )
            return JsonResponse({"error": message, "code": "rate_limited"}, status=429)
        return view(request, *args, **kwargs)

    return wrapped


def json_body(request):
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError) as exc:
        raise UploadError("bad_request") from exc
    if not isinstance(data, dict):
        raise UploadError("bad_request")
    return data


def next_url_for(recording):
    try:
        return reverse("studio_recording_status", args=[recording.pk])
    except NoReverseMatch:
        return "/admin/"


@upload_screen_access
@require_GET
def new(request):
    """Show the upload screen."""
    context = {
        "chunk_size": getattr(settings, "STUDIO_UPLOAD_CHUNK_SIZE", DEFAULT_CHUNK_SIZE),
        "max_size": services.max_upload_bytes(),
        "create_url": reverse("studio_uploads:create"),
        "accept": ",".join(sorted(services.ALLOWED_EXTENSIONS)),
    }
    return render(request, "studio/uploads/new.html", context)


@upload_api_access
@require_POST
@limits_upload_creation
@handles_upload_errors
def create(request):
    """Start a multipart upload: {filename, type, size} → {uploadId, key}."""
    data = json_body(request)
    size = data.get("size")
    upload = services.upload_create(
        owner=request.user,
        filename=str(data.get("filename") or ""),
        content_type=str(data.get("type") or ""),
        size=size,
    )
    return JsonResponse({"uploadId": str(upload.uuid), "key": upload.storage_key}, status=201)


@upload_api_access
@require_GET
@handles_upload_errors
def sign_part(request, upload_uuid, part_number):
    """Return {url, method} to send one part: presigned S3 URL, or Django's part URL."""
    upload = services.upload_get(user=request.user, upload_uuid=upload_uuid)
    signed = services.upload_sign_part(upload=upload, part_number=part_number, user=request.user)
    return JsonResponse(signed)


@upload_api_access
@require_GET
@handles_upload_errors
def list_parts(request, upload_uuid):
    """Return the parts already stored: [{PartNumber, Size, ETag}]."""
    upload = services.upload_get(user=request.user, upload_uuid=upload_uuid)
    return JsonResponse(services.upload_list_parts(upload=upload), safe=False)


@upload_api_access
@require_POST
@handles_upload_errors
def complete(request, upload_uuid):
    """Join the parts {parts: [{PartNumber, ETag}]} and create the recording."""
    parts = json_body(request).get("parts")
    if not isinstance(parts, list) or not all(_is_part(p) for p in parts):
        raise UploadError("bad_request")
    recording = services.upload_complete(user=request.user, upload_uuid=upload_uuid, parts=parts)
    return JsonResponse(
        {
            "recording_id": recording.pk,
            "next_url": next_url_for(recording),
            "location": next_url_for(recording),
        }
    )


def _is_part(part):
    return (
        isinstance(part, dict)
        and isinstance(part.get("PartNumber"), int)
        and isinstance(part.get("ETag"), str)
    )


@upload_api_access
@require_http_methods(["DELETE"])
@handles_upload_errors
def abort(request, upload_uuid):
    """Cancel the upload and delete its parts."""
    services.upload_abort(user=request.user, upload_uuid=upload_uuid)
    return JsonResponse({"aborted": True, "message": _("The upload was cancelled.")})


# The signed token in the URL authorises the request, as a presigned S3 URL would: it is bound
# to the upload, the part and the user, and expires; the session must be that user's too.
@csrf_exempt
@upload_api_access
@require_http_methods(["PUT"])
@handles_upload_errors
def receive_part(request, upload_uuid, part_number):
    """Store one part sent by the browser (local storage only); answer with its ETag."""
    upload = services.upload_get(user=request.user, upload_uuid=upload_uuid)
    etag = services.upload_receive_part(
        upload=upload,
        part_number=part_number,
        user=request.user,
        token=request.GET.get("token"),
        stream=request,
    )
    response = HttpResponse(status=200)
    response["ETag"] = etag
    response["Access-Control-Expose-Headers"] = "ETag"
    return response


# --- Uploads for a purpose registered by another app (see purposes.py) ----------------------


def purpose_api_access(view):
    """Resolve the purpose of the URL and require its permission; refuse with a JSON 403.

    The view receives the UploadPurpose instead of its name.
    """

    @wraps(view)
    def wrapped(request, purpose, scope, *args, **kwargs):
        registered = purposes.get(purpose)
        if not purposes.allows(registered, request.user, scope):
            return JsonResponse({"error": _("You may not upload recordings.")}, status=403)
        return view(request, registered, scope, *args, **kwargs)

    return wrapped


@purpose_api_access
@require_POST
@limits_upload_creation
@handles_upload_errors
def purpose_create(request, purpose, scope):
    """Start a multipart upload for `purpose`: {filename, type, size} → {uploadId, key}."""
    data = json_body(request)
    upload = services.upload_create(
        owner=request.user,
        filename=str(data.get("filename") or ""),
        content_type=str(data.get("type") or ""),
        size=data.get("size"),
        purpose=purpose.name,
        scope=scope,
    )
    return JsonResponse({"uploadId": str(upload.uuid), "key": upload.storage_key}, status=201)


def _purpose_upload(request, purpose, scope, upload_uuid):
    return services.upload_get(
        user=request.user, upload_uuid=upload_uuid, purpose=purpose.name, scope=scope
    )


@purpose_api_access
@require_GET
@handles_upload_errors
def purpose_sign_part(request, purpose, scope, upload_uuid, part_number):
    """Return {url, method} to send one part of an upload for `purpose`."""
    upload = _purpose_upload(request, purpose, scope, upload_uuid)
    signed = services.upload_sign_part(upload=upload, part_number=part_number, user=request.user)
    return JsonResponse(signed)


@purpose_api_access
@require_GET
@handles_upload_errors
def purpose_list_parts(request, purpose, scope, upload_uuid):
    """Return the parts of an upload for `purpose` already stored."""
    upload = _purpose_upload(request, purpose, scope, upload_uuid)
    return JsonResponse(services.upload_list_parts(upload=upload), safe=False)


@purpose_api_access
@require_POST
@handles_upload_errors
def purpose_complete(request, purpose, scope, upload_uuid):
    """Join the parts and create the asset; answer with what the purpose tells the browser."""
    parts = json_body(request).get("parts")
    if not isinstance(parts, list) or not all(_is_part(p) for p in parts):
        raise UploadError("bad_request")
    answer = services.upload_complete_for_purpose(
        user=request.user, upload_uuid=upload_uuid, parts=parts, purpose=purpose, scope=scope
    )
    return JsonResponse(answer)


@purpose_api_access
@require_http_methods(["DELETE"])
@handles_upload_errors
def purpose_abort(request, purpose, scope, upload_uuid):
    """Cancel an upload for `purpose` and delete its parts."""
    services.upload_abort(
        user=request.user, upload_uuid=upload_uuid, purpose=purpose.name, scope=scope
    )
    return JsonResponse({"aborted": True, "message": _("The upload was cancelled.")})


# Authorised like receive_part: the signed token is bound to the upload, the part and the user.
@csrf_exempt
@purpose_api_access
@require_http_methods(["PUT"])
@handles_upload_errors
def purpose_receive_part(request, purpose, scope, upload_uuid, part_number):
    """Store one part of an upload for `purpose` (local storage only)."""
    upload = _purpose_upload(request, purpose, scope, upload_uuid)
    etag = services.upload_receive_part(
        upload=upload,
        part_number=part_number,
        user=request.user,
        token=request.GET.get("token"),
        stream=request,
    )
    response = HttpResponse(status=200)
    response["ETag"] = etag
    response["Access-Control-Expose-Headers"] = "ETag"
    return response
