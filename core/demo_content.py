"""Core's demo content: home page, accessibility statement, legal notice, instruments, settings.

French first, each page with its English translation. Idempotent: what exists is left as
it is (an editor may have changed it), only what is missing is created.
"""

from django.utils.translation import gettext as _
from wagtail.models import Collection, Locale, Page, Site

from core import demo_texts as texts
from core.models import (
    AccessibilityStatus,
    HomePage,
    Instrument,
    InstrumentFamily,
    NavigationSettings,
    SiteSettings,
    StandardPage,
)

F = InstrumentFamily
INSTRUMENTS = [
    # slug, French name, English name, family
    ("piano", "Piano", "Piano", F.KEYBOARDS),
    ("orgue", "Orgue", "Organ", F.KEYBOARDS),
    ("clavecin", "Clavecin", "Harpsichord", F.KEYBOARDS),
    ("accordeon", "Accordéon", "Accordion", F.KEYBOARDS),
    ("violon", "Violon", "Violin", F.STRINGS),
    ("alto", "Alto", "Viola", F.STRINGS),
    ("violoncelle", "Violoncelle", "Cello", F.STRINGS),
    ("contrebasse", "Contrebasse", "Double bass", F.STRINGS),
    ("harpe", "Harpe", "Harp", F.PLUCKED),
    ("guitare", "Guitare", "Guitar", F.PLUCKED),
    ("flute", "Flûte", "Flute", F.WINDS),
    ("hautbois", "Hautbois", "Oboe", F.WINDS),
    ("clarinette", "Clarinette", "Clarinet", F.WINDS),
    ("basson", "Basson", "Bassoon", F.WINDS),
    ("saxophone", "Saxophone", "Saxophone", F.WINDS),
    ("trompette", "Trompette", "Trumpet", F.BRASS),
    ("cor", "Cor", "French horn", F.BRASS),
    ("trombone", "Trombone", "Trombone", F.BRASS),
    ("tuba", "Tuba", "Tuba", F.BRASS),
    ("percussions", "Percussions", "Percussion", F.PERCUSSION),
    ("voix", "Voix", "Voice", F.VOICE),
]


def load_core_demo():
    """Create the missing demo pages, instruments and settings; return lines to print."""
    french, english = _locales()
    site = _default_site(french)
    root_collection()
    created_instruments = load_instruments()
    home = _french_home(site, french)
    statement = _child_page(home, texts.ACCESSIBILITY_FR)
    legal = _child_page(home, texts.LEGAL_NOTICE_FR)
    _fill_home(home, statement, legal)
    home_en = _translation(
        home,
        english,
        {**texts.HOME_EN, "body": texts.home_body_en(statement=statement, legal=legal)},
    )
    statement_en = _translation(statement, english, texts.ACCESSIBILITY_EN)
    legal_en = _translation(legal, english, texts.LEGAL_NOTICE_EN)
    _fill_site_settings(site)
    _fill_navigation(site, home, statement, legal)
    pages = [home, statement, legal, home_en, statement_en, legal_en]
    return [
        _("Demo pages: %(pages)s")
        % {"pages": ", ".join(f"{page.get_url()} ({page.title})" for page in pages)},
        _("Instruments: %(count)d (%(created)d created)")
        % {"count": Instrument.objects.count(), "created": created_instruments},
    ]


def load_instruments():
    """Create the instruments that are missing; return how many were created."""
    created = 0
    for slug, name_fr, name_en, family in INSTRUMENTS:
        _instrument, is_new = Instrument.objects.get_or_create(
            slug=slug, defaults={"name_fr": name_fr, "name_en": name_en, "family": family}
        )
        created += is_new
    return created


def add_menu_link(site, page, *, label="", label_en="", menu="header_links"):
    """Append a link to `page` to a menu of the site (`header_links` or `footer_links`).

    For other apps' demo loaders; does nothing when the menu already links to the page or
    to one of its translations.
    """
    navigation = NavigationSettings.for_site(site)
    stream = getattr(navigation, menu)
    linked = {block.value["page"].translation_key for block in stream if block.value["page"]}
    if page.translation_key in linked:
        return
    link = {"page": page.pk, "url": "", "label": label, "label_en": label_en}
    setattr(navigation, menu, [*stream.raw_data, {"type": "link", "value": link}])
    navigation.save()


def _locales():
    french, _created = Locale.objects.get_or_create(language_code="fr")
    english, _created = Locale.objects.get_or_create(language_code="en")
    return french, english


def _tree_root(locale):
    """Return the root of the page tree, created if missing (an emptied database)."""
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    return root


def root_collection():
    """Return the root collection of images and documents, made again if missing (an
    emptied database), since every upload form files into it."""
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


def _default_site(locale):
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=_tree_root(locale), is_default_site=True
        )
    return site


def _french_home(site, locale):
    """Return the French home page, made the site's root (replacing Wagtail's welcome page)."""
    current_root = site.root_page.specific
    if isinstance(current_root, HomePage) and current_root.locale_id == locale.id:
        return current_root
    home = HomePage.objects.filter(locale=locale, depth=2).first()
    if home is None:
        home = _tree_root(locale).add_child(instance=HomePage(locale=locale, **texts.HOME_FR))
    site.root_page = home
    site.save()
    if type(current_root) is Page and current_root.depth == 2 and current_root.is_leaf():
        current_root.delete()  # Wagtail's "Welcome to your new Wagtail site!"
    return home


def _child_page(parent, content):
    """Return the child of `parent` with the content's slug, created and published if missing."""
    page = parent.get_children().filter(slug=content["slug"]).specific().first()
    if page is None:
        page = parent.add_child(instance=StandardPage(locale=parent.locale, **content))
        page.save_revision().publish()
        page.refresh_from_db()
    return page


def _fill_home(home, statement, legal):
    """Publish the home page's sections the first time, once the pages they feature exist."""
    if home.body:
        return
    home.body = texts.home_body_fr(statement=statement, legal=legal)
    home.save_revision().publish()
    home.refresh_from_db()


def _translation(page, locale, fields):
    """Return the translation of `page` in `locale`, copied, translated and published if missing.

    The copy keeps the references of its source (chosen pages are shown in the visitor's
    language when rendered), as Wagtail's "Translate" action does.
    """
    translation = page.get_translation_or_none(locale)
    if translation is not None:
        return translation
    translation = page.copy_for_translation(locale)
    fields = dict(fields)
    _set_slug_of_new_copy(translation, fields.pop("slug"))
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation.specific_class.objects.get(pk=translation.pk)


def _set_slug_of_new_copy(page, slug):
    """Give a copy that was never published its own slug, without redirects from the old one."""
    page.slug = slug
    page.set_url_path(page.get_parent())
    Page.objects.filter(pk=page.pk).update(slug=page.slug, url_path=page.url_path)


def _fill_site_settings(site):
    identity = SiteSettings.for_site(site)
    if identity.tagline or identity.contact_email:
        return  # Already filled in, by this loader or by an editor.
    for name, value in texts.SITE_SETTINGS.items():
        setattr(identity, name, value)
    identity.save()


def _fill_navigation(site, home, statement, legal):
    navigation = NavigationSettings.for_site(site)
    if navigation.accessibility_page_id or navigation.legal_notice_page_id:
        return
    navigation.accessibility_page = statement
    navigation.accessibility_status = AccessibilityStatus.PARTIAL
    navigation.legal_notice_page = legal
    home_link = {"page": home.pk, "url": "", "label": "Accueil", "label_en": "Home"}
    navigation.header_links = [{"type": "link", "value": home_link}]
    navigation.save()
