"""Images attached to an application are rebuilt from their pixels: whatever else the file carried
(metadata, location, a payload after the image data) is not kept."""

import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

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
