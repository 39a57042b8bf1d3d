"""An S3-compatible server (moto in server mode) on loopback, for the S3 code paths."""

import socket
import subprocess
import sys
import time
from contextlib import closing

import boto3
import botocore

REGION = "eu-west-3"
ACCESS_KEY = "test-access-key"
SECRET_KEY = "test-secret-key"


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
