"""Media of a recording, served after the permission check (playlists, and segments locally)."""

import mimetypes

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from media_pipeline.models import MediaAsset
from media_pipeline.storage import storage_errors

from .. import delivery
from ..models import Recording, Visibility
from ..permissions import policy

PLAYLIST_TYPE = "application/vnd.apple.mpegurl"
# How long a player should wait before asking again while the object storage is away.
STORAGE_RETRY_AFTER = 30


def viewable_recording(request, uuid):
    """Return the playable recording `uuid` if the user may watch it; raise Http404 otherwise.

    A recording the user may not see answers exactly like one that does not exist.
    """
    recording = get_object_or_404(Recording.objects.select_related("asset"), uuid=uuid)
    if not recording.is_playable or not policy.can_view(request.user, recording):
        raise Http404
    return recording


@require_GET
def media_file(request, uuid, name):
    recording = viewable_recording(request, uuid)
    asset = recording.asset
    try:
        key = delivery.published_key(asset, name)
    except delivery.UnsafePath as exc:
        raise Http404 from exc
    public = recording.visibility == Visibility.PUBLIC
    if name.endswith((".m3u8", ".vtt")):
        return _rewritten(asset, key, name, public)
    url = delivery.segment_url(asset, key, public=public)
    if url:
        return HttpResponseRedirect(url)
    return _local_file(key, public)


@require_GET
def asset_file(request, uuid, name):
    """Serve a file of a playable asset that a registered access rule lets the user play.

    Always private: the playlists are rewritten with signed segment URLs, nothing is cached
    by shared caches. An asset the user may not play answers like one that does not exist.
    """
    asset = get_object_or_404(MediaAsset.objects.playable(), uuid=uuid)
    if not delivery.may_play_asset(request.user, asset):
        raise Http404
    try:
        key = delivery.published_key(asset, name)
    except delivery.UnsafePath as exc:
        raise Http404 from exc
    if name.endswith((".m3u8", ".vtt")):
        return _rewritten(asset, key, name, public=False)
    url = delivery.segment_url(asset, key, public=False)
    if url:
        return HttpResponseRedirect(url)
    return _local_file(key, public=False)


def _rewritten(asset, key, name, public):
    try:
        with default_storage.open(key, "rb") as handle:
            text = handle.read().decode("utf-8")
    except FileNotFoundError as exc:
        raise Http404 from exc
    except storage_errors():
        return _storage_unavailable()
    if name.endswith(".m3u8"):
        body = delivery.rewrite_playlist(text, asset=asset, key=key, public=public)
        content_type = PLAYLIST_TYPE
    else:
        body = delivery.rewrite_thumbnails(text, asset=asset, key=key, public=public)
        content_type = "text/vtt; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    # Signed URLs inside expire: a playlist may be cached only briefly, and only by the browser.
    response["Cache-Control"] = "private, max-age=60" if not public else "public, max-age=60"
    return response


def _local_file(key, public):
    try:
        handle = default_storage.open(key, "rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    except storage_errors():
        return _storage_unavailable()
    content_type, _encoding = mimetypes.guess_type(key)
    response = FileResponse(handle, content_type=content_type or "application/octet-stream")
    response["Cache-Control"] = (
        "public" if public else "private"
    ) + ", max-age=31536000, immutable"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _storage_unavailable():
    """Answer 503 when the object storage cannot be reached: the player may ask again."""
    response = HttpResponse(status=503)
    response["Retry-After"] = str(STORAGE_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response
