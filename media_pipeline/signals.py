"""Signals the pipeline sends; receivers live in the apps that embed assets."""

from django.dispatch import Signal

# Sent once an asset's new version is published and the switch has committed.
# Arguments: asset_id (int), version (int).
media_asset_ready = Signal()

# Sent when processing ends in `failed`. Arguments: asset_id (int), message (str).
media_asset_failed = Signal()
