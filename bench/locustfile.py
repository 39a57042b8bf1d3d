"""The users of `bench/load.py`: what each kind of person does on the platform.

Reads the plan that load.py wrote (BENCH_LOAD_PLAN): the hub's address and resources, and
signed-in sessions of students, teachers and volunteers. Requests are grouped by kind of
page (`name=`) in the figures. A state-changing request carries the CSRF token as the
site's scripts do (cookie and X-CSRFToken header).
"""

import itertools
import json
import os
import random
import secrets
import time

from locust import HttpUser, between, task

with open(os.environ["BENCH_LOAD_PLAN"], encoding="utf-8") as _plan:
    PLAN = json.load(_plan)
WORDS = ["gamme", "violon", "rythme", "piano", "chant", "solfège", "baroque", "respiration"]
SORTS = ["relevance", "newest", "useful"]
_students = itertools.cycle(PLAN["students"])
_teachers = itertools.cycle(PLAN["teachers"])
_volunteers = itertools.cycle(PLAN["volunteers"])


class _SignedIn(HttpUser):
    abstract = True

    def sign_in(self, session_key):
        self.csrf = secrets.token_hex(16)  # 32 characters: a CSRF secret
        self.client.cookies.set("sessionid", session_key)
        self.client.cookies.set("csrftoken", self.csrf)

    def post(self, url, *, name, **kwargs):
        headers = {
            "X-CSRFToken": self.csrf,
            "Referer": self.host + url,
            **kwargs.pop("headers", {}),
        }
        with self.client.post(
            url, name=name, headers=headers, catch_response=True, **kwargs
        ) as response:
            if response.status_code >= 400:
                response.failure(f"{response.status_code}: {response.text[:120]}")


class HubVisitor(HttpUser):
    """Someone without an account reading the hub."""

    weight = 6
    wait_time = between(1, 4)

    @task(2)
    def home(self):
        self.client.get(PLAN["hub"], name="hub home")

    @task(3)
    def search(self):
        params = {"q": random.choice(WORDS), "sort": random.choice(SORTS)}
        if random.random() < 0.3:
            params["page"] = "2"
        self.client.get(f"{PLAN['hub']}search/", params=params, name="hub search")

    @task(5)
    def resource(self):
        self.client.get(random.choice(PLAN["resources"]), name="hub resource")


class Student(_SignedIn):
    """A student following lessons: pages, and a time trace at the lesson player's interval.

    The player sends a trace every `ping_interval` seconds while a lesson is open and
    visible; the platform refuses faster ones (429), so the simulation keeps that pace.
    """

    weight = 3
    wait_time = between(2, 5)

    def on_start(self):
        self.plan = next(_students)
        self.sign_in(self.plan["session"])
        self.lesson = random.choice(self.plan["lessons"])
        self.last_trace = time.monotonic()

    @task(1)
    def course(self):
        self.client.get(self.plan["course_url"], name="course")

    @task(3)
    def lesson_page(self):
        self.lesson = random.choice(self.plan["lessons"])
        self.client.get(self.lesson["url"], name="lesson")

    @task(4)
    def time_trace(self):
        if time.monotonic() - self.last_trace < PLAN["ping_interval"]:
            return
        self.last_trace = time.monotonic()
        self.post(f"/campus/lessons/{self.lesson['pk']}/ping/", name="progress ping")

    @task(1)
    def dashboard(self):
        self.client.get("/campus/my-courses/", name="student dashboard")


class Teacher(_SignedIn):
    """A teacher going through the submissions to review."""

    weight = 1
    wait_time = between(3, 8)

    def on_start(self):
        self.plan = next(_teachers)
        self.sign_in(self.plan["session"])

    @task(1)
    def dashboard(self):
        self.client.get("/campus/teaching/", name="teacher dashboard")

    @task(1)
    def roster(self):
        self.client.get(
            f"/campus/courses/{random.choice(self.plan['courses'])}/students/", name="roster"
        )

    @task(3)
    def review(self):
        if not PLAN["submissions"]:
            return
        uuid = random.choice(PLAN["submissions"])
        self.client.get(f"/campus/assignments/submissions/{uuid}/review/", name="review")
        self.post(
            f"/campus/assignments/submissions/{uuid}/comments/",
            name="review comment",
            data={"moment": "", "text": "Attention à la justesse de la deuxième phrase."},
        )


class Volunteer(_SignedIn):
    """A beta volunteer reading a page, then saying what they think of it."""

    weight = 1
    # Feedback is limited to 10 an hour per person: a volunteer sends one every 6–8 minutes
    # at most, so that a long run is not refused (a 2-minute run sends one per volunteer).
    wait_time = between(360, 480)

    def on_start(self):
        self.sign_in(next(_volunteers))

    @task
    def feedback(self):
        url = random.choice(PLAN["resources"])
        self.client.get(url, name="hub resource (volunteer)")
        self.post(
            "/feedback/new/",
            name="feedback",
            headers={"Accept": "application/json"},
            data={
                "kind": random.choice(["bug", "idea", "content", "accessibility", "other"]),
                "rating": str(random.randint(1, 5)),
                "message": "La page se charge bien ; le lecteur pourrait être plus grand.",
                "url": self.host + url,
                "screen_size": "1280x800",
            },
        )
