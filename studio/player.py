"""The configuration the player reads (see templates/studio/includes/player.html)."""

from django.urls import reverse


def media_url(recording, name):
    return reverse("studio_media:file", args=[recording.uuid, name])


def chapters_vtt(recording):
    """Return the recording's chapters as WebVTT text ("" when it has none)."""
    chapters = list(recording.chapters.all())
    if not chapters:
        return ""
    duration = float((recording.asset.manifest or {}).get("duration") or 0)
    ends = [c.start.total_seconds() for c in chapters[1:]] + [duration]
    cues = []
    for chapter, end in zip(chapters, ends, strict=True):
        start = chapter.start.total_seconds()
        cues.append(f"{_clock(start)} --> {_clock(max(end, start))}\n{chapter.title}")
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


def player_config(recording, *, progress_url=None):
    """Return the player's configuration for a playable recording.

    `progress_url`, given by a higher app (the campus), is where the player posts its
    position while playing.
    """
    manifest = recording.asset.manifest or {}
    ambisonic = next((a for a in manifest.get("audio", []) if a.get("role") == "ambisonic"), None)
    thumbnails = manifest.get("thumbnails") or {}
    return {
        "title": recording.title,
        "master_url": media_url(recording, manifest.get("master_playlist", "master.m3u8")),
        "ambisonic_url": media_url(recording, ambisonic["playlist"]) if ambisonic else None,
        "projection": manifest.get("projection", "flat"),
        "stereo_mode": manifest.get("stereo_mode", "mono"),
        "poster_url": media_url(recording, manifest["poster"]) if manifest.get("poster") else None,
        "thumbnails_url": media_url(recording, thumbnails["vtt"])
        if thumbnails.get("vtt")
        else None,
        "captions": [
            {"lang": c.language, "label": str(c), "url": c.file.url}
            for c in recording.captions.all()
        ],
        "chapters_url": reverse("studio:chapters", args=[recording.uuid])
        if recording.chapters.exists()
        else None,
        "duration": manifest.get("duration"),
        "renditions": [
            {"width": v["width"], "height": v["height"], "bandwidth": v["bandwidth"]}
            for v in manifest.get("video", [])
        ],
        "progress_url": progress_url,
    }


def _clock(seconds):
    milliseconds = round(seconds * 1000)
    hours, rest = divmod(milliseconds, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"
