"""Uploaded files are served as attachments with their type, under a policy that loads and
runs nothing: a file that holds HTML is never a page of our origin."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

pytestmark = pytest.mark.django_db

HOSTILE = b"<html><body><script>alert(document.cookie)</script></body></html>"


@pytest.mark.parametrize(
    ("name", "content_type"),
    [("partition.pdf", "application/pdf"), ("consignes.txt", "text/plain")],
)
def test_a_document_is_an_attachment_of_its_type_that_runs_nothing(client, name, content_type):
    document = Document.objects.create(title="Fichier", file=ContentFile(HOSTILE, name=name))

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
