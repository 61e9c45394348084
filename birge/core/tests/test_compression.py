"""Responses on the wire: Brotli or gzip as the browser accepts, with random padding against BREACH, in
every mode (the test server's static files included); images, short answers and partial ones as they are."""

import gzip
import json

import brotli
import pytest
from django.http import HttpResponse, StreamingHttpResponse

from ..compression import (
    BROTLI_QUALITY,
    CompressionMiddleware,
    brotli_compress,
    brotli_padding,
    chosen_coding,
)
from ..testing import collect_static_as_deployed

CHROMIUM = "gzip, deflate, br, zstd"
DECODE = {"br": brotli.decompress, "gzip": gzip.decompress}


@pytest.mark.parametrize(
    ("accept_encoding", "coding"),
    [
        (CHROMIUM, "br"),
        ("gzip, deflate", "gzip"),
        ("br;q=0, gzip", "gzip"),
        ("gzip;q=1.0, br;q=0.5", "gzip"),
        ("BR", "br"),
        ("gzip;q=0", None),
        ("identity", None),
        ("", None),
    ],
)
def test_coding_is_the_one_the_browser_prefers(accept_encoding, coding):
    assert chosen_coding(accept_encoding) == coding


@pytest.mark.parametrize("coding", ["br", "gzip"])
def test_page_arrives_compressed_as_the_browser_accepts(client, db, coding):
    plain = client.get("/ru/search/")
    response = client.get(
        "/ru/search/", headers={"accept-encoding": "gzip, deflate, br" if coding == "br" else "gzip"}
    )
    assert response["Content-Encoding"] == coding
    assert DECODE[coding](response.content) == plain.content
    assert int(response["Content-Length"]) == len(response.content) < len(plain.content) / 2
    assert "Accept-Encoding" in response["Vary"]


def test_browser_accepting_no_compression_gets_the_page_as_it_is(client, db):
    response = client.get("/ru/search/", headers={"accept-encoding": "identity"})
    assert "Content-Encoding" not in response
    assert b"<html" in response.content
    assert "Accept-Encoding" in response["Vary"]  # a shared cache keeps the two versions apart


def test_api_json_arrives_compressed(client, db):
    response = client.get("/api/v1/openapi.json", headers={"accept-encoding": CHROMIUM})
    assert response["Content-Encoding"] == "br"
    assert "paths" in json.loads(brotli.decompress(response.content))


@pytest.mark.parametrize("coding", ["br", "gzip"])
def test_length_of_a_compressed_page_varies_between_responses(client, db, coding):
    """BREACH guesses a secret in a page from how the compressed length changes with what it reflects;
    random padding takes that measure away. The page is the same each time (no token in it)."""
    bodies = [client.get("/ru/search/", headers={"accept-encoding": coding}).content for _ in range(10)]
    assert len({len(body) for body in bodies}) > 1
    assert len({DECODE[coding](body) for body in bodies}) == 1


def test_brotli_padding_of_every_length_is_skipped_by_the_decoder():
    data = "Общественное объединение «Арго», Алматы. ".encode() * 40
    compressor = brotli.Compressor(quality=BROTLI_QUALITY)
    head = compressor.flush()
    rest = compressor.process(data) + compressor.finish()
    for length in range(1, 257):
        padding = brotli_padding(length)
        assert len(padding) == length + 2
        assert brotli.decompress(head + padding + rest) == data


def test_brotli_with_random_padding_always_decodes():
    data = b'{"name": "Argo", "country": "KZ"} ' * 100
    assert all(brotli.decompress(brotli_compress(data)) == data for _ in range(200))


def _respond_with(response):
    return CompressionMiddleware(lambda request: response)


@pytest.mark.parametrize("coding", ["br", "gzip"])
def test_streamed_download_is_compressed_as_it_streams(rf, coding):
    chunks = [b"name,country\r\n"] + [f"Organization {n},KZ\r\n".encode() for n in range(500)]
    streamed = StreamingHttpResponse(iter(chunks), content_type="text/csv; charset=utf-8")
    streamed["Content-Length"] = str(sum(map(len, chunks)))
    response = _respond_with(streamed)(rf.get("/", headers={"accept-encoding": coding}))
    assert response["Content-Encoding"] == coding
    assert "Content-Length" not in response
    assert DECODE[coding](b"".join(response.streaming_content)) == b"".join(chunks)


@pytest.mark.parametrize(
    "response",
    [
        HttpResponse(b"\x89PNG\r\n\x1a\n" + bytes(5000), content_type="image/png"),
        HttpResponse(b"%PDF-1.7" + bytes(5000), content_type="application/pdf"),
        HttpResponse("ok\n", content_type="text/plain"),
        HttpResponse("x" * 5000, content_type="text/html", status=206),
        HttpResponse("x" * 5000, content_type="text/html", headers={"Content-Encoding": "br"}),
    ],
    ids=["image", "pdf", "short", "partial", "encoded already"],
)
def test_images_documents_short_and_partial_answers_are_sent_as_they_are(rf, response):
    body = response.content
    sent = _respond_with(response)(rf.get("/", headers={"accept-encoding": CHROMIUM}))
    assert sent.content == body
    assert sent.get("Content-Encoding") in {None, "br"}  # "br" only where the view had set it


def test_strong_etag_becomes_weak_once_compressed(rf):
    response = HttpResponse("<p>Argo</p>" * 100, content_type="text/html", headers={"ETag": '"v1"'})
    sent = _respond_with(response)(rf.get("/", headers={"accept-encoding": CHROMIUM}))
    assert sent["ETag"] == 'W/"v1"'


def test_test_server_compresses_static_files_on_the_way(client, settings):
    """Under `manage.py runserver` WhiteNoise serves the files as they are in the source tree, with no
    compressed copy beside them: the middleware compresses them instead."""
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    response = client.get("/static/core/birge.css", headers={"accept-encoding": CHROMIUM})
    assert response["Content-Encoding"] == "br"
    assert b".langs" in brotli.decompress(b"".join(response.streaming_content))


def test_demo_serves_the_precompressed_static_files(client, settings, tmp_path):
    """`make demo` and production collect the static files with their Brotli and gzip copies; WhiteNoise
    sends the copy, and the middleware leaves it alone."""
    manifest = collect_static_as_deployed(settings, tmp_path)
    for name in ("core/birge.css", "core/favicon.svg"):
        url = f"/static/{manifest[name]}"
        response = client.get(url, headers={"accept-encoding": CHROMIUM})
        assert response["Content-Encoding"] == "br", name
        assert b"".join(response.streaming_content) == (tmp_path / f"{manifest[name]}.br").read_bytes()
        gzipped = client.get(url, headers={"accept-encoding": "gzip"})
        assert gzipped["Content-Encoding"] == "gzip", name
