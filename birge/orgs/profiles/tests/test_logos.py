import io
import os
import re
import struct
import time
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import ExifTags, Image

from birge.orgs.profiles import logos
from birge.orgs.profiles.logos import THUMBNAIL_MAX_BYTES, process_logo


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def encoded(image: Image.Image, fmt: str, **params) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **params)
    return buffer.getvalue()


def upload(content: bytes, name: str = "logo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/png")


def reopened(content_file) -> Image.Image:
    content_file.seek(0)
    image = Image.open(io.BytesIO(content_file.read()))
    image.load()
    return image


def refusal(content: bytes, name: str = "logo.png") -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        process_logo(upload(content, name))
    return caught.value


def noisy_photo(size: tuple[int, int], mode: str = "RGB") -> Image.Image:
    # Random pixels are the worst case for any encoder: nothing to predict, nothing to smooth away.
    return Image.frombytes(mode, size, os.urandom(size[0] * size[1] * len(mode)))


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_bomb(width: int, height: int) -> bytes:
    """A valid 1-bit PNG of a huge blank canvas: a few kilobytes on the wire, gigabytes once decoded."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale, no interlace
    compressor = zlib.compressobj(9)
    row = b"\x00" * (1 + (width + 7) // 8)  # filter byte, then the packed bits
    pixels = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", pixels)
        + png_chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP", "GIF"])
def test_each_accepted_format_gives_a_webp_profile_and_thumbnail(fmt):
    logo = process_logo(upload(encoded(Image.new("RGB", (800, 400), "navy"), fmt)))
    profile, thumbnail = reopened(logo.profile), reopened(logo.thumbnail)
    assert profile.format == thumbnail.format == "WEBP"
    assert profile.size == (320, 160) and thumbnail.size == (64, 32)
    assert logo.thumbnail.size <= THUMBNAIL_MAX_BYTES


def test_names_are_random_and_end_in_webp():
    first = process_logo(upload(encoded(Image.new("RGB", (10, 10)), "PNG")))
    second = process_logo(upload(encoded(Image.new("RGB", (10, 10)), "PNG")))
    assert re.fullmatch(r"[0-9a-f]{32}\.webp", first.profile_name)
    assert re.fullmatch(r"[0-9a-f]{32}-thumb\.webp", first.thumbnail_name)
    assert first.profile_name != second.profile_name
    assert first.profile.name == first.profile_name and first.thumbnail.name == first.thumbnail_name


def test_a_small_logo_is_not_enlarged():
    logo = process_logo(upload(encoded(Image.new("RGB", (40, 30), "red"), "PNG")))
    assert reopened(logo.profile).size == (40, 30) and reopened(logo.thumbnail).size == (40, 30)


def test_gps_and_other_exif_are_removed():
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Artist] = "Someone at the office"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (42.0, 52.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (74.0, 36.0, 0.0)
    photo = encoded(noisy_photo((400, 300)), "JPEG", exif=exif)
    assert Image.open(io.BytesIO(photo)).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the input does have GPS

    logo = process_logo(upload(photo, "photo.jpg"))
    for version in (logo.profile, logo.thumbnail):
        image = reopened(version)
        assert not image.getexif() and "exif" not in image.info and "xmp" not in image.info
        version.seek(0)
        raw = version.read()
        assert b"EXIF" not in raw and b"Exif" not in raw and b"PhoneMaker" not in raw


def test_exif_orientation_is_applied_before_the_metadata_goes():
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # "rotate 90° clockwise to display"
    # Large enough for the JPEG decoder to scale it down while reading (draft mode) before the rotation.
    photo = encoded(Image.new("RGB", (1600, 800), "green"), "JPEG", exif=exif)
    logo = process_logo(upload(photo, "photo.jpg"))
    assert reopened(logo.profile).size == (160, 320)


def test_transparency_is_kept():
    image = Image.new("RGBA", (200, 200), (0, 0, 0, 0))
    image.paste((200, 30, 30, 255), (50, 50, 150, 150))
    logo = process_logo(upload(encoded(image, "PNG")))
    for version in (logo.profile, logo.thumbnail):
        result = reopened(version)
        assert result.mode == "RGBA"
        assert result.getpixel((0, 0))[3] == 0
        assert result.getpixel((result.width // 2, result.height // 2))[3] == 255


def test_a_gif_with_a_transparent_colour_keeps_it_and_only_the_first_frame_counts():
    first = Image.new("P", (60, 60), 1)
    first.putpalette([0, 0, 0, 255, 0, 0, 0, 0, 255] + [0] * 759)
    first.paste(0, (0, 0, 10, 10))
    second = first.copy()
    second.paste(2, (0, 0, 60, 60))
    gif = encoded(first, "GIF", save_all=True, append_images=[second], transparency=0, duration=100, loop=0)
    result = reopened(process_logo(upload(gif, "logo.gif")).profile)
    assert result.mode == "RGBA"
    assert result.getpixel((0, 0))[3] == 0
    red, green, blue, alpha = result.getpixel((40, 40))
    assert red > 200 and blue < 50 and alpha == 255  # the red first frame, not the blue second one


def test_greyscale_and_cmyk_images_come_out_as_rgb():
    for image, fmt in ((Image.new("L", (50, 50), 128), "PNG"), (Image.new("CMYK", (50, 50), "cyan"), "JPEG")):
        assert reopened(process_logo(upload(encoded(image, fmt))).profile).mode == "RGB"


def coarse_noise(mode: str) -> Image.Image:
    # Noise in 10-pixel blocks: unlike per-pixel noise, it does not average out to grey when shrunk, so the
    # thumbnail itself is as detailed as a 64-pixel image can be.
    return noisy_photo((64, 64), mode).resize((640, 640), Image.Resampling.NEAREST)


@pytest.mark.parametrize("mode", ["RGB", "RGBA"])
def test_a_noisy_photo_still_gives_a_thumbnail_within_the_budget(mode):
    logo = process_logo(upload(encoded(coarse_noise(mode), "PNG")))
    assert len(logo.thumbnail.read()) <= THUMBNAIL_MAX_BYTES
    assert reopened(logo.thumbnail).size == (64, 64)


def test_the_thumbnail_shrinks_when_even_the_lowest_quality_is_over_budget(monkeypatch):
    monkeypatch.setattr(logos, "THUMBNAIL_MAX_BYTES", 1600)
    logo = process_logo(upload(encoded(coarse_noise("RGBA"), "PNG")))
    assert len(logo.thumbnail.read()) <= 1600
    assert reopened(logo.thumbnail).size[0] < 64


def test_an_image_no_thumbnail_can_hold_is_refused(monkeypatch):
    monkeypatch.setattr(logos, "THUMBNAIL_MAX_BYTES", 10)
    error = refusal(encoded(coarse_noise("RGB"), "PNG"))
    assert error.code == "too_detailed"


def test_a_noisy_transparent_logo_is_processed_quickly():
    # WebP's slowest method took 12 s on this kind of image: the encoder settings are part of the security.
    content = encoded(noisy_photo((600, 500), "RGBA"), "PNG")
    started = time.monotonic()
    process_logo(upload(content))
    assert time.monotonic() - started < 3


def test_a_file_over_2_mb_is_refused():
    content = encoded(Image.new("RGB", (8, 8)), "PNG")
    content += b"\x00" * (logos.MAX_LOGO_BYTES + 1 - len(content))
    error = refusal(content)
    assert error.code == "too_large" and "at most 2 MB" in error.messages[0]


def test_a_file_of_exactly_2_mb_is_read():
    content = encoded(Image.new("RGB", (8, 8)), "PNG")
    # Bytes after the PNG's end are ignored by decoders; only the size matters here.
    content += b"\x00" * (logos.MAX_LOGO_BYTES - len(content))
    assert process_logo(upload(content)).profile.size > 0


def test_an_empty_file_is_refused():
    assert refusal(b"").code == "empty"


@pytest.mark.parametrize(
    "content",
    [
        b"This is a text file with a .png name.\n",
        b"%PDF-1.7\n...",
        encoded(Image.new("RGB", (20, 20)), "BMP"),  # Pillow reads it, but it is not an accepted format
        encoded(Image.new("RGB", (20, 20)), "TIFF"),
        encoded(noisy_photo((100, 100)), "PNG")[:400],  # cut off halfway
    ],
)
def test_files_that_are_not_accepted_images_are_refused(content):
    error = refusal(content)
    assert error.code == "unsupported"
    assert error.messages == ["This file is not an image we can read. Upload a PNG, JPEG, WebP or GIF image."]


@pytest.mark.parametrize(
    "content",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b'\xef\xbb\xbf<?xml version="1.0"?>\n<!DOCTYPE svg>\n<SVG viewBox="0 0 10 10"></SVG>',
    ],
)
def test_svg_is_refused_by_name(content):
    error = refusal(content, "logo.png")
    assert error.code == "svg"
    assert error.messages == ["SVG logos are not accepted; upload a PNG, JPEG or WebP image."]


def test_a_small_file_declaring_a_huge_canvas_is_refused_before_decoding():
    bomb = png_bomb(8000, 8000)  # 64 megapixels
    assert len(bomb) < 20_000
    error = refusal(bomb)
    assert error.code == "too_many_pixels"
    assert error.messages[0].startswith(
        "The image is 8000×8000 pixels; a logo may have at most 40 megapixels."
    )


def test_a_canvas_beyond_pillows_own_limit_is_refused_too():
    header = struct.pack(">IIBBBBB", 50_000, 50_000, 1, 0, 0, 0, 0)
    bomb = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IEND", b"")
    error = refusal(bomb)
    assert error.code == "too_many_pixels" and "at most 40 megapixels" in error.messages[0]
