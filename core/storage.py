"""Object storage for production: S3 with the headers that published media needs."""

import mimetypes

from storages.backends.s3 import S3Storage

# Published media lives under versioned prefixes and never changes once written.
IMMUTABLE_PREFIXES = ("media/assets/",)
IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable"


class MediaS3Storage(S3Storage):
    """S3 storage that sets each object's content type, and long caching on published media."""

    def get_object_parameters(self, name):
        params = super().get_object_parameters(name)
        content_type, _encoding = mimetypes.guess_type(name)
        if content_type:
            params.setdefault("ContentType", content_type)
        if name.startswith(IMMUTABLE_PREFIXES):
            params.setdefault("CacheControl", IMMUTABLE_CACHE_CONTROL)
        return params
