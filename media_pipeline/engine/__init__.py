"""Pure media engine: probe, plan, ffmpeg commands, HLS; imports no Django, boto3 or Celery."""
