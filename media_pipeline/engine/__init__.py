"""Pure media engine: probe, plan, ffmpeg commands, HLS. Imports neither Django, boto3 nor Celery."""
