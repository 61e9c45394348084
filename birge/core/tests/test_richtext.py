from hypothesis import given
from hypothesis import strategies as st

from birge.core.richtext import render_markdown


def test_markdown_is_rendered():
    html = render_markdown("**Важно:** [сайт](https://example.org)")
    assert "<strong>Важно:</strong>" in html
    assert 'href="https://example.org"' in html and "noopener" in html


def test_script_images_and_javascript_links_are_removed():
    html = render_markdown(
        "<script>alert(1)</script>![x](https://tracker.example/p.gif)[a](javascript:alert(1))"
    )
    assert "<script" not in html and "<img" not in html and "javascript:" not in html


@given(st.text(max_size=300))
def test_no_input_produces_script_or_event_handlers(text):
    html = render_markdown(text).lower()
    assert "<script" not in html and " onerror=" not in html and "<iframe" not in html
