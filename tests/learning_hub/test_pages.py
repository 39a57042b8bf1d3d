"""What visitors read without an account: hub home, resource pages, files, feeds, sitemap, API."""

import json
import re

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

pytestmark = pytest.mark.django_db


def _json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_the_hub_home_shows_new_and_featured_resources_to_visitors(client, hub, make_resource):
    old = make_resource(title="Gammes majeures")
    make_resource(title="Menuet annoté")
    hub.featured = [{"type": "resource", "value": {"resource": old.pk, "note": ""}}]
    hub.save_revision().publish()

    response = client.get(hub.url)

    assert response.status_code == 200
    assert [r.title for r in response.context["new_resources"]] == [
        "Menuet annoté",
        "Gammes majeures",
    ]
    html = response.content.decode()
    assert html.index("Gammes majeures") < html.index("Menuet annoté")  # featured come first
    assert 'type="application/rss+xml"' in html


def test_a_draft_is_visible_nowhere(client, hub, make_resource):
    draft = make_resource(title="Brouillon secret", live=False)
    make_resource(title="Publiée")

    assert client.get(f"{hub.url}{draft.slug}/").status_code == 404
    for url in (hub.url, f"{hub.url}search/", f"{hub.url}search/?q=secret", f"{hub.url}feed/",
                "/api/v2/hub/resources/", "/sitemap.xml"):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Brouillon secret" not in response.content.decode(), url


