import pytest
from django.test import RequestFactory

from birge.core.pagination import paginate


@pytest.mark.parametrize(("raw", "expected"), [("", 1), ("2", 2), ("abc", 1), ("999", 5), ("-1", 5)])
def test_any_page_value_gives_a_page(raw, expected):
    request = RequestFactory().get("/", {"page": raw, "q": "water"})
    links = paginate(request, list(range(100)), per_page=20)
    assert links.page.number == expected
    assert links.url(3) == "?q=water&page=3"


def test_page_numbers_show_gaps():
    request = RequestFactory().get("/", {"page": "10"})
    links = paginate(request, list(range(400)), per_page=20)
    assert links.numbers == [1, None, 8, 9, 10, 11, 12, None, 20]
