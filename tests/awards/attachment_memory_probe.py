"""Peak memory of preparing image uploads at the pixel limit, measured in a fresh process.

Not a test module (pytest does not collect it): tests/awards/test_attachment_memory.py runs it
in subprocesses, and it runs by hand from the repository root:

    export DJANGO_SETTINGS_MODULE=tests.settings VAR_DIR=/tmp/probe D=/tmp/probe/images
    P="python -m tests.awards.attachment_memory_probe"
    $P generate $D
    $P measure $D/photo.jpg:photo
    $P measure --threads 12 $D/photo.jpg:photo $D/document.png:other $D/photo.webp:photo

`generate` writes the worst cases at the limit (UPLOAD_MAX_IMAGE_PIXELS unless --pixels): a
phone photo (RGB JPEG with a little noise, ~0.2 bytes a pixel, and EXIF orientation 6, so it
is rotated too), a scanned document (RGBA PNG with a transparent strip, kept as PNG) and a WebP
photo. Each is a small tile pasted over the whole canvas, so generating takes seconds; the
decoded size, which is what costs memory, depends only on the pixel count and the mode. Run it
in a process of its own so that its memory never counts in a measurement.

`measure` forks (see in_fresh_child); the child sets Django up, notes the peak RSS so far (the
baseline), then starts --threads threads (12 by default) that wait on one barrier, take the
FILE:KIND cases in turn and each do what add_attachment does before it touches the database:
read the upload (`_read`), then check, decode, re-encode and thumbnail it (`_prepare`). It
prints one JSON object: baseline_kib, peak_kib and delta_kib (getrusage(RUSAGE_SELF).ru_maxrss,
KiB on Linux), seconds, the settings in force, and what each thread produced (or the error
codes it got).
"""

import argparse
import io
import json
import math
import os
import resource
import sys
import threading
import time
import traceback
from pathlib import Path

CASES = {
    # file name: the attachment kind it is uploaded as
    "photo.jpg": "photo",
    "document.png": "quality_certificate",
    "photo.webp": "photo",
}


def peak_rss_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def in_fresh_child(function, *args) -> int:
    """Run `function(*args)` in a child forked from this still small process, print its result
    as JSON, and return the child's exit status.

    Linux keeps ru_maxrss across execve, so a process started by the test runner begins with the
    runner's own peak; a forked child starts counting from its parent's current RSS. Forking
    here, before Django or any thread exists, leaves only this process's ~10 MB in the count."""
    pid = os.fork()
    if pid == 0:
        try:
            print(json.dumps(function(*args)), flush=True)
        except BaseException:
            traceback.print_exc()
            sys.stderr.flush()
            os._exit(1)
        os._exit(0)
    _pid, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code < 0:
        print(f"the measuring child was killed by signal {-code} (out of memory?)", file=sys.stderr)
        return 1
    return code


