"""Pages of assignments, inside the language prefix (/campus/assignments/…)."""

from django.urls import path

from . import views

app_name = "campus_assignments"

S = "submissions/<uuid:uuid>/"
urlpatterns = [
    path("<int:lesson_id>/<str:block_id>/", views.submit, name="submit"),
    path(S, views.submission_detail, name="submission"),
    path(S + "status.json", views.submission_status, name="status"),
    path(S + "file/", views.submission_file, name="file"),
    path(S + "review/", views.review, name="review"),
    path(S + "comments/", views.comment_add, name="comment_add"),
    path(S + "comments/<int:pk>/delete/", views.comment_delete, name="comment_delete"),
]
