"""Admin screens of a recording's media: status, confirmation, retry, cancel, reprocess."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from media_pipeline import services as media_services
from media_pipeline.models import AssetState

from ..forms import ConfirmMediaForm
from ..models import Recording
from ..permissions import policy
from ..services import recording_confirm_media

ACTIONS = {
    "retry": (media_services.asset_retry, _("Processing starts again.")),
    "cancel": (media_services.asset_cancel, _("Processing has been cancelled.")),
    "reprocess": (media_services.asset_reprocess, _("The recording will be processed again.")),
}


def editable_recording(request, pk):
    """Return recording `pk` if the user may change it; raise PermissionDenied otherwise."""
    recording = get_object_or_404(Recording.objects.select_related("asset"), pk=pk)
    if recording.asset is None or not policy.can_change(request.user, recording):
        raise PermissionDenied
    return recording


def status_data(recording):
    """Return the processing status the page shows and polls.

    Outside `failed`, the asset's message is a notice (a job waiting for the storage to come
    back), not a failure: it is returned as `notice`.
    """
    asset = recording.asset
    failed = asset.state == AssetState.FAILED
    return {
        "state": asset.state,
        "state_label": str(asset.get_state_display()),
        "progress": asset.progress,
        "error_message": asset.error_message if failed else "",
        "notice": "" if failed else asset.error_message,
        "ready": asset.state == AssetState.READY,
        "playable": asset.is_playable,
        "needs_confirmation": asset.state == AssetState.PROBED,
        "final": asset.state in (AssetState.READY, AssetState.FAILED, AssetState.CANCELLED),
    }


@require_GET
def recording_status(request, pk):
    recording = editable_recording(request, pk)
    asset = recording.asset
    form = None
    if asset.state == AssetState.PROBED:
        form = _confirm_form(asset, initial=ConfirmMediaForm.initial_from_probe(asset.probe))
    return TemplateResponse(request, "studio/admin/status.html", _context(request, recording, form))


@require_GET
def recording_status_json(request, pk):
    return JsonResponse(status_data(editable_recording(request, pk)))


@require_POST
def recording_confirm(request, pk):
    recording = editable_recording(request, pk)
    form = _confirm_form(recording.asset, data=request.POST)
    if not form.is_valid():
        return TemplateResponse(
            request, "studio/admin/status.html", _context(request, recording, form), status=400
        )
    data = form.cleaned_data
    if recording_confirm_media(
        recording=recording,
        projection=data.get("projection", ""),
        stereo_mode=data.get("stereo_mode", ""),
        audio_layout=data.get("audio_layout", ""),
    ):
        messages.success(request, _("Thank you: processing has started."))
    else:
        messages.error(request, _("This recording is no longer waiting for confirmation."))
    return redirect("studio_recording_status", pk)


@require_POST
def recording_action(request, pk, action):
    recording = editable_recording(request, pk)
    if action not in ACTIONS:
        raise Http404
    service, done = ACTIONS[action]
    if service(asset=recording.asset):
        messages.success(request, done)
    else:
        messages.error(request, _("This action is not possible in the current state."))
    return redirect("studio_recording_status", pk)


@require_GET
def recording_preview(request, pk):
    recording = editable_recording(request, pk)
    try:
        handle = default_storage.open(recording.asset.preview_name, "rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=300"
    return response


def _confirm_form(asset, **kwargs):
    probe = asset.probe or {}
    return ConfirmMediaForm(has_video=bool(probe.get("video")), has_audio=bool(probe.get("audio")),
                            **kwargs)  # fmt: skip


def _context(request, recording, form):
    asset = recording.asset
    return {
        "recording": recording,
        "asset": asset,
        "status": status_data(recording),
        "form": form,
        "has_preview": asset.state != AssetState.UPLOADED
        and default_storage.exists(asset.preview_name),
        # The technical detail of a failure is for staff; the uploader reads the message.
        "show_detail": policy.can_manage_all(request.user),
        "status_url": reverse("studio_recording_status_json", args=[recording.pk]),
        "edit_url": reverse("recordings:edit", args=[recording.pk]),
        "page_title": recording.title,
    }
