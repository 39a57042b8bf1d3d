from django.http import Http404
from wagtail import hooks

from core.visibility import may_download


@hooks.register("before_serve_document")
def refuse_documents_the_visitor_may_not_download(document, request):
    # A 404 rather than a 403: a refused file's existence is not confirmed either.
    if not may_download(request.user, document):
        raise Http404
