"""Pages everyone uses: the catalogue, a recording with its player, the embed page."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from ..catalogue import catalogue_page
from ..models import Visibility
from ..player import chapters_vtt, player_config
from .media import viewable_recording


@require_GET
def catalogue(request):
    query, page, instruments = catalogue_page(request)
    return render(
        request,
        "studio/catalogue.html",
        {"query": query, "page_obj": page, "instruments": instruments},
    )


@require_GET
def recording_detail(request, uuid):
    recording = viewable_recording(request, uuid)
    return render(
        request,
        "studio/recording.html",
        {"recording": recording, "player_config": player_config(recording)},
    )


@require_GET
@xframe_options_exempt
def recording_embed(request, uuid):
    """Render the bare player for other sites; only public recordings can be embedded."""
    recording = viewable_recording(request, uuid)
    if recording.visibility != Visibility.PUBLIC:
        raise Http404
    return render(
        request,
        "studio/embed.html",
        {"recording": recording, "player_config": player_config(recording)},
    )


@require_GET
def chapters(request, uuid):
    recording = viewable_recording(request, uuid)
    return HttpResponse(chapters_vtt(recording), content_type="text/vtt; charset=utf-8")
