"""Certificates: anyone can check one by its code; a printable page and a PDF."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from core.models import SiteSettings

from ..certificates import certificate_pdf
from ..models import Certificate


def _normalised(code):
    return code.strip().upper().replace(" ", "")


@require_GET
def verify(request):
    """Show the form to check a code; redirect to the certificate when it exists."""
    code = _normalised(request.GET.get("code", ""))
    if code:
        certificate = Certificate.objects.filter(code=code).first()
        if certificate:
            return redirect(certificate)
        return render(request, "campus/verify.html", {"code": code, "unknown": True}, status=404)
    return render(request, "campus/verify.html", {"code": ""})


@require_GET
def certificate_detail(request, code):
    certificate = get_object_or_404(Certificate.objects.select_related("course"), code=code)
    return render(request, "campus/certificate.html", {"certificate": certificate})


@require_GET
def certificate_download(request, code):
    certificate = get_object_or_404(Certificate, code=code)
    site_name = SiteSettings.for_request(request).get_site_name()
    pdf = certificate_pdf(
        certificate,
        verify_url=request.build_absolute_uri(certificate.get_absolute_url()),
        site_name=site_name,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{certificate.code}.pdf"'
    return response
