"""Responses compressed on the wire in every mode (demo, production, the test server): Brotli where the
browser accepts it, gzip otherwise.

Pages must fit their byte budgets as received (docs/budgets.md), and no proxy in front of Birge is assumed
to compress for it. Each compressed response carries a random number of padding bytes, so that its length
no longer follows its content byte for byte: the "Heal the BREACH" mitigation that Django's GZipMiddleware
applies to gzip (a random-length file name in the gzip header), applied to Brotli as a random-length
metadata block, which decoders skip. Django's per-request masking of the CSRF token is the other half.
"""

import re
import secrets
from collections.abc import Iterable, Iterator

import brotli
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_sequence, compress_string

# Text formats only: images, PDF, DOCX and XLSX are compressed already, and stay as they are.
COMPRESSIBLE = re.compile(
    r"^(?:text/|image/svg\+xml|application/(?:json|javascript|xml|xhtml\+xml|[\w.-]+\+(?:json|xml))\b)",
    re.IGNORECASE,
)
MIN_LENGTH = 200  # below this the headers outweigh what compression saves
# Quality 5 compresses the directory page (32 KB) in about 1.5 ms, 8 % smaller than gzip; 11 would take
# 67 ms for another 10 %.
BROTLI_QUALITY = 5
MAX_RANDOM_BYTES = 100  # as Django's GZipMiddleware


def chosen_coding(accept_encoding: str) -> str | None:
    """The coding the browser accepts with the higher weight, "br" or "gzip" (Brotli on a tie), if any."""
    weights = {}
    for part in accept_encoding.lower().split(",")[:20]:
        coding, _, params = part.partition(";")
        weight = 1.0
        match = re.search(r"q\s*=\s*([0-9.]+)", params)
        if match:
            try:
                weight = float(match[1])
            except ValueError:
                continue
        weights[coding.strip()] = weight
    best = max(("br", "gzip"), key=lambda coding: weights.get(coding, 0))
    return best if weights.get(best, 0) > 0 else None


def brotli_padding(length: int) -> bytes:
    """A Brotli metadata meta-block holding `length` (1–256) ignored bytes (RFC 7932, §9.2), to be placed
    where the stream is at a byte boundary: ISLAST 0, MNIBBLES coded 3 (metadata), a reserved 0 bit,
    MSKIPBYTES 1, then MSKIPLEN − 1 in eight bits; the two bits left up to the byte boundary are 0."""
    header = (3 << 1) | (1 << 4) | ((length - 1) << 6)
    return header.to_bytes(2, "little") + bytes(length)


def _random_padding(max_random_bytes: int) -> bytes:
    length = secrets.randbelow(max_random_bytes) if max_random_bytes else 0
    return brotli_padding(length) if length else b""


def brotli_compress(data: bytes, *, max_random_bytes: int = MAX_RANDOM_BYTES) -> bytes:
    compressor = brotli.Compressor(quality=BROTLI_QUALITY)
    # Flushing before any data writes the stream header padded to a byte boundary: the padding goes there.
    head = compressor.flush()
    return head + _random_padding(max_random_bytes) + compressor.process(data) + compressor.finish()


def brotli_compress_sequence(
    chunks: Iterable[bytes], *, max_random_bytes: int = MAX_RANDOM_BYTES
) -> Iterator[bytes]:
    compressor = brotli.Compressor(quality=BROTLI_QUALITY)
    yield compressor.flush() + _random_padding(max_random_bytes)
    for chunk in chunks:
        data = compressor.process(chunk)
        if data:
            yield data
    yield compressor.finish()


class CompressionMiddleware:
    """Compress text responses (HTML, JSON, CSV, CSS, JS, SVG) with the coding the browser prefers.

    Placed right after SecurityMiddleware, so it also compresses static files that WhiteNoise serves
    without a precompressed copy (the test server); WhiteNoise's own .br and .gz files pass untouched."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if not self._compressible(response):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        coding = chosen_coding(request.headers.get("Accept-Encoding", ""))
        if coding is None:
            return response
        if response.streaming:
            chunks = response.streaming_content
            response.streaming_content = (
                brotli_compress_sequence(chunks)
                if coding == "br"
                else compress_sequence(chunks, max_random_bytes=MAX_RANDOM_BYTES)
            )
            del response.headers["Content-Length"]
        else:
            assert isinstance(response, HttpResponse)
            content = response.content
            compressed = (
                brotli_compress(content)
                if coding == "br"
                else compress_string(content, max_random_bytes=MAX_RANDOM_BYTES)
            )
            if len(compressed) >= len(content):
                return response
            response.content = compressed
            response.headers["Content-Length"] = str(len(compressed))
        etag = response.headers.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag  # RFC 9110 §8.8.1: a strong ETag names identical bytes
        response.headers["Content-Encoding"] = coding
        return response

    @staticmethod
    def _compressible(response: HttpResponseBase) -> bool:
        if response.has_header("Content-Encoding") or response.status_code in {204, 206, 304}:
            return False
        if not COMPRESSIBLE.match(response.headers.get("Content-Type", "")):
            return False
        if response.streaming:
            return not response.is_async  # Birge serves over WSGI; an async stream is left as it is
        return len(response.content) >= MIN_LENGTH
