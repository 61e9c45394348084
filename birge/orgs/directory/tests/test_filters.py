"""The directory's `<option>`s: the chosen value selected, counts shown, sub-areas indented, text escaped."""

from django.utils import translation

from birge.orgs.directory.filters import Option
from birge.orgs.templatetags.directory import filter_options


def test_options_mark_the_choice_show_counts_and_escape():
    with translation.override("en"):
        html = _html()
    assert '<option value="KZ" selected>Казахстан (12,000)</option>' in html
    assert '<option value="x">&lt;b&gt;Fund &amp; co&lt;/b&gt;</option>' in html
    assert '<option value="water">— Water</option>' in html
    assert html.count("selected") == 1
    with translation.override("ru"):
        assert "Казахстан (12\xa0000)" in _html()  # the count in the reader's number format


def _html() -> str:
    return filter_options(
        [
            Option("KZ", "Казахстан", 12000),
            Option("x", "<b>Fund & co</b>", None),
            Option("water", "Water", None, indent=True),
        ],
        "KZ",
    )