def size_at(pixels: int) -> tuple[int, int]:
    """The largest 4:3 landscape size with at most `pixels` pixels."""
    height = math.isqrt(pixels * 3 // 4)
    return pixels // height, height


def _canvas(mode: str, size: tuple[int, int], tile):
    from PIL import Image

    canvas = Image.new(mode, size)
    for top in range(0, size[1], tile.height):
        for left in range(0, size[0], tile.width):
            canvas.paste(tile, (left, top))
    return canvas


def generate(directory: Path, pixels: int) -> dict[str, int]:
    """Write the CASES at `pixels` into `directory`; return each file's size in bytes."""
    from PIL import ExifTags, Image, ImageDraw

    directory.mkdir(parents=True, exist_ok=True)
    size = size_at(pixels)

    def band(angle: int) -> Image.Image:
        # A gradient with some sensor noise: ~0.2 bytes a pixel as a JPEG, like a phone photo.
        gradient = Image.linear_gradient("L").resize((512, 512)).rotate(angle)
        return Image.blend(gradient, Image.effect_noise((512, 512), 35), 0.12)

    photo_tile = Image.merge("RGB", (band(0), band(90), band(45)))
    # A scanned page: dark lines of "text" on white, below a transparent strip.
    page_tile = Image.new("RGBA", (512, 512), (255, 255, 255, 255))
    draw = ImageDraw.Draw(page_tile)
    for top in range(40, 480, 24):
        draw.rectangle((40, top, 470, top + 10), fill=(20, 20, 60, 255))
    draw.rectangle((0, 0, 511, 15), fill=(0, 0, 0, 0))

    photo = _canvas("RGB", size, photo_tile)
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # a phone held upright: rotated on the way in
    exif[ExifTags.Base.Make] = "Phone"
    photo.save(directory / "photo.jpg", format="JPEG", quality=90, exif=exif)
    photo.save(directory / "photo.webp", format="WEBP", quality=80, method=0)
    del photo
    page = _canvas("RGBA", size, page_tile)
    page.save(directory / "document.png", format="PNG", compress_level=1)
    del page
    return {name: (directory / name).stat().st_size for name in CASES}


def measure(cases: list[tuple[Path, str]], threads: int) -> dict:
    """Prepare `threads` uploads at once, going round `cases` (file, kind); report the peak."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.exceptions import ValidationError
    from django.core.files import File
    from PIL import Image

    from awards.services.attachments import _prepare, _read

    baseline = peak_rss_kib()
    barrier = threading.Barrier(threads)
    results: list[dict] = [{} for _ in range(threads)]

    def work(index: int) -> None:
        path, kind = cases[index % len(cases)]
        barrier.wait()
        try:
            with path.open("rb") as handle:
                prepared = _prepare(kind, _read(File(handle, name=path.name)))
        except ValidationError as error:
            codes = [e.code for e in error.error_dict["file"]]
            results[index] = {"file": path.name, "error": codes}
            return
        with Image.open(io.BytesIO(prepared.content)) as stored:
            stored_format = stored.format
        with Image.open(io.BytesIO(prepared.thumbnail)) as thumbnail:
            results[index] = {
                "file": path.name,
                "format": stored_format,
                "size": [prepared.width, prepared.height],
                "thumbnail": [thumbnail.format, *thumbnail.size],
            }

    started = time.monotonic()
    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    peak = peak_rss_kib()
    return {
        "threads": threads,
        "pixel_limit": settings.UPLOAD_MAX_IMAGE_PIXELS,
        # None before decoding was bounded: the probe also measures that code.
        "decode_concurrency": getattr(settings, "UPLOAD_DECODE_CONCURRENCY", None),
        "files": {path.name: _describe(path) for path, _kind in cases},
        "baseline_kib": baseline,
        "peak_kib": peak,
        "delta_kib": peak - baseline,
        "seconds": round(time.monotonic() - started, 2),
        "results": results,
    }


def _describe(path: Path) -> dict:
    from PIL import Image

    with Image.open(path) as image:
        return {"bytes": path.stat().st_size, "pixels": image.width * image.height}


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.awards.attachment_memory_probe")
    commands = parser.add_subparsers(dest="command", required=True)
    gen = commands.add_parser("generate")
    gen.add_argument("directory", type=Path)
    gen.add_argument("--pixels", type=int, help="default: UPLOAD_MAX_IMAGE_PIXELS")
    run = commands.add_parser("measure")
    run.add_argument("cases", nargs="+", metavar="FILE:KIND")
    run.add_argument("--threads", type=int, default=12)
    args = parser.parse_args(argv)
    if args.command == "generate":
        pixels = args.pixels
        if pixels is None:
            from django.conf import settings

            pixels = settings.UPLOAD_MAX_IMAGE_PIXELS
        print(json.dumps(generate(args.directory, pixels)))
    else:
        cases = [(Path(path), kind) for path, _, kind in (c.rpartition(":") for c in args.cases)]
        sys.exit(in_fresh_child(measure, cases, args.threads))


if __name__ == "__main__":
    main(sys.argv[1:])
