"""StreamField blocks: link validation, the visitor's language, self-description."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from core import blocks

pytestmark = pytest.mark.django_db

ALL_BLOCKS = [
    blocks.LinkBlock,
    blocks.NavigationLinkBlock,
    blocks.FeaturedItemBlock,
    blocks.FeaturedSectionBlock,
    blocks.CallToActionBlock,
    blocks.HeadingBlock,
    blocks.FigureBlock,
    blocks.QuoteBlock,
    blocks.MediaEmbedBlock,
    blocks.ParagraphBlock,
    blocks.SocialLinkBlock,
]


@pytest.mark.parametrize("block_class", ALL_BLOCKS)
def test_every_block_describes_itself(block_class):
    block = block_class()

    assert block_class.__doc__
    assert block.meta.icon
    assert block.meta.template.startswith("core/blocks/")
    assert str(block.meta.description)


@pytest.mark.parametrize(
    "block_class",
    [b for b in ALL_BLOCKS if getattr(b._meta_class, "preview_value", None) is not None],
)
def test_blocks_with_a_preview_value_render_it(block_class):
    block = block_class()

    html = block.render(block.normalize(block.get_preview_value()))

    assert html.strip()


def test_a_link_needs_a_page_or_an_url_but_not_both(demo_pages):
    block = blocks.LinkBlock()

    with pytest.raises(ValidationError):
        block.clean(block.to_python({"page": None, "url": "", "label": "Rien"}))
    with pytest.raises(ValidationError):
        block.clean(
            block.to_python(
                {"page": demo_pages.legal.pk, "url": "https://example.org/", "label": "Les deux"}
            )
        )


def test_an_external_link_needs_a_label():
    block = blocks.LinkBlock()

    with pytest.raises(ValidationError):
        block.clean(block.to_python({"page": None, "url": "https://example.org/", "label": ""}))


def test_a_page_link_shows_the_translation_in_the_visitors_language(demo_pages):
    block = blocks.LinkBlock()
    value = block.to_python({"page": demo_pages.statement.pk, "url": "", "label": ""})

    with translation.override("en"):
        assert (value.href, value.text) == ("/en/accessibility/", "Accessibility statement")
    with translation.override("fr"):
        assert (value.href, value.text) == ("/accessibilite/", "Déclaration d'accessibilité")


def test_a_menu_link_has_an_english_label(demo_pages):
    block = blocks.NavigationLinkBlock()
    value = block.to_python(
        {"page": demo_pages.home.pk, "url": "", "label": "Accueil", "label_en": "Home"}
    )

    with translation.override("en"):
        assert value.text == "Home"
    with translation.override("fr"):
        assert value.text == "Accueil"


def test_a_link_to_an_unpublished_page_disappears(demo_pages):
    block = blocks.LinkBlock()
    raw = {"page": demo_pages.legal.pk, "url": "", "label": "X"}
    demo_pages.legal_en.unpublish()

    with translation.override("en"):
        # The French page is shown rather than nothing; once it goes too, so does the link.
        assert block.to_python(raw).href == "/mentions-legales/"
        demo_pages.legal.unpublish()
        assert block.to_python(raw).href == ""
        assert block.render(block.to_python(raw)).strip() == ""


def test_a_featured_item_falls_back_to_the_page_title_and_description(demo_pages):
    block = blocks.FeaturedItemBlock()
    value = block.to_python(
        {"page": demo_pages.legal.pk, "label": "", "summary": "", "image": None}
    )

    with translation.override("en"):
        html = block.render(value)

    assert 'href="/en/legal-notice/"' in html
    assert "Legal notice" in html
    assert demo_pages.legal_en.search_description in html


@pytest.fixture
def image(db):
    return Image.objects.create(title="Violoncelle", file=get_test_image_file())


def test_a_figure_gives_its_image_the_text_alternative_of_its_context(image):
    block = blocks.FigureBlock()
    value = block.to_python(
        {
            "image": {
                "image": image.pk,
                "decorative": False,
                "alt_text": "Une élève au violoncelle",
            },
            "caption": "Classe de violoncelle",
            "attribution": "Photo : C. M.",
        }
    )

    html = block.render(value)

    assert 'alt="Une élève au violoncelle"' in html
    assert "srcset=" in html
    assert "<figcaption" in html


def test_a_decorative_image_gets_an_empty_text_alternative(image):
    block = blocks.FigureBlock()
    value = block.to_python({"image": {"image": image.pk, "decorative": True, "alt_text": "x"}})

    assert 'alt=""' in block.render(value)