def test_the_resource_page_shows_its_facts_licence_and_attribution(client, make_resource, violin):
    page = make_resource(
        title="Le détaché", licence="cc-by-sa", instruments=[violin], authors=["Hugo Lefèvre"]
    )

    response = client.get(page.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Violon" in html
    assert "https://creativecommons.org/licenses/by-sa/4.0/" in html
    assert "“Le détaché” by Hugo Lefèvre — CC BY-SA 4.0" in html or "“Le détaché” par Hugo" in html


def test_the_resource_page_carries_opengraph_and_learning_resource_metadata(
    client, make_resource, violin
):
    page = make_resource(title="Le détaché", level="advanced", instruments=[violin])

    html = client.get(page.url).content.decode()

    assert '<meta property="og:title" content="Le détaché">' in html
    data = _json_ld(html)
    assert data["@type"] == "LearningResource"
    assert data["name"] == "Le détaché"
    assert data["educationalLevel"] == "Advanced"
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["about"] == ["Violin"]
    assert data["inLanguage"] == "fr"


def test_json_ld_cannot_be_broken_out_of(client, make_resource):
    page = make_resource(title="</script><script>alert(1)</script>")

    html = client.get(page.url).content.decode()

    assert "</script><script>alert(1)" not in html
    assert _json_ld(html)["name"] == "</script><script>alert(1)</script>"


def test_derived_resources_link_both_ways(client, make_resource):
    source = make_resource(title="Pour violon", licence="cc-by-sa")
    derived = make_resource(title="Pour alto", licence="cc-by-sa", sources=[source])

    assert "Pour alto" in client.get(source.url).content.decode()
    assert "Pour violon" in client.get(derived.url).content.decode()


def test_attached_files_download_without_an_account(client, make_resource):
    Document = get_document_model()
    score = Document(title="Partition")
    score.file.save("partition.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    score.save()
    page = make_resource(body=[{"type": "document", "value": {"document": score.pk, "label": ""}}])

    html = client.get(page.url).content.decode()
    assert score.url in html

    download = client.get(score.url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 test"


def test_the_feeds_list_the_newest_resources(client, hub, make_resource):
    make_resource(title="Première")
    make_resource(title="Seconde")

    rss = client.get(f"{hub.url}feed/")
    atom = client.get(f"{hub.url}feed/atom/")

    assert rss["Content-Type"].startswith("application/rss+xml")
    assert rss.content.decode().index("Seconde") < rss.content.decode().index("Première")
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert "<author><name>Claire Martin</name></author>" in atom.content.decode()


def test_the_sitemap_lists_the_hub_and_its_resources(client, hub, make_resource):
    page = make_resource(title="Gammes")

    xml = client.get("/sitemap.xml").content.decode()

    assert f"{hub.url}</loc>" in xml
    assert f"{page.url}</loc>" in xml


def test_the_api_lists_published_resources_with_filters(client, make_resource, violin, piano):
    make_resource(title="Violon débutant", instruments=[violin], level="beginner")
    make_resource(title="Piano avancé", instruments=[piano], level="advanced", licence="cc0")
    make_resource(title="Brouillon", live=False)

    def titles(query=""):
        response = client.get(f"/api/v2/hub/resources/{query}")
        assert response.status_code == 200
        return sorted(item["title"] for item in response.json()["items"])

    assert titles() == ["Piano avancé", "Violon débutant"]
    assert titles("?level=advanced") == ["Piano avancé"]
    assert titles("?licence=cc0") == ["Piano avancé"]
    assert titles("?instrument=violon") == ["Violon débutant"]
    assert titles("?search=piano") == ["Piano avancé"]


def test_the_api_details_a_resource_with_its_licence(client, make_resource):
    page = make_resource(title="Gammes", licence="cc-by-nc")

    data = client.get(f"/api/v2/hub/resources/{page.pk}/").json()

    assert data["licence"] == "cc-by-nc"
    assert data["licence_url"] == "https://creativecommons.org/licenses/by-nc/4.0/"
    assert "Gammes" in data["attribution_line"]


def test_the_api_explains_a_bad_filter(client, hub):
    response = client.get("/api/v2/hub/resources/?instrument=kazoo")

    assert response.status_code == 400
    assert "kazoo" in response.json()["message"]


def test_english_visitors_find_the_same_library(client, hub, make_resource):
    from wagtail.models import Locale

    make_resource(title="Gammes majeures")
    english = hub.copy_for_translation(Locale.objects.get(language_code="en"))
    english.slug = "resources"
    english.save_revision().publish()

    response = client.get("/en/resources/search/")

    assert [r.title for r in response.context["outcome"].results] == ["Gammes majeures"]


def test_the_resource_page_lists_instruments_authors_and_works_in_their_order(
    client, make_resource, violin, piano
):
    from learning_hub.models import ResourceAuthor, ResourceWork

    page = make_resource(instruments=[violin, piano], authors=["Zoé Morel", "Adam Roux"])
    ResourceAuthor.objects.filter(page=page, name="Adam Roux").update(role="arrangeur")
    ResourceWork.objects.create(page=page, sort_order=1, composer="Bach", title="Partita n° 2")
    ResourceWork.objects.create(page=page, sort_order=0, composer="Kreutzer", title="Étude n° 2")

    html = client.get(page.url).content.decode()

    assert "Piano, Violon" in html  # by French name
    assert "Zoé Morel, Adam Roux (arrangeur)" in html  # the authors' order, with roles
    assert html.index("Étude n° 2") < html.index("Partita n° 2")


def test_the_breadcrumbs_of_a_resource_lead_to_the_home_and_the_hub(client, hub, make_resource):
    import re

    page = make_resource(title="Le détaché")

    html = client.get(page.url).content.decode()

    trail = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    assert re.findall(r'href="([^"]+)"', trail) == ["/", hub.url, page.url]


def test_the_preview_of_a_draft_shows_its_new_authors_and_instruments(
    admin_client, make_resource, violin, piano
):
    from learning_hub.models import ResourceAuthor

    page = make_resource(instruments=[violin], authors=["Claire Martin"])
    page.instruments = [piano]
    page.authors = [ResourceAuthor(name="Nouvelle Autrice")]
    revision = page.save_revision()

    response = admin_client.get(f"/admin/pages/{page.pk}/revisions/{revision.pk}/view/")

    html = response.content.decode()
    assert "Nouvelle Autrice" in html
    assert "Piano" in html
