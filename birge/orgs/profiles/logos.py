"""Organization logos: an upload is checked, decoded and re-encoded from its pixels alone, so nothing the
uploader's camera or editor put into the file (GPS position, device, author, embedded scripts) reaches
readers, and every list shows a thumbnail within the page budget (docs/budgets.md: at most 4 KB)."""

import io
import secrets
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_LOGO_BYTES = 2 * 1024 * 1024
# Pixels are what costs memory once decoded (4 bytes each): a 40-megapixel image already takes 160 MB.
# Pillow's own limit (about 89 megapixels, and only a warning below twice that) is too lax for a web worker.
MAX_LOGO_PIXELS = 40_000_000
# Pillow tries only these decoders, so a logo never reaches the parsers of exotic formats (FITS, PSD, ...).
ACCEPTED_FORMATS = ("PNG", "JPEG", "WEBP", "GIF")

PROFILE_BOX = (320, 320)
THUMBNAIL_BOX = (64, 64)
THUMBNAIL_MAX_BYTES = 4096
PROFILE_QUALITY = 85
# Tried in order until the thumbnail fits its budget: (colour quality, transparency quality). Transparency
# is lossless by default in WebP, and a ragged alpha channel alone can take 4 KB, so it is lowered too.
THUMBNAIL_QUALITIES = ((80, 100), (70, 80), (60, 60), (50, 50), (40, 40), (30, 30), (20, 20), (10, 10))
# Should even the lowest quality not fit (never seen in practice), the thumbnail is made smaller still.
THUMBNAIL_FALLBACK_SIDES = (48, 32)


@dataclass(frozen=True)
class ProcessedLogo:
    profile: ContentFile  # at most 320×320, WebP
    thumbnail: ContentFile  # at most 64×64, WebP, at most 4 KB
    profile_name: str
    thumbnail_name: str


def process_logo(uploaded_file: IO[bytes]) -> ProcessedLogo:
    """Check an uploaded logo and make the two stored versions, or raise a ValidationError that says what
    is wrong and what is accepted."""
    data = _read_limited(uploaded_file)
    # Shrunk before the metadata-free copy is made, so that copy is small whatever the upload's size.
    profile_image = _pixels_only(_fit(_normalized(_open_checked(data)), PROFILE_BOX))
    profile = _encode_webp(profile_image, quality=PROFILE_QUALITY, alpha_quality=100)
    thumbnail = _encode_thumbnail(profile_image)
    stem = secrets.token_hex(16)
    profile_name, thumbnail_name = f"{stem}.webp", f"{stem}-thumb.webp"
    return ProcessedLogo(
        profile=ContentFile(profile, name=profile_name),
        thumbnail=ContentFile(thumbnail, name=thumbnail_name),
        profile_name=profile_name,
        thumbnail_name=thumbnail_name,
    )


def _read_limited(uploaded_file: IO[bytes]) -> bytes:
    # Read one byte past the limit rather than trusting a declared size: the bytes are what we decode.
    if hasattr(uploaded_file, "seek"):
        uploaded_file.seek(0)
    data = uploaded_file.read(MAX_LOGO_BYTES + 1)
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    if len(data) > MAX_LOGO_BYTES:
        raise ValidationError(
            _("The file is larger than %(limit)d MB; a logo may be at most %(limit)d MB."),
            code="too_large",
            params={"limit": MAX_LOGO_BYTES // (1024 * 1024)},
        )
    return data


def _looks_like_svg(data: bytes) -> bool:
    start = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith(b"<") and b"<svg" in start


def _unreadable() -> ValidationError:
    return ValidationError(
        _("This file is not an image we can read. Upload a PNG, JPEG, WebP or GIF image."), code="unsupported"
    )


def _open_checked(data: bytes) -> Image.Image:
    if _looks_like_svg(data):
        # SVG is a document that can carry script and links, not a picture: never accepted, and said so
        # plainly, as it is the format a designer most often sends.
        raise ValidationError(_("SVG logos are not accepted; upload a PNG, JPEG or WebP image."), code="svg")
    try:
        # verify() checks the file's structure without decoding it, and leaves the image unusable, so the
        # file is opened a second time for the real work.
        with Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS) as probe:
            _check_dimensions(*probe.size)
            probe.verify()
        image = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
        image.seek(0)  # the first frame of an animated GIF or WebP
        # Decode at a reduced scale where the format allows (JPEG): no need for every pixel of a photo.
        image.draft(None, PROFILE_BOX)
        image.load()
    except Image.DecompressionBombError:
        # Pillow itself refuses, when reading the header, an image of over twice its own limit (between the
        # two it only logs a warning, and the stricter _check_dimensions refuses the image right after).
        raise _too_many_pixels(None, None) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise _unreadable() from error
    return image


