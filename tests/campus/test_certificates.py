"""The certificate's PDF: every name and title prints exactly as written."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from campus.certificates import CertificateFontMissing, certificate_pdf, check_fonts
from campus.models import Certificate
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NAME = "Łukasz Dvořák-Zoë"
TITLE = "L’œuvre de Bach « à la loupe » — “Goldberg” ﬁn"


@pytest.fixture
def certificate(course_setup):
    return Certificate.objects.create(
        user=UserFactory(),
        course=course_setup["course"],
        student_name=NAME,
        course_title=TITLE,
        seconds_traced=9000,
        lessons_completed=12,
        quizzes_passed=3,
    )


def _text(pdf_bytes):
    reader = PdfReader(io.BytesIO(pdf_bytes))
    [page] = reader.pages
    return page.extract_text()


def _lines(pdf_bytes):
    return [line.strip() for line in _text(pdf_bytes).splitlines()]


def test_the_pdf_prints_names_and_titles_outside_latin_1_exactly(client, certificate):
    with translation.override("en"):
        response = client.get(reverse("campus:certificate_pdf", args=[certificate.code]))

    assert response["Content-Type"] == "application/pdf"
    lines = _lines(response.content)
    assert NAME in lines
    assert TITLE in lines
    assert "2.5 hours traced, 12 lessons completed, 3 quizzes passed" in lines
    assert f"Verification code: {certificate.code}" in lines
    assert f"http://testserver/en/campus/certificates/{certificate.code}/" in lines


def test_the_pdf_speaks_the_reader_language(client, certificate):
    response = client.get(
        reverse("campus:certificate_pdf", args=[certificate.code]), HTTP_ACCEPT_LANGUAGE="fr"
    )

    lines = _lines(response.content)
    assert "Certificat de réussite" in lines
    assert NAME in lines
    assert any(line.startswith("2,5 heures") for line in lines)
    assert any(certificate.code in line for line in lines)


def test_the_pdf_embeds_its_font(certificate):
    reader = PdfReader(io.BytesIO(certificate_pdf(certificate, verify_url="x", site_name="S")))
    fonts = reader.pages[0]["/Resources"]["/Font"]

    descriptors = [font.get_object()["/DescendantFonts"][0].get_object() for font in fonts.values()]
    assert all("/FontFile2" in d["/FontDescriptor"].get_object() for d in descriptors)


def test_a_missing_font_names_the_setting_and_the_package(certificate, settings, tmp_path):
    settings.CAMPUS_CERTIFICATE_FONT_BOLD = str(tmp_path / "gone.ttf")

    with pytest.raises(CertificateFontMissing) as raised:
        certificate_pdf(certificate, verify_url="x", site_name="S")

    message = str(raised.value)
    assert str(tmp_path / "gone.ttf") in message
    assert "CAMPUS_CERTIFICATE_FONT_BOLD" in message
    assert "fonts-dejavu-core" in message
    [warning] = check_fonts()
    assert (warning.id, warning.msg) == ("campus.W001", message)


def test_the_installed_fonts_pass_the_check():
    assert check_fonts() == []


def test_a_long_title_wraps_within_the_page(certificate):
    certificate.course_title = " ".join(["Interprétation historiquement informée"] * 6)
    pdf = certificate_pdf(certificate, verify_url="x", site_name="S")

    lines = _lines(pdf)
    wrapped = [line for line in lines if "Interprétation" in line]
    assert len(wrapped) >= 2
    assert " ".join(wrapped) == certificate.course_title
