"""The PDF version of a certificate of completion (fpdf2, with an embedded TrueType font)."""

from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.utils import formats
from django.utils.translation import gettext as _
from fpdf import FPDF

FAMILY = "CertificateSans"


class CertificateFontMissing(ImproperlyConfigured):
    """A font file named by the settings does not exist."""


def font_files():
    """Return {style: path} of the certificate's fonts ("" regular, "B" bold).

    Raise CertificateFontMissing, naming the setting and the Debian package, when a file
    is missing.
    """
    fonts = {
        "": ("CAMPUS_CERTIFICATE_FONT", settings.CAMPUS_CERTIFICATE_FONT),
        "B": ("CAMPUS_CERTIFICATE_FONT_BOLD", settings.CAMPUS_CERTIFICATE_FONT_BOLD),
    }
    for name, path in fonts.values():
        if not Path(path).is_file():
            raise CertificateFontMissing(
                f"The certificate font {path} ({name}) does not exist: install Debian's "
                f"fonts-dejavu-core (make install does) or set {name} to a TrueType file."
            )
    return {style: path for style, (_name, path) in fonts.items()}


def check_fonts(app_configs=None, **kwargs):
    """Warn, at `manage.py check` and start-up, when the certificate fonts are missing."""
    try:
        font_files()
    except CertificateFontMissing as error:
        return [checks.Warning(str(error), id="campus.W001")]
    return []


def certificate_pdf(certificate, *, verify_url, site_name):
    """Return the bytes of an A4 landscape PDF for `certificate`.

    Raise CertificateFontMissing when the fonts of the settings are not installed.
    """
    pdf = FPDF(orientation="landscape", format="A4")
    for style, path in font_files().items():
        pdf.add_font(FAMILY, style, path)
    pdf.set_title(_("Certificate of completion"))
    pdf.set_author(site_name)
    pdf.set_margins(20, 20)
    pdf.add_page()
    pdf.set_auto_page_break(False)
    pdf.set_line_width(1)
    pdf.rect(10, 10, 277, 190)
    issued = _("Issued on %(date)s") % {
        "date": formats.date_format(certificate.issued_at, "DATE_FORMAT")
    }
    lines = [
        ("", 14, site_name, 30),
        ("B", 28, _("Certificate of completion"), 20),
        ("", 14, _("This certifies that"), 15),
        ("B", 22, certificate.student_name, 15),
        ("", 14, _("completed the course"), 12),
        ("B", 18, certificate.course_title, 18),
        ("", 12, _details(certificate), 10),
        ("", 12, issued, 14),
        ("B", 12, _("Verification code: %(code)s") % {"code": certificate.code}, 8),
        ("", 10, verify_url, 8),
    ]
    pdf.set_y(25)
    for style, size, text, height in lines:
        pdf.set_font(FAMILY, style, size)
        # A long name or title wraps within the border instead of running off the page.
        line_height = size * 0.5
        pdf.multi_cell(0, line_height, str(text), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(max(height - line_height, 0))
    return bytes(pdf.output())


def _details(certificate):
    return _(
        "%(hours)s hours traced, %(lessons)d lessons completed, %(quizzes)d quizzes passed"
    ) % {
        "hours": formats.number_format(certificate.hours_traced, 1),
        "lessons": certificate.lessons_completed,
        "quizzes": certificate.quizzes_passed,
    }
