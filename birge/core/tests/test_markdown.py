"""What people write is shown as Markdown that cannot run script, load anything or link anywhere unsafe."""

import pytest
from django.utils.safestring import SafeString

from birge.core.markdown import find_mentions, render

MENTIONS = {"kg-ngo": "/ru/orgs/kg-ngo/"}


def test_the_text_is_markdown_and_the_result_is_safe_to_put_in_a_page():
    html = render("**Важно:** встреча _завтра_.\n\n- один\n- два")

    assert isinstance(html, SafeString)
    assert html == (
        "<p><strong>Важно:</strong> встреча <em>завтра</em>.</p>\n<ul>\n<li>один</li>\n<li>два</li>\n</ul>\n"
    )


def test_cyrillic_and_other_scripts_of_the_region_are_kept_as_written():
    text = "Қазақстан, Кыргызстан, Тоҷикистон, Oʻzbekiston, Türkmenistan — «сеть» ҳуқуқ"

    assert render(text) == f"<p>{text}</p>\n"


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        '<img src=x onerror="alert(1)">',
        "<iframe src=https://evil.example></iframe>",
        '<a href="javascript:alert(1)">x</a>',
        "<style>body{display:none}</style>",
        "<div onclick=alert(1)>x</div>",
    ],
)
def test_raw_html_is_shown_as_text_never_as_markup(text):
    html = render(text)

    assert "<script" not in html.lower() and "<img" not in html and "<iframe" not in html
    assert "<a " not in html and "<style" not in html and "<div" not in html
    assert "&lt;" in html  # what was typed is still there to read


@pytest.mark.parametrize(
    "text",
    [
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](java\tscript:alert(1))",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
        "<javascript:alert(1)>",
        "[click][ref]\n\n[ref]: javascript:alert(1)",
    ],
)
def test_links_to_script_or_data_are_not_links(text):
    html = render(text)

    assert "<a" not in html and "href" not in html


def test_only_http_https_and_mailto_links_keep_their_address():
    html = render(
        "[web](https://birge.example/a?b=1) [mail](mailto:a@example.org) [file](ftp://example.org/x)"
    )

    assert '<a href="https://birge.example/a?b=1" rel="nofollow noopener ugc">web</a>' in html
    assert '<a href="mailto:a@example.org" rel="nofollow noopener ugc">mail</a>' in html
    assert '<a rel="nofollow noopener ugc">file</a>' in html  # the text stays, the address goes


def test_images_are_not_loaded_but_linked():
    html = render("![схема](https://tracker.example/pixel.png)")

    assert "<img" not in html
    assert '<a href="https://tracker.example/pixel.png" rel="nofollow noopener ugc">схема</a>' in html


def test_headings_start_under_the_pages_own_and_tables_and_strikethrough_work():
    html = render("# Итоги\n\n## Решение\n\n###### мелко\n\n~~старое~~\n\n| а | б |\n|---|--:|\n| 1 | 2 |")

    assert "<h3>Итоги</h3>" in html and "<h4>Решение</h4>" in html and "<h6>мелко</h6>" in html
    assert "<h1" not in html and "<h2" not in html
    assert "<del>старое</del>" in html
    assert "<table>" in html and "<th>а</th>" in html and "<td>2</td>" in html
    assert "style=" not in html


def test_code_is_shown_escaped():
    html = render("`<b>` and\n\n```\n<script>alert(1)</script>\n```")

    assert "<code>&lt;b&gt;</code>" in html
    assert "<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>" in html


def test_a_line_break_typed_in_the_box_is_a_line_break():
    assert render("первая\nвторая") == "<p>первая<br>\nвторая</p>\n"


def test_a_mention_of_a_known_slug_becomes_a_link_and_an_unknown_one_stays_text():
    html = render("Спасибо @kg-ngo и @stranger-fund!", MENTIONS)

    assert '<a href="/ru/orgs/kg-ngo/" class="mention" rel="nofollow noopener ugc">@kg-ngo</a>' in html
    assert "@stranger-fund!" in html and "stranger-fund/" not in html


def test_mentions_are_not_made_inside_code_links_or_e_mail_addresses():
    html = render("`@kg-ngo` [@kg-ngo](https://example.org) info@kg-ngo.org @kg-ngo.org", MENTIONS)

    assert 'class="mention"' not in html


def test_a_mention_is_found_whatever_its_case_and_ends_before_punctuation():
    html = render("(@KG-NGO), @kg-ngo-", MENTIONS)

    assert html.count('class="mention"') == 2
    text = "(@KG-NGO), @kg-ngo- info@x.org `@code` [@link](https://x.org) @Другой"
    assert find_mentions(text) == {"kg-ngo"}


def test_a_mentions_url_is_cleaned_like_any_other():
    html = render("@kg-ngo", {"kg-ngo": "javascript:alert(1)"})

    assert "javascript" not in html and "@kg-ngo" in html


def test_no_text_renders_as_nothing():
    assert render("") == "" and render(None) == ""
