"""How a published recording reaches the player: playlists through Django, segments signed.

Master and media playlists are read from storage and rewritten on each request, after the
permission check: nested playlists stay relative (served by the same view), segments point
to short-lived signed URLs on S3 — or to the same authorised view on local storage.
"""

import posixpath
import re

from django.conf import settings
from django.core.files.storage import default_storage

_asset_access_rules: list = []

URI_ATTRIBUTE = re.compile(r'URI="([^"]+)"')
SPRITE_REFERENCE = re.compile(r"^(?P<uri>[^\s#]+\.(?:jpg|jpeg|png|webp))(?P<fragment>#xywh=\S+)$")
MIN_SIGNED_SECONDS = 3600
MAX_SIGNED_SECONDS = 6 * 3600


class UnsafePath(ValueError):
    """A requested name that would leave the recording's published folder."""


def register_asset_access_rule(rule):
    """Register `rule(user, asset) -> bool` that may let `user` play a media asset directly.

    Assets that are not recordings (a student's assignment) are served by the same delivery
    at `studio_media:asset_file` once a rule registered by a higher app grants access.
    """
    if rule not in _asset_access_rules:
        _asset_access_rules.append(rule)


def may_play_asset(user, asset):
    """Return True if a registered rule lets `user` play `asset`."""
    return any(rule(user, asset) for rule in _asset_access_rules)


def published_key(asset, name):
    """Return the storage key of `name` inside the asset's published version.

    Raise UnsafePath for absolute names, `..` segments or anything that normalises away.
    """
    normalised = posixpath.normpath(name)
    if name.startswith("/") or normalised.startswith("..") or normalised in ("", "."):
        raise UnsafePath(name)
    if "\\" in name or "\x00" in name:
        raise UnsafePath(name)
    return asset.published_prefix + normalised


def serves_directly():
    """Return True when segments should be fetched from the object store, not Python."""
    return getattr(default_storage, "bucket", None) is not None


def signed_seconds(asset):
    """Return how long segment URLs stay valid: the recording twice over, within bounds."""
    duration = float((asset.manifest or {}).get("duration") or 0)
    return int(min(MAX_SIGNED_SECONDS, max(MIN_SIGNED_SECONDS, duration * 2 + 900)))


def segment_url(asset, key, *, public):
    """Return where the player fetches the file `key`: CDN, signed S3 URL or None (relative)."""
    base = getattr(settings, "STUDIO_PUBLIC_MEDIA_URL", "")
    if public and base:
        return base.rstrip("/") + "/" + key
    if serves_directly():
        return default_storage.url(key, expire=signed_seconds(asset))
    return None


def rewrite_playlist(text, *, asset, key, public):
    """Return the playlist `text` (stored at `key`) with its segment URIs made fetchable."""
    folder = posixpath.dirname(key)

    def resolve(uri):
        if uri.endswith(".m3u8") or "://" in uri:
            return uri
        target = posixpath.normpath(posixpath.join(folder, uri))
        return segment_url(asset, target, public=public) or uri

    lines = []
    for line in text.splitlines():
        if line.startswith("#"):
            line = URI_ATTRIBUTE.sub(lambda m: f'URI="{resolve(m.group(1))}"', line)
        elif line.strip():
            line = resolve(line.strip())
        lines.append(line)
    return "\n".join(lines) + "\n"


def rewrite_thumbnails(text, *, asset, key, public):
    """Return the thumbnails WebVTT with its sprite references made fetchable."""
    folder = posixpath.dirname(key)
    lines = []
    for line in text.splitlines():
        match = SPRITE_REFERENCE.match(line.strip())
        if match:
            target = posixpath.normpath(posixpath.join(folder, match["uri"]))
            url = segment_url(asset, target, public=public)
            line = (url + match["fragment"]) if url else line
        lines.append(line)
    return "\n".join(lines) + "\n"
