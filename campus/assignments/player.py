"""The studio player's configuration for a submitted recording, served by the asset delivery."""

from django.urls import reverse


def media_url(asset, name):
    return reverse("studio_media:asset_file", args=[asset.uuid, name])


def player_config(submission, *, title):
    """Return the configuration studio/includes/player.html reads, for a ready recording."""
    asset = submission.asset
    manifest = asset.manifest or {}
    thumbnails = manifest.get("thumbnails") or {}
    return {
        "title": title,
        "master_url": media_url(asset, manifest.get("master_playlist", "master.m3u8")),
        "ambisonic_url": None,
        "projection": "flat",
        "stereo_mode": "mono",
        "poster_url": media_url(asset, manifest["poster"]) if manifest.get("poster") else None,
        "thumbnails_url": media_url(asset, thumbnails["vtt"]) if thumbnails.get("vtt") else None,
        "captions": [],
        "chapters_url": None,
        "duration": manifest.get("duration"),
        "renditions": [
            {"width": v["width"], "height": v["height"], "bandwidth": v["bandwidth"]}
            for v in manifest.get("video", [])
        ],
        "progress_url": None,
    }
