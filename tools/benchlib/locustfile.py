"""Locust load for tools/benchlib/web.py: one page, as fast as the server answers (closed loop).

QY_BENCH_PATHS: the URLs to cycle through (separated by |); QY_BENCH_COOKIE: a session cookie
sent as a header (the production cookie is Secure, which a client keeps off plain HTTP).
"""

import itertools
import os

from locust import FastHttpUser, constant, task

PATHS = os.environ.get("QY_BENCH_PATHS", "/").split("|")
COOKIE = os.environ.get("QY_BENCH_COOKIE", "")


class Reader(FastHttpUser):  # type: ignore[misc]
    wait_time = constant(0)

    def on_start(self) -> None:
        self.paths = itertools.cycle(PATHS)

    @task
    def page(self) -> None:
        path = next(self.paths)
        headers = {"Cookie": COOKIE} if COOKIE else {}
        with self.client.get(
            path, headers=headers, name="page", catch_response=True, allow_redirects=False
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} for {path}")
            elif b"</html>" not in (response.content or b""):
                response.failure(f"incomplete page for {path}")