def _check_dimensions(width: int, height: int) -> None:
    # Checked from the header, before a single pixel is decoded: a small file can declare a huge canvas.
    if width * height > MAX_LOGO_PIXELS:
        raise _too_many_pixels(width, height)


def _too_many_pixels(width: int | None, height: int | None) -> ValidationError:
    limit = MAX_LOGO_PIXELS // 1_000_000
    if width is None or height is None:
        return ValidationError(
            _("The image has too many pixels; a logo may have at most %(limit)d megapixels."),
            code="too_many_pixels",
            params={"limit": limit},
        )
    return ValidationError(
        _(
            "The image is %(width)d×%(height)d pixels; a logo may have at most %(limit)d megapixels. "
            "Make it smaller and upload it again."
        ),
        code="too_many_pixels",
        params={"width": width, "height": height, "limit": limit},
    )


def _normalized(image: Image.Image) -> Image.Image:
    """Upright, and in RGB, or RGBA where the logo has transparency."""
    try:
        ImageOps.exif_transpose(image, in_place=True)
        mode = "RGBA" if _has_transparency(image) else "RGB"
        # convert() copies even to the same mode; a 40-megapixel logo is 160 MB a copy.
        return image if image.mode == mode else image.convert(mode)
    except (OSError, ValueError) as error:
        raise _unreadable() from error


def _pixels_only(image: Image.Image) -> Image.Image:
    # A new image made from the pixels alone: EXIF, XMP, ICC profile and comments stay behind in `info`,
    # whatever a later version of an encoder might copy from it.
    return Image.frombytes(image.mode, image.size, image.tobytes())


def _has_transparency(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info


def _fit(image: Image.Image, box: tuple[int, int]) -> Image.Image:
    """The image scaled down to fit in `box`, keeping its proportions; a small one is returned as it is, not
    enlarged (it would only blur). Unlike thumbnail(), this never copies the full-size image first."""
    scale = min(box[0] / image.width, box[1] / image.height)
    if scale >= 1:
        return image
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    # reducing_gap: a fast box reduction first, then Lanczos for the last step; the result looks the same.
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def _encode_webp(image: Image.Image, *, quality: int, alpha_quality: int) -> bytes:
    buffer = io.BytesIO()
    # No exif, icc_profile or xmp arguments: the WebP encoder writes only what it is given. Method 4 (of 0-6)
    # on purpose: method 6 with lossless transparency took 12 s on a noisy 320×320 logo, a denial of service.
    image.save(buffer, format="WEBP", quality=quality, alpha_quality=alpha_quality, method=4)
    return buffer.getvalue()


def _encode_thumbnail(image: Image.Image) -> bytes:
    for side in (THUMBNAIL_BOX[0], *THUMBNAIL_FALLBACK_SIDES):
        small = _fit(image, (side, side))
        for quality, alpha_quality in THUMBNAIL_QUALITIES:
            encoded = _encode_webp(small, quality=quality, alpha_quality=alpha_quality)
            if len(encoded) <= THUMBNAIL_MAX_BYTES:
                return encoded
    raise ValidationError(
        _("This image is too detailed to make a small list thumbnail of it; upload a simpler logo."),
        code="too_detailed",
    )
