"""Files people attach in funding (an application's documents, a report's evidence, a visit's photos):
the kind read from the content, never from the name; images rebuilt from their pixels, so that whatever
else the file carried (metadata, the place a photo was taken, a payload after the image data) is not kept;
and the name and digest the stored copy is known by."""

import hashlib
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from birge.core.uploads import validate_document

# A photo of a document is a few megapixels; more is a decompression bomb or a mistake.
MAX_PIXELS = 40_000_000
FORMATS = {"png": "PNG", "jpeg": "JPEG", "webp": "WEBP"}


def reencoded_image(data: bytes, kind: str) -> bytes:
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(_("The image is too large; send a smaller one."))
            image = ImageOps.exif_transpose(image)
            pixels = image.convert("RGBA" if kind != "jpeg" and image.mode in ("RGBA", "LA", "P") else "RGB")
            clean = Image.frombytes(pixels.mode, pixels.size, pixels.tobytes())
    except (OSError, Image.DecompressionBombError, ValueError) as error:
        raise ValidationError(_("The image cannot be read.")) from error
    out = io.BytesIO()
    clean.save(out, FORMATS[kind], **({"quality": 85} if kind != "png" else {"optimize": True}))
    return out.getvalue()


@dataclass(frozen=True)
class CleanFile:
    kind: str  # birge.core.uploads.KINDS
    data: bytes  # what is stored: the upload, or the image rebuilt
    name: str  # as the uploader called it, printable characters only, for display
    sha256: str


def clean_upload(uploaded, *, kinds: tuple[str, ...] | None = None, refused: str = "") -> CleanFile:
    """Validate `uploaded` (see birge.core.uploads) and rebuild it if it is an image. With `kinds`, any
    other kind is refused with the message `refused`."""
    kind = validate_document(uploaded)
    if kinds is not None and kind not in kinds:
        raise ValidationError(refused)
    data = uploaded.read()
    if kind in FORMATS:
        data = reencoded_image(data, kind)
    name = "".join(char for char in (getattr(uploaded, "name", "") or "") if char.isprintable())[-200:]
    return CleanFile(kind=kind, data=data, name=name, sha256=hashlib.sha256(data).hexdigest())
