"""A cached hub page is rendered again after every edit of what it shows.

Each test renders the page for an anonymous visitor (it is then cached), makes the change,
and asks again: the visitor sees the new content.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from accounts.services import account_delete
from core.models import NavigationSettings, SiteSettings
from learning_hub.community.models import Collection, CollectionItem, Visibility
from learning_hub.community.services import (
    collection_add_item,
    collection_set_featured,
    comment_add,
    useful_toggle,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _cached(client, url):
    """Return the page at `url` once it is in the cache (a visit then costs no query)."""
    html = _html(client, url)
    _html(client, url)  # the first visit may have created the site's opening phases
    with CaptureQueriesContext(connection) as queries:
        assert _html(client, url) == html
    assert len(queries) == 0, [query["sql"] for query in queries]
    return html


@pytest.fixture
def featured(member, make_resource):
    collection = Collection.objects.create(
        owner=member,
        title="Pour bien commencer",
        visibility=Visibility.PUBLIC,
        is_featured=True,
    )
    CollectionItem.objects.create(collection=collection, page=make_resource(), position=0)
    return collection


# --- "Useful" votes ---------------------------------------------------------------------------


def test_a_vote_shows_on_the_cards_the_resource_and_the_useful_order(
    client, hub, make_resource, member, django_capture_on_commit_callbacks
):
    older = make_resource(title="Gammes anciennes")
    make_resource(title="Arpèges récents")
    useful_url = f"{hub.url}search/?sort=useful"
    html = _cached(client, useful_url)
    assert html.index("Arpèges récents") < html.index("Gammes anciennes")  # ties: newest first
    assert "personne l’a trouvée utile" not in _cached(client, hub.url)
    assert "0 personne" in _cached(client, older.url)

    with django_capture_on_commit_callbacks(execute=True):
        useful_toggle(user=member, page=older)

    html = _html(client, useful_url)
    assert html.index("Gammes anciennes") < html.index("Arpèges récents")
    assert "1 personne l’a trouvée utile" in html
    assert "1 personne l’a trouvée utile" in _html(client, hub.url)
    assert "1 personne" in _html(client, older.url)


def test_a_withdrawn_vote_leaves_the_cards_at_once(
    client, hub, make_resource, member, django_capture_on_commit_callbacks
):
    resource = make_resource(title="Gammes")
    with django_capture_on_commit_callbacks(execute=True):
        useful_toggle(user=member, page=resource)
    assert "1 personne l’a trouvée utile" in _cached(client, hub.url)

    with django_capture_on_commit_callbacks(execute=True):
        useful_toggle(user=member, page=resource)

    assert "personne l’a trouvée utile" not in _html(client, hub.url)


# --- Featured collections ---------------------------------------------------------------------


def test_renaming_a_featured_collection_shows_on_the_hub_home(client, hub, featured):
    assert "Pour bien commencer" in _cached(client, hub.url)

    featured.title = "Premiers pas"
    featured.save()  # as the collection's form and the admin do

    html = _html(client, hub.url)
    assert "Premiers pas" in html
    assert "Pour bien commencer" not in html


def test_a_resource_added_to_a_featured_collection_shows_on_the_hub_home(
    client, hub, featured, make_resource, django_capture_on_commit_callbacks
):
    added = make_resource(title="Une étude ajoutée")
    assert "1 ressource, par" in _cached(client, hub.url)

    with django_capture_on_commit_callbacks(execute=True):
        collection_add_item(collection=featured, page=added)

    assert "2 ressources, par" in _html(client, hub.url)


def test_a_resource_removed_from_a_featured_collection_leaves_the_hub_home(client, hub, featured):
    assert "1 ressource, par" in _cached(client, hub.url)

    featured.items.get().delete()  # as the "remove" button does

    assert "0 ressource, par" in _html(client, hub.url)


def test_a_collection_featured_or_no_longer_featured_shows_at_once(
    client, hub, featured, django_capture_on_commit_callbacks
):
    assert "Pour bien commencer" in _cached(client, hub.url)

    featured.is_featured = False
    featured.save()  # the admin's form: no service, no update_fields

    assert "Pour bien commencer" not in _cached(client, hub.url)

    with django_capture_on_commit_callbacks(execute=True):
        collection_set_featured(collection=featured, featured=True)

    assert "Pour bien commencer" in _html(client, hub.url)


def test_a_deleted_featured_collection_leaves_the_hub_home(client, hub, featured):
    assert "Pour bien commencer" in _cached(client, hub.url)

    featured.delete()

    assert "Pour bien commencer" not in _html(client, hub.url)


# --- Members' public names --------------------------------------------------------------------


@pytest.fixture
def commented(make_resource, member, django_capture_on_commit_callbacks):
    resource = make_resource()
    with django_capture_on_commit_callbacks(execute=True):
        comment_add(page=resource, author=member, body="<p>Merci pour ces gammes.</p>")
    return resource


def test_a_new_public_name_shows_next_to_comments_and_featured_collections(
    client, hub, member, commented, featured
):
    old_name = member.public_name
    assert old_name in _cached(client, commented.url)
    assert old_name in _cached(client, hub.url)

    member.display_name = "Camille Nouveau-Nom"
    member.save()

    assert "Camille Nouveau-Nom" in _html(client, commented.url)
    assert "Camille Nouveau-Nom" in _html(client, hub.url)
    assert old_name not in _html(client, commented.url)


def test_a_name_made_of_first_and_last_names_shows_when_they_change(
    client, hub, commented, django_capture_on_commit_callbacks
):
    author = UserFactory(display_name="")
    with django_capture_on_commit_callbacks(execute=True):
        comment_add(page=commented, author=author, body="<p>Très clair.</p>")
    assert f"Membre n° {author.pk}" in _cached(client, commented.url)

    author.first_name, author.last_name = "Inès", "Durand"
    author.save(update_fields=["first_name", "last_name"])

    assert "Inès Durand" in _html(client, commented.url)


def test_an_erased_account_leaves_the_cached_pages(
    client, hub, member, commented, featured, django_capture_on_commit_callbacks
):
    name = member.public_name
    assert name in _cached(client, commented.url)
    assert name in _cached(client, hub.url)

    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=member)

    resource_html = _html(client, commented.url)
    assert name not in resource_html
    assert "Un ancien membre" in resource_html
    assert "Pour bien commencer" not in _html(client, hub.url)


# --- The site shell ---------------------------------------------------------------------------


def test_editing_the_site_settings_renders_cached_hub_pages_again(client, hub, make_resource):
    resource = make_resource()
    search_url = f"{hub.url}search/?q=ressource"
    for url in (hub.url, resource.url, search_url):
        _cached(client, url)
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))

    settings.site_name = "Conservatoire des Lilas"
    settings.save()

    for url in (hub.url, resource.url, search_url):
        assert "Conservatoire des Lilas" in _html(client, url), url


def test_editing_the_main_menu_renders_cached_hub_pages_again(client, hub, make_resource):
    resource = make_resource()
    for url in (hub.url, resource.url):
        _cached(client, url)
    navigation = NavigationSettings.for_site(Site.objects.get(is_default_site=True))

    navigation.header_links.append(
        ("link", {"url": "https://example.org/agenda", "label": "Agenda des concerts"})
    )
    navigation.save()

    for url in (hub.url, resource.url):
        assert "Agenda des concerts" in _html(client, url), url


def test_a_menu_page_renamed_elsewhere_shows_in_the_hub_pages(client, hub, site_home):
    assert site_home.title in _cached(client, hub.url)

    site_home.title = "Accueil du conservatoire"
    site_home.save_revision().publish()

    assert "Accueil du conservatoire" in _html(client, hub.url)


def test_a_hub_page_cached_before_a_menu_page_is_committed_is_rendered_again_after(
    client, hub, site_home, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        site_home.title = "Accueil du conservatoire"
        site_home.save_revision().publish()
        # Stands for a visitor served from the data of before, while the publication is
        # not committed yet: the page is kept in the cache under the shell's new generation.
        _cached(client, hub.url)
    for callback in callbacks:
        callback()

    with CaptureQueriesContext(connection) as queries:
        _html(client, hub.url)

    assert len(queries) > 0  # rendered again, not the entry stored before the commit
