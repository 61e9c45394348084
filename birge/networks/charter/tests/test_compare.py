"""Two versions side by side, word by word."""

import pytest

from birge.networks.charter.reads import compare, diff_words, two_versions, version_number
from birge.networks.permissions import NetworkViewer

from .factories import action, save

pytestmark = pytest.mark.usefixtures("in_english")


def test_a_changed_word_is_struck_on_the_left_and_underlined_on_the_right():
    left, right, changed = diff_words("Сеть защищает права мигрантов.", "Сеть защищает права всех мигрантов.")
    assert changed
    assert left == "Сеть защищает права мигрантов."
    assert right == "Сеть защищает права <ins>всех </ins>мигрантов."
    left, right, changed = diff_words("Два года", "Три года")
    assert (left, right) == ("<del>Два</del> года", "<ins>Три</ins> года")


def test_text_is_escaped_and_line_breaks_kept():
    left, right, changed = diff_words("<b>a</b>\nb", "<b>a</b>\nc & d")
    assert left == "&lt;b&gt;a&lt;/b&gt;<br><del>b</del>"
    assert right == "&lt;b&gt;a&lt;/b&gt;<br><ins>c &amp; d</ins>"


def test_the_same_text_is_unchanged():
    left, right, changed = diff_words("Қазақстан, Тоҷикистон", "Қазақстан, Тоҷикистон")
    assert not changed and left == right == "Қазақстан, Тоҷикистон"


def test_two_versions_compare_section_by_section_with_their_actions(network, coordinator, kg_ngo, tj_ngo):
    first = save(network, coordinator, actions=[action(owner=kg_ngo)])
    second = save(
        network,
        coordinator,
        actions=[action(owner=kg_ngo, status="done"), action("Обучение", owner=tj_ngo, due_on=None)],
        goals="Защищать права всех мигрантов.",
    )
    sections = compare(first, second, NetworkViewer.of(coordinator))
    assert [s.name for s in sections] == [
        "purpose",
        "goals",
        "objectives",
        "governance",
        "membership_rules",
        "communication_policy",
        "actions",
    ]
    changed = {s.name: s for s in sections if s.changed}
    assert set(changed) == {"goals", "actions"}
    assert changed["goals"].left == "Защищать права <del>трудовых</del> мигрантов."
    assert changed["goals"].right == "Защищать права <ins>всех</ins> мигрантов."
    assert "Мигрант Ордо · 2026-09-01 · <ins>done</ins>" in changed["actions"].right
    assert "<ins>Обучение · Ҳуқуқ ва муҳоҷират · — · planned</ins>" in changed["actions"].right
    assert "<del>planned</del>" in changed["actions"].left


def test_version_numbers_from_a_query_string(network, coordinator):
    assert [version_number(v) for v in ("1", " 12 ", "", None, "x", "-1", "1.5", "٣", "9" * 10)] == [
        1,
        12,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
    ]
    first = save(network, coordinator)
    assert two_versions(network, (1, 1)) == (first, first)
    assert two_versions(network, (1, 2)) is None
