import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from media_pipeline import storage


@pytest.fixture
def package(tmp_path):
    root = tmp_path / "out"
    (root / "v0").mkdir(parents=True)
    (root / "v0" / "init.mp4").write_bytes(b"init")
    (root / "v0" / "seg0.m4s").write_bytes(b"segment")
    (root / "master.m3u8").write_text("#EXTM3U\n")
    (root / "manifest.json").write_text("{}")
    return root


def test_publish_uploads_every_file_under_the_prefix_manifest_last(package, monkeypatch):
    order = []
    real_upload = storage._upload
    monkeypatch.setattr(storage, "_upload", lambda *a: order.append(a[1].name) or real_upload(*a))

    names = storage.publish_directory(
        default_storage, package, "media/assets/x/v1/", last=("manifest.json",), workers=1
    )

    assert sorted(names) == [
        "media/assets/x/v1/manifest.json",
        "media/assets/x/v1/master.m3u8",
        "media/assets/x/v1/v0/init.mp4",
        "media/assets/x/v1/v0/seg0.m4s",
    ]
    assert order[-1] == "manifest.json"
    with default_storage.open("media/assets/x/v1/v0/seg0.m4s") as handle:
        assert handle.read() == b"segment"


def test_publish_refuses_to_rename_an_existing_file(package):
    default_storage.save("media/assets/x/v1/master.m3u8", ContentFile(b"old"))

    with pytest.raises(storage.PublishError, match="master"):
        storage.publish_directory(default_storage, package, "media/assets/x/v1/")


def test_delete_prefix_removes_the_whole_version_and_nothing_else(package):
    storage.publish_directory(default_storage, package, "media/assets/x/v1/")
    storage.publish_directory(default_storage, package, "media/assets/x/v2/")

    assert storage.delete_prefix(default_storage, "media/assets/x/v1/") == 4

    assert storage.list_versions(default_storage, "media/assets/x/") == ["v2"]
    assert default_storage.exists("media/assets/x/v2/manifest.json")


def test_fetch_source_copies_in_chunks(tmp_path, monkeypatch):
    monkeypatch.setattr(storage, "CHUNK_SIZE", 7)
    name = default_storage.save("media/sources/a/source.mp4", ContentFile(b"0123456789" * 5))

    copied = storage.fetch_source(default_storage, name, tmp_path / "in" / "source.mp4")

    assert copied.read_bytes() == b"0123456789" * 5


def test_hls_content_types_are_registered():
    import mimetypes

    storage.register_content_types()

    assert mimetypes.guess_type("master.m3u8")[0] == "application/vnd.apple.mpegurl"
    assert mimetypes.guess_type("seg_001.m4s")[0] == "video/iso.segment"
    assert mimetypes.guess_type("thumbnails.vtt")[0] == "text/vtt"


def test_on_s3_published_files_get_their_type_and_long_caching(package, s3_storage):
    client, bucket = s3_storage

    storage.publish_directory(default_storage, package, "media/assets/x/v1/")

    head = client.head_object(Bucket=bucket, Key="media/assets/x/v1/v0/seg0.m4s")
    assert head["ContentType"] == "video/iso.segment"
    assert head["CacheControl"] == "public, max-age=31536000, immutable"
    master = client.head_object(Bucket=bucket, Key="media/assets/x/v1/master.m3u8")
    assert master["ContentType"] == "application/vnd.apple.mpegurl"


def test_on_s3_versions_are_listed_and_deleted(package, s3_storage):
    client, bucket = s3_storage
    storage.publish_directory(default_storage, package, "media/assets/x/v1/")
    storage.publish_directory(default_storage, package, "media/assets/x/v2/")

    assert storage.list_versions(default_storage, "media/assets/x/") == ["v1", "v2"]
    storage.delete_prefix(default_storage, "media/assets/x/v1/")

    keys = [o["Key"] for o in client.list_objects_v2(Bucket=bucket)["Contents"]]
    assert all(key.startswith("media/assets/x/v2/") for key in keys)
    assert len(keys) == 4


def test_on_s3_the_source_is_downloaded_by_boto3(tmp_path, s3_storage):
    client, bucket = s3_storage
    client.put_object(Bucket=bucket, Key="media/sources/a/source.mp4", Body=b"abc" * 1000)

    copied = storage.fetch_source(default_storage, "media/sources/a/source.mp4", tmp_path / "s.mp4")

    assert copied.read_bytes() == b"abc" * 1000
