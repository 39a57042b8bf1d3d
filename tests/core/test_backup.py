"""Backup and restore: an empty installation restored from an archive serves the same site."""

import hashlib
import io
import json
import re
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.core.management.sql import emit_post_migrate_signal
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import Collection, Page

from accounts.models import User
from campus.models import CampusIndexPage, LessonProgress
from core import backup
from core.models import HomePage
from studio.models import Recording
from tests.campus.conftest import make_course, make_ready_recording

TITLE = re.compile(r"<title>(.*?)</title>", re.S)


@pytest.fixture
def site_with_content(demo_site, member):
    member.display_name = "Élise Martin"
    # Below a millisecond: Django's JSON encoder alone would round it away.
    member.last_login = timezone.now().replace(microsecond=123)
    member.save()
    if not Collection.objects.exists():  # a previous transactional test flushed it
        Collection.add_root(name="Root")
    document = Document(title="Partition — Suite n° 1")
    document.file.save("partition.pdf", ContentFile(b"%PDF-1.4 demo score"), save=True)
    default_storage.save("recordings/42/v1/master.m3u8", ContentFile(b"#EXTM3U\n"))
    home = HomePage.objects.first()
    campus = home.add_child(instance=CampusIndexPage(title="Campus", slug="campus-sauvegarde"))
    course, lessons = make_course(campus)
    make_ready_recording(owner=member)
    LessonProgress.objects.create(
        user=member, lesson=lessons[0], course=course, seconds_spent=754,
        watched={"0": [[0, 42.5]]}, completed_at=timezone.now(), completion_reason="watched",
    )  # fmt: skip
    return member


def _rows():
    """Return every backed-up row as a comparable, order-free set."""
    return {json.dumps(row, sort_keys=True) for row in json.loads(backup.serialize_data())}


def _media():
    return {
        name: hashlib.sha256(default_storage.open(name).read()).hexdigest()
        for name in backup.media_names()
    }


def _pages(client):
    pages = {}
    for page in Page.objects.live().filter(depth__gt=1).specific():
        response = client.get(page.url)
        title = TITLE.search(response.text)  # none on a redirect (a lesson, to log in)
        pages[page.url] = (
            response.status_code,
            response.get("Location"),
            title and title.group(1).strip(),
        )
    return pages


def _empty_installation():
    """Make this database and storage look like a freshly migrated, empty installation."""
    backup.empty_database()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    for name in list(backup.media_names()):
        default_storage.delete(name)


def test_a_restored_empty_installation_has_the_same_rows_media_and_pages(
    site_with_content, tmp_path, client
):
    pages = _pages(client)  # first: rendering may create default settings rows
    rows, media = _rows(), _media()
    archive = tmp_path / "backup.tar"
    call_command("backup", "--output", str(archive), verbosity=0)
    _empty_installation()
    assert not User.objects.exists() and _media() == {}

    call_command("restore", str(archive), "--yes", verbosity=0)

    assert _rows() == rows
    assert _media() == media
    assert _pages(client) == pages
    restored = User.objects.get(email=site_with_content.email)
    assert restored.display_name == "Élise Martin"
    assert restored.last_login == site_with_content.last_login
    # A recording and a student's progress are among the rows compared above.
    assert Recording.objects.get(owner=restored).asset.state == "ready"
    progress = LessonProgress.objects.get(user=restored)
    assert (progress.seconds_spent, progress.watched) == (754, {"0": [[0, 42.5]]})


def test_the_manifest_counts_rows_and_media_files(site_with_content, tmp_path):
    archive = tmp_path / "backup.tar"

    manifest = backup.write_backup(archive)

    assert manifest["rows"]["accounts.user"] == User.objects.count()
    assert manifest["media_files"] == len(list(backup.media_names()))
    assert "accounts.0001_initial" in manifest["migrations"]
    assert backup.read_manifest(archive) == manifest


def test_a_file_that_is_not_an_archive_is_refused_and_the_database_is_kept(
    site_with_content, tmp_path
):
    bogus = tmp_path / "notes.tar"
    bogus.write_text("not a backup")

    with pytest.raises(CommandError, match="is not a readable backup archive"):
        call_command("restore", str(bogus), "--yes")

    assert User.objects.filter(pk=site_with_content.pk).exists()


def test_an_archive_from_a_newer_schema_asks_to_migrate_first(site_with_content, tmp_path):
    archive = tmp_path / "backup.tar"
    manifest = backup.write_backup(archive)
    manifest["migrations"].append("campus.9999_from_the_future")
    with tarfile.open(archive, "a") as tar:
        content = json.dumps(manifest).encode()
        info = tarfile.TarInfo(backup.MANIFEST_NAME)
        info.size = len(content)
        tar.addfile(info, io.BytesIO(content))

    with pytest.raises(CommandError, match=r"Run `manage\.py migrate` first"):
        call_command("restore", str(archive), "--yes")

    assert User.objects.filter(pk=site_with_content.pk).exists()


def test_an_archive_with_an_unsafe_media_name_is_refused(site_with_content, tmp_path):
    archive = tmp_path / "backup.tar"
    backup.write_backup(archive)
    with tarfile.open(archive, "a") as tar:
        info = tarfile.TarInfo(backup.MEDIA_PREFIX + "../escape.txt")
        info.size = 1
        tar.addfile(info, io.BytesIO(b"x"))

    with pytest.raises(CommandError, match="unsafe file name"):
        call_command("restore", str(archive), "--yes")


def test_backup_refuses_to_overwrite_an_existing_archive(site_with_content, tmp_path):
    archive = tmp_path / "backup.tar"
    archive.write_bytes(b"precious")

    with pytest.raises(CommandError, match="exists"):
        call_command("backup", "--output", str(archive))

    assert archive.read_bytes() == b"precious"
