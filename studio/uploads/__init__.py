"""Resumable upload of recordings: one multipart protocol for S3 and for local storage."""
