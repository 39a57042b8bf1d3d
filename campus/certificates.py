"""The PDF version of a certificate of completion (fpdf2, its built-in fonts)."""

from django.utils import formats
from django.utils.translation import gettext as _
from fpdf import FPDF

# The built-in PDF fonts cover Latin-1: typographic signs outside it get plain equivalents.
_PLAIN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "..."})


def _latin1(text):
    return str(text).translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


def certificate_pdf(certificate, *, verify_url, site_name):
    """Return the bytes of an A4 landscape PDF for `certificate`."""
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_title(_latin1(_("Certificate of completion")))
    pdf.set_author(_latin1(site_name))
    pdf.add_page()
    pdf.set_auto_page_break(False)
    pdf.set_line_width(1)
    pdf.rect(10, 10, 277, 190)
    issued = _("Issued on %(date)s") % {
        "date": formats.date_format(certificate.issued_at, "DATE_FORMAT")
    }
    lines = [
        ("Helvetica", "", 14, site_name, 30),
        ("Helvetica", "B", 28, _("Certificate of completion"), 20),
        ("Helvetica", "", 14, _("This certifies that"), 15),
        ("Helvetica", "B", 22, certificate.student_name, 15),
        ("Helvetica", "", 14, _("completed the course"), 12),
        ("Helvetica", "B", 18, certificate.course_title, 18),
        ("Helvetica", "", 12, _details(certificate), 10),
        ("Helvetica", "", 12, issued, 14),
        ("Courier", "", 12, _("Verification code: %(code)s") % {"code": certificate.code}, 8),
        ("Helvetica", "", 10, verify_url, 8),
    ]
    pdf.set_y(25)
    for family, style, size, text, height in lines:
        pdf.set_font(family, style, size)
        pdf.cell(0, height, _latin1(text), align="C", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _details(certificate):
    return _(
        "%(hours)s hours traced, %(lessons)d lessons completed, %(quizzes)d quizzes passed"
    ) % {
        "hours": formats.number_format(certificate.hours_traced, 1),
        "lessons": certificate.lessons_completed,
        "quizzes": certificate.quizzes_passed,
    }
