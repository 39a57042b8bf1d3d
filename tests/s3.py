"""An S3-compatible server (moto in server mode) on loopback, for the S3 code paths."""

import contextlib
import re
import socket
import subprocess
import sys
import threading
import time
from contextlib import closing

import boto3
import botocore

REGION = "eu-west-3"
ACCESS_KEY = "test-access-key"
SECRET_KEY = "test-secret-key"
# Bytes of a request kept between two reads, so that a request line split across them matches.
WATCH_TAIL = 512


def free_port():
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class S3Server:
    """A moto server process listening on 127.0.0.1 and a random free port."""

    def __init__(self):
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                self.client().list_buckets()
                return self
            except botocore.exceptions.EndpointConnectionError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("The S3 test server did not start within 30 s.")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
        )

    def create_bucket(self, name):
        self.client().create_bucket(
            Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        return name

    def storage_settings(self, bucket):
        """Return the STORAGES["default"] entry that points Django at `bucket`."""
        return {
            "BACKEND": "core.storage.MediaS3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": self.endpoint,
                "region_name": REGION,
                "access_key": ACCESS_KEY,
                "secret_key": SECRET_KEY,
                "file_overwrite": False,
                "querystring_auth": True,
            },
        }


class TcpProxy:
    """Forward 127.0.0.1:port to a target port; `down()` makes the storage unreachable."""

    def __init__(self, target_port):
        self.target_port = target_port
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self._server = None
        self._thread = None

    def up(self):
        self._server = socket.create_server(("127.0.0.1", self.port), reuse_port=False)
        self._server.settimeout(0.2)
        self._running = True
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()
        return self

    def down(self):
        self._running = False
        if self._thread:
            self._thread.join()
        if self._server:
            self._server.close()
        self._server = self._thread = None

    def _accept(self):
        while self._running:
            try:
                client, _address = self._server.accept()
            except TimeoutError:
                continue
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(target=_pipe, args=(source, target), daemon=True).start()


def _pipe(source, target):
    try:
        while data := source.recv(65536):
            target.sendall(data)
    except OSError:
        pass
    finally:
        _shut_down(source, target)


def _shut_down(*sockets):
    for sock in sockets:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


class CuttableProxy(TcpProxy):
    """A TcpProxy whose `cut()` also breaks the connections already open through it.

    Closing only the listening socket would leave boto3's pooled connections working;
    `cut()` makes the storage unreachable the way a crashed or partitioned one is.
    `cut_when(marker, after=n)` cuts just before the n-th request matching `marker` goes
    upstream (a request line such as rb"PUT /bucket/media/assets/[^/]+/v2-"),
    so a test can stop the storage in the middle of a publication, never before it.
    """

    def __init__(self, target_port):
        super().__init__(target_port)
        self._lock = threading.Lock()
        self._sockets = set()
        self._marker = None
        self._remaining = 0
        self.tripped = threading.Event()

    def cut_when(self, marker, *, after=1):
        """Cut just before the `after`-th request matching `marker` (bytes or a bytes regex)."""
        pattern = marker if isinstance(marker, re.Pattern) else re.compile(re.escape(marker))
        with self._lock:
            self._marker, self._remaining = pattern, after
        self.tripped.clear()

    def cut(self):
        self.down()
        with self._lock:
            sockets, self._sockets = self._sockets, set()
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _accept(self):
        while self._running:
            try:
                client, _address = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets.update((client, upstream))
            threading.Thread(target=self._forward, args=(client, upstream), daemon=True).start()
            threading.Thread(target=_pipe, args=(upstream, client), daemon=True).start()

    def _forward(self, source, target):
        tail = b""
        try:
            while data := source.recv(65536):
                hit, tail = self._watch(tail, data)
                if hit:
                    self.tripped.set()
                    threading.Thread(target=self.cut, daemon=True).start()
                    return
                target.sendall(data)
        except OSError:
            pass
        finally:
            _shut_down(source, target)

    def _watch(self, tail, data):
        """Return (True if `data` holds the awaited match, the tail to keep for the next)."""
        with self._lock:
            pattern = self._marker
            if pattern is None:
                return False, b""
            window = tail + data
            found = [m for m in pattern.finditer(window) if m.end() > len(tail)]
            self._remaining -= len(found)
            if self._remaining <= 0:
                self._marker = None
                return True, b""
            return False, window[-WATCH_TAIL:]
