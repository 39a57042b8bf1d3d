"""Command line of the media engine: ``python -m media_pipeline probe|transcode …``.

Exit status: 0 on success, 2 on bad input (one line on stderr saying why), 1 on an internal
failure. Imports only the engine, never Django, so it runs on any machine with ffmpeg.
"""

import argparse
import json
import sys
from pathlib import Path

from media_pipeline.engine.errors import InvalidMediaError, MediaError
from media_pipeline.engine.probe import probe
from media_pipeline.engine.transcode import TranscodeOptions, transcode
from media_pipeline.engine.types import AudioLayout, Projection, StereoMode

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT = 0, 1, 2
LAYOUT_CHOICES = [AudioLayout.MONO, AudioLayout.STEREO, AudioLayout.SURROUND_5_1, AudioLayout.AMBIX]


def main(argv: list[str] | None = None) -> int:
    """Run the command in ``argv`` and return the exit status."""
    args = parser().parse_args(argv)
    try:
        return args.handler(args)
    except InvalidMediaError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except MediaError as exc:
        print(f"internal error: {exc}", file=sys.stderr)
        return EXIT_INTERNAL


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m media_pipeline", description=__doc__)
    commands = root.add_subparsers(required=True, metavar="COMMAND")
    probing = commands.add_parser("probe", help="describe a file as JSON")
    probing.add_argument("file", type=Path)
    probing.set_defaults(handler=run_probe)
    packaging = commands.add_parser("transcode", help="write the HLS package of a file")
    packaging.add_argument("file", type=Path)
    packaging.add_argument("outdir", type=Path)
    packaging.add_argument("--projection", choices=[str(p) for p in Projection])
    packaging.add_argument("--stereo", choices=[str(s) for s in StereoMode])
    packaging.add_argument("--audio-layout", choices=[str(a) for a in LAYOUT_CHOICES])
    packaging.add_argument("--flat-only", action="store_true", help="ignore 360° and ambisonics")
    packaging.add_argument("--preset", default="veryfast", help="x264 preset (veryfast)")
    packaging.add_argument("--progress", action="store_true", help="print progress on stderr")
    packaging.set_defaults(handler=run_transcode)
    return root


def run_probe(args: argparse.Namespace) -> int:
    print(json.dumps(probe(args.file).to_dict(), indent=2, ensure_ascii=False))
    return EXIT_OK


def run_transcode(args: argparse.Namespace) -> int:
    options = TranscodeOptions(
        projection=args.projection,
        stereo_mode=args.stereo,
        audio_layout=args.audio_layout,
        flat_only=args.flat_only,
        preset=args.preset,
    )
    outdir = args.outdir
    if outdir.exists() and (not outdir.is_dir() or any(outdir.iterdir())):
        print(f"error: {outdir} must be an empty directory or not exist yet.", file=sys.stderr)
        return EXIT_BAD_INPUT
    progress = _printer() if args.progress else None
    result = transcode(args.file, outdir, options=options, progress=progress)
    print(json.dumps(result.manifest, indent=2, ensure_ascii=False))
    return EXIT_OK


def _printer():
    shown = [-1]

    def show(fraction: float) -> None:
        percent = int(fraction * 100)
        if percent != shown[0]:
            shown[0] = percent
            print(f"progress {percent}%", file=sys.stderr, flush=True)

    return show


if __name__ == "__main__":
    sys.exit(main())
