"""Campus actions and dashboards (the course pages themselves are Wagtail pages)."""

from django.urls import path

from .views import actions, certificates, dashboards

app_name = "campus"

urlpatterns = [
    path("my-courses/", dashboards.student_dashboard, name="student_dashboard"),
    path("teaching/", dashboards.teacher_dashboard, name="teacher_dashboard"),
    path("courses/<int:pk>/enroll/", actions.enroll, name="enroll"),
    path("courses/<int:pk>/withdraw/", actions.withdraw, name="withdraw"),
    path("courses/<int:pk>/students/", dashboards.roster, name="roster"),
    path("courses/<int:pk>/students.csv", dashboards.export_csv, name="export_csv"),
    path("courses/<int:pk>/invite/", actions.invite, name="invite"),
    path("enrollments/<int:pk>/approve/", actions.approve, name="approve"),
    path("enrollments/<int:pk>/decline/", actions.decline, name="decline"),
    path("enrollments/<int:pk>/cohort/", actions.cohort_change, name="cohort_change"),
    path("invitations/<str:token>/", actions.invitation, name="invitation"),
    path("lessons/<int:pk>/complete/", actions.complete, name="complete"),
    path("lessons/<int:pk>/ping/", actions.ping, name="ping"),
    path(
        "lessons/<int:pk>/recordings/<uuid:uuid>/progress/",
        actions.recording_progress,
        name="recording_progress",
    ),
    path("lessons/<int:pk>/quizzes/<str:block_id>/", actions.quiz_submit, name="quiz_submit"),
    path("certificates/", certificates.verify, name="verify"),
    path("certificates/<str:code>/", certificates.certificate_detail, name="certificate"),
    path("certificates/<str:code>/pdf/", certificates.certificate_download, name="certificate_pdf"),
]
