"""Demo hub: its home in French and English, and thirty varied resources under it.

Idempotent: what exists is left as it is, only what is missing is created. Files (a PDF
score, a short sound) are written through default_storage, as any upload would be.
"""

import io
import math
import struct
import wave

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import Locale, Site

from core.demo_content import add_menu_link, root_collection
from core.models import HomePage, Instrument
from studio.models import Recording

from . import demo_texts as texts
from .models import HubIndexPage, ResourceAuthor, ResourcePage, ResourceSource, ResourceWork

SCORE_TITLE = "Menuet en sol majeur (partition, démo)"
SOUND_TITLE = "Extrait sonore (démo)"
STUDIO_DEMO_TITLE = "Démonstration 360° — la mire et le la"


def load_demo_hub():
    """Create the demo hub and its missing resources; return lines to print."""
    site = Site.objects.filter(is_default_site=True).first()
    home = HomePage.objects.filter(locale__language_code="fr", depth=2).first()
    if site is None or home is None:
        return [_("Demo hub skipped: load the core demo content first.")]
    hub = _hub(home)
    created = sum(_resource(hub, row) for row in texts.RESOURCES)
    _derivations()
    _featured(hub)
    english = Locale.objects.filter(language_code="en").first()
    if english is not None and hub.get_translation_or_none(english) is None:
        translation = hub.copy_for_translation(english)
        translation.title = texts.HUB_EN["title"]
        translation.intro = texts.HUB_EN["intro"]
        translation.slug = texts.HUB_EN["slug"]
        translation.save_revision().publish()
    add_menu_link(site, hub, label="Ressources", label_en="Resources")
    return [
        _("Demo hub: %(url)s, %(count)d resources (%(created)d created)")
        % {"url": hub.get_url(), "count": hub.get_children().count(), "created": created}
    ]


def _hub(home):
    hub = HubIndexPage.objects.child_of(home).first()
    if hub is None:
        hub = home.add_child(instance=HubIndexPage(locale=home.locale, **texts.HUB_FR))
        hub.save_revision().publish()
        hub.refresh_from_db()
    return hub


def _resource(hub, row):
    """Create and publish one resource of `texts.RESOURCES`; return whether it was created."""
    (slug, title, kind, discipline, instruments, level, language, licence, period, genre,
     works, authors, summary) = row  # fmt: skip
    if ResourcePage.objects.child_of(hub).filter(slug=slug).exists():
        return False
    page = ResourcePage(
        title=title,
        slug=slug,
        locale=hub.locale,
        resource_type=kind,
        discipline=discipline,
        level=level,
        language=language,
        licence=licence,
        period=period,
        genre=genre,
        summary=summary,
        permission_note="Autorisation écrite de l'autrice, mars 2026." if licence == "arr" else "",
        body=_body(slug, summary),
    )
    page.instruments = list(Instrument.objects.filter(slug__in=instruments))
    page.authors = [ResourceAuthor(name=name, role="") for name in authors]
    page.works = [ResourceWork(composer=composer, title=work) for composer, work in works]
    hub.add_child(instance=page)
    page.save_revision().publish()
    return True


def _body(slug, summary):
    body = [
        {"type": "paragraph", "value": f"<p>{summary}</p>"},
        {"type": "heading", "value": {"text": "Pour commencer", "level": "h2"}},
        {
            "type": "paragraph",
            "value": "<p>Lisez d'abord l'ensemble, puis travaillez lentement, par petites "
            "sections, en vous enregistrant pour vous écouter.</p>",
        },
    ]
    if slug == "menuet-bach-partition":
        body.append({"type": "document", "value": {"document": _score().pk, "label": ""}})
    if slug == "demo-360-la":
        recording = Recording.objects.filter(title=STUDIO_DEMO_TITLE).first()
        if recording is not None:
            body.insert(
                0,
                {
                    "type": "recording",
                    "value": {
                        "recording": recording.pk,
                        "caption": "Tournez la tête : le la reste à gauche.",
                    },
                },
            )
    if slug in ("podcast-baroque", "podcast-enseigner"):
        body.insert(
            0,
            {
                "type": "audio",
                "value": {
                    "audio": _sound().pk,
                    "caption": "Extrait de l'épisode (démo : un la 440 Hz).",
                    "transcript": "",
                },
            },
        )
    return body


def _score():
    """Return the demo PDF score, written through default_storage the first time."""
    Document = get_document_model()
    document = Document.objects.filter(title=SCORE_TITLE).first()
    if document is None:
        document = Document(title=SCORE_TITLE, collection=root_collection())
        document.file.save("menuet-sol-majeur.pdf", ContentFile(score_pdf()), save=False)
        document._set_document_file_metadata()
        document.save()
    return document


def _sound():
    """Return the demo sound (two seconds of A 440 Hz), written through default_storage."""
    Document = get_document_model()
    document = Document.objects.filter(title=SOUND_TITLE).first()
    if document is None:
        document = Document(title=SOUND_TITLE, collection=root_collection())
        document.file.save("la-440.wav", ContentFile(tone_wav()), save=False)
        document._set_document_file_metadata()
        document.save()
    return document


def score_pdf():
    """Return the bytes of a one-page PDF: a title and five empty staves to write on."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_title("Menuet en sol majeur")
    pdf.set_lang("fr")
    pdf.add_page()
    pdf.set_font("Helvetica", size=18)
    pdf.cell(0, 12, "Menuet en sol majeur", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 8, "Christian Petzold - domaine public (CC0)", align="C")
    for staff in range(5):
        top = 50 + staff * 40
        for line in range(5):
            y = top + line * 2.5
            pdf.line(20, y, 190, y)
    return bytes(pdf.output())


def tone_wav(seconds=2, rate=22050, frequency=440.0):
    """Return the bytes of a mono WAV file of a sine tone."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(rate)
        frames = (
            struct.pack("<h", int(12000 * math.sin(2 * math.pi * frequency * n / rate)))
            for n in range(int(seconds * rate))
        )
        sound.writeframes(b"".join(frames))
    return buffer.getvalue()


def _derivations():
    for derived_slug, source_slug in texts.DERIVATIONS:
        derived = ResourcePage.objects.filter(slug=derived_slug).first()
        source = ResourcePage.objects.filter(slug=source_slug).first()
        if derived is None or source is None or derived.sources.filter(source=source).exists():
            continue
        derived.sources.add(ResourceSource(source=source))
        derived.save_revision().publish()


def _featured(hub):
    if hub.featured:
        return
    pages = ResourcePage.objects.child_of(hub).filter(slug__in=texts.FEATURED)
    hub.featured = [
        {"type": "resource", "value": {"resource": page.pk, "note": ""}} for page in pages
    ]
    hub.save_revision().publish()
