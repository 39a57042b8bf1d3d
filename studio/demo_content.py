"""Demo recording: a 360° clip with spatial sound, made on the spot with ffmpeg."""

import tempfile
from pathlib import Path

from django.core.files import File
from django.utils.translation import gettext as _

from accounts.models import User
from core.models import Instrument
from media_pipeline import services as media_services
from media_pipeline.engine.samples import make_spherical_clip

from .models import Licence, Recording, RecordingWork, Visibility

DEMO_TITLE = "Démonstration 360° — la mire et le la"
DEMO_OWNER = "enseignant@example.org"


def load_demo_recording():
    """Create the demo recording once; its processing waits for the worker."""
    existing = Recording.objects.filter(title=DEMO_TITLE).select_related("asset").first()
    if existing:
        return [_("Demo recording: %(title)s (%(state)s)") % {
            "title": DEMO_TITLE, "state": existing.asset.get_state_display()}]  # fmt: skip
    owner = User.objects.filter(email=DEMO_OWNER).first()
    with tempfile.TemporaryDirectory() as folder:
        clip = make_spherical_clip(Path(folder) / "demo-360.mp4", duration=6, width=1280)
        with clip.open("rb") as handle:
            asset = media_services.asset_create(
                owner=owner, file=File(handle, name=clip.name), confirmed=True
            )
    recording = Recording.objects.create(
        owner=owner,
        asset=asset,
        title=DEMO_TITLE,
        description=(
            "Une mire de test filmée à 360° et un la 440 Hz placé à votre gauche : tournez la "
            "tête (ou faites glisser l'image) et le son reste à sa place."
        ),
        visibility=Visibility.PUBLIC,
        licence=Licence.CC_BY,
        rights_holder="Conservatoire augmenté",
        place="Studio immersif",
    )
    RecordingWork.objects.create(recording=recording, composer="", title="La 440 Hz")
    recording.instruments.set(Instrument.objects.filter(slug__in=["violon"]))
    recording.save()
    return [_("Demo recording: %(title)s (processed by the worker once it starts)") % {
        "title": DEMO_TITLE}]  # fmt: skip
