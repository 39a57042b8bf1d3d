"""The permission table: every URL of the site × every role → the answer expected.

Columns follow ROLES: visitor, member, student (enrolled in course A), other_student (in
course B only), teacher (of A), other_teacher (of B), volunteer, moderator, staff.

LOGIN is a redirection to a login page, ADMIN_HOME Wagtail's refusal (back to the admin
home page, with a message), REFUSED any refusal (403, 404, 405, LOGIN or ADMIN_HOME); an int
is the exact status. A row whose URL names an object that is one person's business has an
`owner`, the role of that person: someone else with the same roles is refused it too.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse

# The body of a hand-in of parts: well formed, so that only ownership is left to refuse it.
PARTS = {
    "data": json.dumps({"parts": [{"PartNumber": 1, "ETag": "etag"}]}),
    "content_type": "application/json",
}

LOGIN = "login"
# Wagtail refuses a screen of its admin by sending the person back to the admin home page.
ADMIN_HOME = "admin home"
REFUSED = "refused"
ALL = (200,) * 9
AH = ADMIN_HOME


@dataclass(frozen=True)
class Row:
    """The expected answers of one URL pattern (`route`, as the resolver spells it)."""

    route: str
    url: Callable[[dict], str]
    method: str = "get"
    data: dict = field(default_factory=dict)  # arguments of the test client's request
    owner: str | None = None
    label: str = ""

    @property
    def name(self):
        return self.label or self.route


@dataclass(frozen=True)
class PrefixRule:
    """Every URL under `prefix` is covered by the answers of a few samples (admin paths)."""

    prefix: str
    samples: tuple

    def urls(self):
        for sample in self.samples:
            yield "/admin/" + sample, _admin_url(sample)


def _admin_url(sample):
    return lambda w: "/admin/" + sample.format(**{k: getattr(v, "pk", v) for k, v in w.items()})


def rev(name, *args):
    return lambda w: reverse(name, args=[a(w) if callable(a) else a for a in args])


def pk(key):
    return lambda w: w[key].pk


def uid(key):
    return lambda w: w[key].uuid


def lesson(n):
    return lambda w: w["lessons"][n].pk


def scope(w):
    return w["assignment_scope"]


A_UP = ("studio_media:upload_create", "assignment", scope)


ROWS = [
    # --- core and public
    Row("healthz", lambda w: "/healthz"),
    Row("i18n/setlang/", lambda w: "/i18n/setlang/", method="post"),
    Row("sitemap.xml", lambda w: "/sitemap.xml"),
    Row("search/", lambda w: "/search/?q=gamme"),
    Row(r"^((?:[\w\-]+/)*)$", lambda w: w["home"].url, label="home page"),
    Row(r"^((?:[\w\-]+/)*)$", lambda w: w["course_a"].url, label="course page"),
    Row(r"^((?:[\w\-]+/)*)$", lambda w: w["lessons"][1].url, label="lesson page"),
    Row(r"^((?:[\w\-]+/)*)$", lambda w: w["resource"].url, label="hub resource"),
    # The document of a lesson reserved to course A's students (not a free preview).
    Row(r"documents/^(\d+)/(.*)$", lambda w: w["lesson_document"].url),
    Row("documents/authenticate_with_password/<int:restriction_id>/",
        lambda w: "/documents/authenticate_with_password/999999/"),
    Row("_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        lambda w: f"/_util/authenticate_with_password/999999/{w['home'].pk}/"),
    Row("_util/login/", lambda w: "/_util/login/"),
    # --- accounts
    Row("accounts/profile/", rev("accounts:profile")),
    Row("accounts/my-data/", rev("accounts:data_export")),
    Row("accounts/delete/", rev("accounts:delete")),
    Row("accounts/login/", rev("account_login")),
    Row("accounts/logout/", rev("account_logout")),
    Row("accounts/inactive/", rev("account_inactive")),
    Row("accounts/signup/", rev("account_signup")),
    Row("accounts/reauthenticate/", rev("account_reauthenticate")),
    Row("accounts/reauthenticate/code/", rev("account_request_reauthentication_code")),
    Row("accounts/reauthenticate/code/confirm/",
        rev("account_confirm_reauthentication_code")),
    Row("accounts/email/", rev("account_email")),
    Row("accounts/confirm-email/", rev("account_email_verification_sent")),
    Row("accounts/password/change/", rev("account_change_password")),
    Row("accounts/password/set/", rev("account_set_password")),
    Row("accounts/password/reset/", rev("account_reset_password")),
    Row("accounts/login/code/confirm/", rev("account_confirm_login_code")),
    Row(r"accounts/^confirm-email/(?P<key>[-:\w]+)/$", rev("account_confirm_email", "bad-key")),
    Row("accounts/password/reset/key/done/", rev("account_reset_password_from_key_done")),
    Row(r"accounts/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        rev("account_reset_password_from_key", "1", "bad-key")),
    Row("accounts/password/reset/done/", rev("account_reset_password_done")),
    Row("accounts/2fa/", rev("mfa_index")),
    Row("accounts/2fa/authenticate/", rev("mfa_authenticate")),
    Row("accounts/2fa/reauthenticate/", rev("mfa_reauthenticate")),
    Row("accounts/2fa/totp/activate/", rev("mfa_activate_totp")),
    Row("accounts/2fa/totp/deactivate/", rev("mfa_deactivate_totp")),
    Row("accounts/2fa/recovery-codes/", rev("mfa_view_recovery_codes")),
    Row("accounts/2fa/recovery-codes/generate/", rev("mfa_generate_recovery_codes")),
    Row("accounts/2fa/recovery-codes/download/", rev("mfa_download_recovery_codes")),
    # --- campus
    Row("campus/my-courses/", rev("campus:student_dashboard")),
    Row("campus/teaching/", rev("campus:teacher_dashboard")),
    Row("campus/courses/<int:pk>/enroll/", rev("campus:enroll", pk("course_a")),
        method="post"),
    Row("campus/courses/<int:pk>/withdraw/", rev("campus:withdraw", pk("course_a")),
        method="post"),
    Row("campus/courses/<int:pk>/students/", rev("campus:roster", pk("course_a"))),
    Row("campus/courses/<int:pk>/students.csv", rev("campus:export_csv", pk("course_a"))),
    Row("campus/courses/<int:pk>/invite/", rev("campus:invite", pk("course_a"))),
    Row("campus/enrollments/<int:pk>/approve/", rev("campus:approve", pk("pending")),
        method="post"),
    Row("campus/enrollments/<int:pk>/decline/", rev("campus:decline", pk("pending")),
        method="post"),
    Row("campus/enrollments/<int:pk>/cohort/", rev("campus:cohort_change", pk("enrollment")),
        method="post", owner="teacher"),
    Row("campus/invitations/<str:token>/", lambda w: w["invitation"].get_absolute_url()),
    Row("campus/lessons/<int:pk>/complete/", rev("campus:complete", lesson(0)),
        method="post"),
    Row("campus/lessons/<int:pk>/ping/", rev("campus:ping", lesson(0)), method="post"),
    Row("campus/lessons/<int:pk>/recordings/<uuid:uuid>/progress/",
        rev("campus:recording_progress", lesson(0), uid("recording")), method="post"),
    Row("campus/lessons/<int:pk>/quizzes/<str:block_id>/",
        rev("campus:quiz_submit", lesson(1), "quiz-1"), method="post"),
    Row("campus/certificates/", rev("campus:verify")),
    Row("campus/certificates/<str:code>/", lambda w: w["certificate"].get_absolute_url()),
    Row("campus/certificates/<str:code>/pdf/",
        lambda w: reverse("campus:certificate_pdf", args=[w["certificate"].code])),
    # --- campus assignments
    Row("campus/assignments/<int:lesson_id>/<str:block_id>/",
        lambda w: reverse("campus_assignments:submit",
                          args=[w["lessons"][1].pk, w["submission"].block_id])),
    Row("campus/assignments/submissions/<uuid:uuid>/",
        rev("campus_assignments:submission", uid("submission")), owner="student"),
    Row("campus/assignments/submissions/<uuid:uuid>/status.json",
        rev("campus_assignments:status", uid("submission")), owner="student"),
    Row("campus/assignments/submissions/<uuid:uuid>/file/",
        rev("campus_assignments:file", uid("file_submission")), owner="student"),
    Row("campus/assignments/submissions/<uuid:uuid>/review/",
        rev("campus_assignments:review", uid("submission")), method="post"),
    Row("campus/assignments/submissions/<uuid:uuid>/comments/",
        rev("campus_assignments:comment_add", uid("submission")), method="post",
        owner="teacher"),
    Row("campus/assignments/submissions/<uuid:uuid>/comments/<int:pk>/delete/",
        rev("campus_assignments:comment_delete", uid("submission"), pk("review_comment")),
        method="post", owner="teacher"),
    # --- hub community
    Row("hub/propose/", rev("hub_community:propose")),
    Row("hub/my-contributions/", rev("hub_community:my_contributions")),
    Row("hub/my-contributions/<int:pk>/edit/",
        rev("hub_community:contribution_edit", pk("contribution")), owner="member"),
    Row("hub/resources/<int:page_id>/comments/",
        rev("hub_community:comment_add", pk("resource")), method="post"),
    Row("hub/comments/<int:pk>/report/", rev("hub_community:comment_report", pk("comment"))),
    Row("hub/resources/<int:page_id>/bookmark/", rev("hub_community:bookmark", pk("resource")),
        method="post"),
    Row("hub/resources/<int:page_id>/useful/", rev("hub_community:useful", pk("resource")),
        method="post"),
    Row("hub/resources/<int:page_id>/collect/",
        rev("hub_community:collection_add_item", pk("resource")), method="post"),
    Row("hub/bookmarks/", rev("hub_community:bookmarks")),
    Row("hub/collections/", rev("hub_community:collections")),
    Row("hub/collections/new/", rev("hub_community:collection_create")),
    Row("hub/collections/<int:pk>/", rev("hub_community:collection", pk("collection")),
        owner="member"),
    Row("hub/collections/<int:pk>/edit/",
        rev("hub_community:collection_edit", pk("collection")), owner="member"),
    Row("hub/collections/<int:pk>/delete/",
        rev("hub_community:collection_delete", pk("collection")), owner="member"),
    Row("hub/collections/<int:pk>/feature/",
        rev("hub_community:collection_feature", pk("collection")), method="post"),
    Row("hub/collections/<int:pk>/items/<int:item_pk>/remove/",
        rev("hub_community:collection_item_remove", pk("collection"), pk("item")),
        method="post", owner="member"),
    Row("hub/collections/<int:pk>/items/<int:item_pk>/<str:direction>/",
        rev("hub_community:collection_item_move", pk("collection"), pk("item"), "up"),
        method="post", owner="member"),
    Row("api/v2/hub/^resources/", lambda w: "/api/v2/hub/resources/"),
    Row("api/v2/hub/^resources/<int:pk>/",
        lambda w: f"/api/v2/hub/resources/{w['resource'].pk}/"),
    Row("api/v2/hub/^resources/find/",
        lambda w: f"/api/v2/hub/resources/find/?html_path={w['resource'].url_path}"),
    # --- studio, playlists and segments, uploads
    Row("studio/", rev("studio:catalogue")),
    Row("studio/<uuid:uuid>/", rev("studio:recording", uid("recording"))),
    Row("studio/<uuid:uuid>/embed/", rev("studio:embed", uid("recording"))),
    Row("studio/<uuid:uuid>/chapters.vtt", rev("studio:chapters", uid("recording"))),
    Row("media-hls/<uuid:uuid>/<path:name>",
        rev("studio_media:file", uid("recording"), "master.m3u8")),
    Row("media-assets/<uuid:uuid>/<path:name>",
        lambda w: reverse("studio_media:asset_file",
                          args=[w["submission"].asset.uuid, "master.m3u8"]),
        owner="student"),
    Row("uploads/<slug:purpose>/<str:scope>/",
        lambda w: reverse("studio_media:upload_create", args=["assignment", scope(w)]),
        method="post"),
    Row("uploads/<slug:purpose>/<str:scope>/<uuid:upload_uuid>/",
        lambda w: reverse("studio_media:upload_abort",
                          args=["assignment", scope(w), w["assignment_upload"].uuid]),
        method="delete", owner="student"),
    Row("uploads/<slug:purpose>/<str:scope>/<uuid:upload_uuid>/parts/",
        lambda w: reverse("studio_media:upload_parts",
                          args=["assignment", scope(w), w["assignment_upload"].uuid]),
        owner="student"),
    Row("uploads/<slug:purpose>/<str:scope>/<uuid:upload_uuid>/parts/<int:part_number>/",
        lambda w: reverse("studio_media:upload_part",
                          args=["assignment", scope(w), w["assignment_upload"].uuid, 1]),
        method="put"),
    Row("uploads/<slug:purpose>/<str:scope>/<uuid:upload_uuid>/parts/<int:part_number>/sign/",
        lambda w: reverse("studio_media:upload_sign",
                          args=["assignment", scope(w), w["assignment_upload"].uuid, 1]),
        owner="student"),
    Row("uploads/<slug:purpose>/<str:scope>/<uuid:upload_uuid>/complete/",
        lambda w: reverse("studio_media:upload_complete",
                          args=["assignment", scope(w), w["assignment_upload"].uuid]),
        method="post", data=PARTS, owner="student"),
    # --- beta programme and feedback
    Row("beta/apply/", rev("feedback:apply")),
    Row("beta/my-application/", rev("feedback:application")),
    Row("beta/my-application/withdraw/", rev("feedback:withdraw"), method="post"),
    Row("feedback/new/", rev("feedback:new")),
    Row("feedback/thanks/<uuid:uuid>/", rev("feedback:thanks", uid("feedback")),
        owner="volunteer"),
    Row("feedback/mine/", rev("feedback:mine")),
    Row("feedback/<uuid:uuid>/", rev("feedback:detail", uid("feedback")),
        owner="volunteer"),
    # --- the studio's admin screens (uploads of recordings, status of a recording)
    Row("admin/studio/uploads/new/", rev("studio_uploads:new")),
    Row("admin/studio/uploads/", rev("studio_uploads:create"), method="post"),
    Row("admin/studio/uploads/<uuid:upload_uuid>/", rev("studio_uploads:abort", uid("upload")),
        method="delete", owner="teacher"),
    Row("admin/studio/uploads/<uuid:upload_uuid>/parts/",
        rev("studio_uploads:parts", uid("upload")), owner="teacher"),
    Row("admin/studio/uploads/<uuid:upload_uuid>/parts/<int:part_number>/",
        rev("studio_uploads:part", uid("upload"), 1), method="put"),
    Row("admin/studio/uploads/<uuid:upload_uuid>/parts/<int:part_number>/sign/",
        rev("studio_uploads:sign", uid("upload"), 1), owner="teacher"),
    Row("admin/studio/uploads/<uuid:upload_uuid>/complete/",
        rev("studio_uploads:complete", uid("upload")), method="post", data=PARTS,
        owner="teacher"),
    Row("admin/studio/recordings/<int:pk>/status/",
        rev("studio_recording_status", pk("recording")), owner="teacher"),
    Row("admin/studio/recordings/<int:pk>/status.json",
        rev("studio_recording_status_json", pk("recording")), owner="teacher"),
    Row("admin/studio/recordings/<int:pk>/confirm/",
        rev("studio_recording_confirm", pk("recording")), method="post",
        owner="teacher"),
    Row("admin/studio/recordings/<int:pk>/preview.jpg",
        rev("studio_recording_preview", pk("recording"))),
    Row("admin/studio/recordings/<int:pk>/<slug:action>/",
        rev("studio_recording_action", pk("recording"), "retry"), method="post",
        owner="teacher"),
    Row("admin/beta/summary/", rev("feedback_summary")),
]  # fmt: skip


# The Wagtail admin and the admin screens of our apps: a rule per prefix, checked on samples.
PREFIX_RULES = [
    PrefixRule("admin/login/", ("login/",)),
    PrefixRule("admin/password_reset/", ("password_reset/",)),
    PrefixRule(
        "admin/studio/",
        (
            "studio/recordings/",
            "studio/recordings/edit/{recording}/",
            "studio/recording-chooser/",
            "studio/recording-chooser/chosen/{recording}/",
        ),
    ),
    PrefixRule(
        "admin/hub/",
        (
            "hub/reported-comments/",
            "hub/reported-comments/edit/{comment}/",
        ),
    ),
    PrefixRule(
        "admin/beta/",
        (
            "beta/feedback/",
            "beta/feedback/edit/{feedback}/",
            "beta/applications/",
            "beta/cohorts/",
            "beta/phase-history/",
        ),
    ),
    PrefixRule(
        "admin/",
        (
            "",
            "pages/",
            "pages/{home}/edit/",
            "pages/{course_a}/edit/",
            "pages/{resource}/edit/",
            "users/",
            "groups/",
            "sites/",
            "workflows/list/",
            "reports/site-history/",
            "documents/",
            "images/",
            "snippets/",
            "redirects/",
            "searchpicks/",
            "forms/",
            "collections/",
            "locales/",
            "api/main/pages/",
        ),
    ),
]


# visitor, member, student, other_student, teacher, other_teacher, volunteer, moderator, staff
EXPECT = {
    'healthz':
        ALL,
    'i18n/setlang/':
        (302, 302, 302, 302, 302, 302, 302, 302, 302),
    'sitemap.xml':
        ALL,
    'search/':
        ALL,
    'home page':
        ALL,
    'course page':
        ALL,
    'lesson page':
        (LOGIN, 403, 200, 403, 200, 403, 403, 403, 200),
    'hub resource':
        ALL,
    'documents/^(\\d+)/(.*)$':
        (404, 404, 200, 404, 200, 404, 404, 404, 200),
    'documents/authenticate_with_password/<int:restriction_id>/':
        (404, 404, 404, 404, 404, 404, 404, 404, 404),
    '_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/':
        (404, 404, 404, 404, 404, 404, 404, 404, 404),
    '_util/login/':
        ALL,
    'accounts/profile/':
        (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200),
    'accounts/my-data/':
        (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200),
    'accounts/delete/':
        (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200),
    'accounts/login/':
        (200, 302, 302, 302, 302, 302, 302, 302, 302),
    'accounts/logout/':
        (302, 200, 200, 200, 200, 200, 200, 200, 200),
    'accounts/inactive/':
        ALL,
    'accounts/signup/':
        (200, 302, 302, 302, 302, 302, 302, 302, 302),
    'accounts/reauthenticate/':
        (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200),
    'accounts/reauthenticate/code/':
        (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200),
    'accounts/reauthenticate/code/confirm/':
        (LOGIN, 302, 302, 302, 302, 302, 302, 302, 302),
    'accounts/email/':
        (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200),
    'accounts/confirm-email/':
        ALL,
    'accounts/password/change/':
        (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200),
    'accounts/password/set/':
        (LOGIN, 302, 302, 302, 302, 302, 302, 302, 302),
    'accounts/password/reset/':
        ALL,
    'accounts/login/code/confirm/':
        (LOGIN, 302, 302, 302, 302, 302, 302, 302, 302),
    'accounts/^confirm-email/(?P<key>[-:\\w]+)/$':
        ALL,
    'accounts/password/reset/key/done/':
        ALL,
    'accounts/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$':
        ALL,
    'accounts/password/reset/done/':
        ALL,
    'accounts/2fa/':
        (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200),
    'accounts/2fa/authenticate/':
        (LOGIN, 302, 302, 302, 302, 302, 302, 302, 302),
    'accounts/2fa/reauthenticate/':
        (LOGIN, 302, 302, 302, 302, 302, 302, 302, 302),
    'accounts/2fa/totp/activate/':
        (LOGIN, 302, 302, 302, 302, 302, 302, 302, 302),
    'accounts/2fa/totp/deactivate/':
        (LOGIN, 404, 404, 404, 404, 404, 404, 404, 404),
    'accounts/2fa/recovery-codes/':
        (LOGIN, 404, 404, 404, 404, 404, 404, 404, 404),
    'accounts/2fa/recovery-codes/generate/':
        (LOGIN, 302, 302, 302, 302, 302, 302, 302, 302),
    'accounts/2fa/recovery-codes/download/':
        (LOGIN, 404, 404, 404, 404, 404, 404, 404, 404),
    'campus/my-courses/':
        (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200),
    'campus/teaching/':
        (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200),
    'campus/courses/<int:pk>/enroll/':
        (LOGIN, 302, 302, 302, 302, 302, 302, 302, 302),
    'campus/courses/<int:pk>/withdraw/':
        (LOGIN, 404, 302, 404, 404, 404, 404, 404, 404),
    'campus/courses/<int:pk>/students/':
        (LOGIN, 403, 403, 403, 200, 403, 403, 403, 200),
    'campus/courses/<int:pk>/students.csv':
        (LOGIN, 403, 403, 403, 200, 403, 403, 403, 200),
    'campus/courses/<int:pk>/invite/':
        (LOGIN, 403, 403, 403, 200, 403, 403, 403, 200),
    'campus/enrollments/<int:pk>/approve/':
        (LOGIN, 403, 403, 403, 302, 403, 403, 403, 302),
    'campus/enrollments/<int:pk>/decline/':
        (LOGIN, 403, 403, 403, 302, 403, 403, 403, 302),
    'campus/enrollments/<int:pk>/cohort/':
        (LOGIN, 403, 403, 403, 302, 403, 403, 403, 302),
    'campus/invitations/<str:token>/':
        (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200),
    'campus/lessons/<int:pk>/complete/':
        (LOGIN, 403, 302, 403, 403, 403, 403, 403, 403),
    'campus/lessons/<int:pk>/ping/':
        (LOGIN, 403, 200, 403, 403, 403, 403, 403, 403),
    'campus/lessons/<int:pk>/recordings/<uuid:uuid>/progress/':
        (LOGIN, 403, 400, 403, 403, 403, 403, 403, 403),
    'campus/lessons/<int:pk>/quizzes/<str:block_id>/':
        (LOGIN, 403, 302, 403, 403, 403, 403, 403, 403),
    'campus/certificates/':
        ALL,
    'campus/certificates/<str:code>/':
        ALL,
    'campus/certificates/<str:code>/pdf/':
        ALL,
    'campus/assignments/<int:lesson_id>/<str:block_id>/':
        (LOGIN, 403, 200, 403, 403, 403, 403, 403, 403),
    'campus/assignments/submissions/<uuid:uuid>/':
        (LOGIN, 404, 200, 404, 200, 404, 404, 404, 200),
    'campus/assignments/submissions/<uuid:uuid>/status.json':
        (LOGIN, 404, 200, 404, 200, 404, 404, 404, 200),
    'campus/assignments/submissions/<uuid:uuid>/file/':
        (LOGIN, 404, 200, 404, 200, 404, 404, 404, 200),
    'campus/assignments/submissions/<uuid:uuid>/review/':
        (LOGIN, 404, 404, 404, 400, 404, 404, 404, 400),
    'campus/assignments/submissions/<uuid:uuid>/comments/':
        (LOGIN, 404, 404, 404, 400, 404, 404, 404, 400),
    'campus/assignments/submissions/<uuid:uuid>/comments/<int:pk>/delete/':
        (LOGIN, 404, 404, 404, 302, 404, 404, 404, 302),
    'hub/propose/':
        (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200),
    'hub/my-contributions/':
        (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200),
    'hub/my-contributions/<int:pk>/edit/':
        (LOGIN, 200, 404, 404, 404, 404, 404, 404, 404),
    'hub/resources/<int:page_id>/comments/':
        (LOGIN, 400, 400, 400, 400, 400, 400, 400, 400),
    'hub/comments/<int:pk>/report/':
        (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200),
    'hub/resources/<int:page_id>/bookmark/':
        (LOGIN, 302, 302, 302, 302, 302, 302, 302, 302),
    'hub/resources/<int:page_id>/useful/':
        (LOGIN, 302, 302, 302, 302, 302, 302, 302, 302),
    'hub/resources/<int:page_id>/collect/':
        (LOGIN, 302, 302, 302, 302, 302, 302, 302, 302),
    'hub/bookmarks/':
        (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200),
    'hub/collections/':
        ALL,
    'hub/collections/new/':
        (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200),
    'hub/collections/<int:pk>/':
        (404, 200, 404, 404, 404, 404, 404, 404, 404),
    'hub/collections/<int:pk>/edit/':
        (LOGIN, 200, 404, 404, 404, 404, 404, 404, 404),
    'hub/collections/<int:pk>/delete/':
        (LOGIN, 200, 404, 404, 404, 404, 404, 404, 404),
    'hub/collections/<int:pk>/feature/':
        (LOGIN, 403, 403, 403, 403, 403, 403, 403, 302),
    'hub/collections/<int:pk>/items/<int:item_pk>/remove/':
        (LOGIN, 302, 404, 404, 404, 404, 404, 404, 404),
    'hub/collections/<int:pk>/items/<int:item_pk>/<str:direction>/':
        (LOGIN, 302, 404, 404, 404, 404, 404, 404, 404),
    'api/v2/hub/^resources/':
        ALL,
    'api/v2/hub/^resources/<int:pk>/':
        ALL,
    'api/v2/hub/^resources/find/':
        (404, 404, 404, 404, 404, 404, 404, 404, 404),
    'studio/':
        ALL,
    'studio/<uuid:uuid>/':
        (404, 404, 404, 404, 200, 404, 404, 404, 200),
    'studio/<uuid:uuid>/embed/':
        (404, 404, 404, 404, 404, 404, 404, 404, 404),
    'studio/<uuid:uuid>/chapters.vtt':
        (404, 404, 404, 404, 200, 404, 404, 404, 200),
    'media-hls/<uuid:uuid>/<path:name>':
        (404, 404, 404, 404, 200, 404, 404, 404, 200),
    'media-assets/<uuid:uuid>/<path:name>':
        (404, 404, 200, 404, 200, 404, 404, 404, 200),
    'uploads/<slug:purpose>/<str:scope>/':
        (403, 403, 400, 403, 403, 403, 403, 403, 403),
    'uploads/<slug:purpose>/<str:scope>/<uuid:upload_uuid>/':
        (403, 403, 200, 403, 403, 403, 403, 403, 403),
    'uploads/<slug:purpose>/<str:scope>/<uuid:upload_uuid>/parts/':
        (403, 403, 200, 403, 403, 403, 403, 403, 403),
    'uploads/<slug:purpose>/<str:scope>/<uuid:upload_uuid>/parts/<int:part_number>/':
        (403, 403, 403, 403, 403, 403, 403, 403, 403),
    'uploads/<slug:purpose>/<str:scope>/<uuid:upload_uuid>/parts/<int:part_number>/sign/':
        (403, 403, 200, 403, 403, 403, 403, 403, 403),
    'uploads/<slug:purpose>/<str:scope>/<uuid:upload_uuid>/complete/':
        (403, 403, 400, 403, 403, 403, 403, 403, 403),
    'beta/apply/':
        ALL,
    'beta/my-application/':
        (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200),
    'beta/my-application/withdraw/':
        (LOGIN, 302, 302, 302, 302, 302, 302, 302, 302),
    'feedback/new/':
        (403, 403, 403, 403, 403, 403, 200, 403, 200),
    'feedback/thanks/<uuid:uuid>/':
        (404, 404, 404, 404, 404, 404, 200, 404, 404),
    'feedback/mine/':
        (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200),
    'feedback/<uuid:uuid>/':
        (LOGIN, 404, 404, 404, 404, 404, 302, 404, 404),
    'admin/studio/uploads/new/':
        (LOGIN, LOGIN, LOGIN, LOGIN, 200, 200, LOGIN, AH, 200),
    'admin/studio/uploads/':
        (LOGIN, LOGIN, LOGIN, LOGIN, 400, 400, LOGIN, 403, 400),
    'admin/studio/uploads/<uuid:upload_uuid>/':
        (LOGIN, LOGIN, LOGIN, LOGIN, 200, 404, LOGIN, 403, 404),
    'admin/studio/uploads/<uuid:upload_uuid>/parts/':
        (LOGIN, LOGIN, LOGIN, LOGIN, 200, 404, LOGIN, 403, 404),
    'admin/studio/uploads/<uuid:upload_uuid>/parts/<int:part_number>/':
        (LOGIN, LOGIN, LOGIN, LOGIN, 403, 404, LOGIN, 403, 404),
    'admin/studio/uploads/<uuid:upload_uuid>/parts/<int:part_number>/sign/':
        (LOGIN, LOGIN, LOGIN, LOGIN, 200, 404, LOGIN, 403, 404),
    'admin/studio/uploads/<uuid:upload_uuid>/complete/':
        (LOGIN, LOGIN, LOGIN, LOGIN, 400, 404, LOGIN, 403, 404),
    'admin/studio/recordings/<int:pk>/status/':
        (LOGIN, LOGIN, LOGIN, LOGIN, 200, AH, LOGIN, AH, 200),
    'admin/studio/recordings/<int:pk>/status.json':
        (LOGIN, LOGIN, LOGIN, LOGIN, 200, AH, LOGIN, AH, 200),
    'admin/studio/recordings/<int:pk>/confirm/':
        (LOGIN, LOGIN, LOGIN, LOGIN, 302, AH, LOGIN, AH, 302),
    'admin/studio/recordings/<int:pk>/preview.jpg':
        (LOGIN, LOGIN, LOGIN, LOGIN, 404, AH, LOGIN, AH, 404),
    'admin/studio/recordings/<int:pk>/<slug:action>/':
        (LOGIN, LOGIN, LOGIN, LOGIN, 302, AH, LOGIN, AH, 302),
    'admin/beta/summary/':
        (LOGIN, LOGIN, LOGIN, LOGIN, AH, AH, LOGIN, AH, 200),
    '/admin/login/':
        (LOGIN, 403, 403, 403, AH, AH, 403, AH, AH),
    '/admin/password_reset/':
        (404, 404, 404, 404, 404, 404, 404, 404, 404),
    '/admin/studio/recordings/':
        (LOGIN, LOGIN, LOGIN, LOGIN, 200, 200, LOGIN, AH, 200),
    '/admin/studio/recordings/edit/{recording}/':
        (LOGIN, LOGIN, LOGIN, LOGIN, 200, AH, LOGIN, AH, 200),
    '/admin/studio/recording-chooser/':
        (LOGIN, LOGIN, LOGIN, LOGIN, 200, 200, LOGIN, 200, 200),
    # Another teacher's course recording is not offered (a lesson playing it would open it).
    '/admin/studio/recording-chooser/chosen/{recording}/':
        (LOGIN, LOGIN, LOGIN, LOGIN, 200, 404, LOGIN, 404, 200),
    '/admin/hub/reported-comments/':
        (LOGIN, LOGIN, LOGIN, LOGIN, AH, AH, LOGIN, 200, 200),
    '/admin/hub/reported-comments/edit/{comment}/':
        (LOGIN, LOGIN, LOGIN, LOGIN, AH, AH, LOGIN, 200, 200),
    '/admin/beta/feedback/':
        (LOGIN, LOGIN, LOGIN, LOGIN, AH, AH, LOGIN, AH, 200),
    '/admin/beta/feedback/edit/{feedback}/':
        (LOGIN, LOGIN, LOGIN, LOGIN, AH, AH, LOGIN, AH, 200),
    '/admin/beta/applications/':
        (LOGIN, LOGIN, LOGIN, LOGIN, AH, AH, LOGIN, AH, 200),
    '/admin/beta/cohorts/':
        (LOGIN, LOGIN, LOGIN, LOGIN, AH, AH, LOGIN, AH, 200),
    '/admin/beta/phase-history/':
        (LOGIN, LOGIN, LOGIN, LOGIN, AH, AH, LOGIN, AH, 200),
    '/admin/':
        (LOGIN, LOGIN, LOGIN, LOGIN, 200, 200, LOGIN, 200, 200),
    # The page explorer opens where each person may edit (teachers: their courses, the hub).
    '/admin/pages/':
        (LOGIN, LOGIN, LOGIN, LOGIN, 302, 302, LOGIN, 302, 302),
    # No role holds Wagtail's default rights over the whole tree (see accounts.roles).
    '/admin/pages/{home}/edit/':
        (LOGIN, LOGIN, LOGIN, LOGIN, AH, AH, LOGIN, AH, AH),
    '/admin/pages/{course_a}/edit/':
        (LOGIN, LOGIN, LOGIN, LOGIN, 200, AH, LOGIN, AH, 200),
    '/admin/pages/{resource}/edit/':
        (LOGIN, LOGIN, LOGIN, LOGIN, AH, AH, LOGIN, 200, AH),
    '/admin/users/':
        (LOGIN, LOGIN, LOGIN, LOGIN, AH, AH, LOGIN, AH, 200),
    '/admin/groups/':
        (LOGIN, LOGIN, LOGIN, LOGIN, AH, AH, LOGIN, AH, AH),
    '/admin/sites/':
        (LOGIN, LOGIN, LOGIN, LOGIN, AH, AH, LOGIN, AH, 200),
    '/admin/workflows/list/':
        (LOGIN, LOGIN, LOGIN, LOGIN, AH, AH, LOGIN, AH, AH),
    '/admin/reports/site-history/':
        (LOGIN, LOGIN, LOGIN, LOGIN, 200, 200, LOGIN, 200, 200),
    '/admin/documents/':
        (LOGIN, LOGIN, LOGIN, LOGIN, AH, AH, LOGIN, 200, AH),
    '/admin/images/':
        (LOGIN, LOGIN, LOGIN, LOGIN, AH, AH, LOGIN, 200, AH),
    '/admin/snippets/':
        (LOGIN, LOGIN, LOGIN, LOGIN, AH, AH, LOGIN, AH, 200),
    '/admin/redirects/':
        (LOGIN, LOGIN, LOGIN, LOGIN, AH, AH, LOGIN, AH, 200),
    '/admin/searchpicks/':
        (LOGIN, LOGIN, LOGIN, LOGIN, AH, AH, LOGIN, AH, AH),
    '/admin/forms/':
        (LOGIN, LOGIN, LOGIN, LOGIN, 200, 200, LOGIN, 200, 200),
    '/admin/collections/':
        (LOGIN, LOGIN, LOGIN, LOGIN, AH, AH, LOGIN, AH, AH),
    '/admin/locales/':
        (LOGIN, LOGIN, LOGIN, LOGIN, AH, AH, LOGIN, AH, AH),
    '/admin/api/main/pages/':
        (LOGIN, LOGIN, LOGIN, LOGIN, 200, 200, LOGIN, 200, 200),
}  # fmt: skip
