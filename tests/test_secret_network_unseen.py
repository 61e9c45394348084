"""A secret network leaves no trace for anyone outside it, anywhere on the site.

Over the demo data (every app's), every route of the site and of the API is requested as an anonymous
visitor and as a signed-in person who belongs to other networks but not to the secret one: each route's
parameters are filled with the secret network's address, its members' addresses and the ids of everything
it holds (discussions, posts, documents, decisions, announcements), beside ordinary values. Every search
box gets the network's exact name. Then the pages reachable by links from the home page are followed. No
answer — page, redirect, file, JSON or error — may contain the network's name or its address.
"""

import itertools
import re
from io import StringIO
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver

from birge.accounts.models import User
from birge.networks.demo import SECRET_NAME
from birge.networks.models import (
    Admission,
    Announcement,
    CharterVersion,
    Decision,
    Document,
    Need,
    Network,
    Option,
    Post,
    Thread,
)

# Routes that are not pages a person browses: the administration (staff only, and the outsider is not
# staff) and the sign-out form's redirect.
SKIPPED = re.compile(r"^(admin/|[a-z]{2}/accounts/logout/)")
PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>|\(\?P<(?P<regex_name>[^>]+)>[^)]*\)")
MOST_PER_ROUTE = 60
MOST_FOLLOWED = 400


def routes(patterns=None, prefix=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("demo", "--no-migrate", stdout=StringIO())
        yield
        call_command("flush", "--no-input", verbosity=0)


@pytest.fixture
def secret(demo, db):
    return Network.objects.get(name=SECRET_NAME)


def values(secret: Network) -> dict[str, list[str]]:
    """What each kind of route parameter is tried with: the secret network's own first."""
    members = list(secret.memberships.values_list("organization__slug", flat=True))
    public = Network.objects.listed().order_by("pk").values_list("slug", flat=True)[:1]
    ids = {
        str(pk)
        for model, field in (
            (Thread, "network"),
            (Document, "network"),
            (Decision, "network"),
            (Announcement, "network"),
            (Admission, "network"),
            (CharterVersion, "network"),
        )
        for pk in model.objects.filter(**{field: secret}).values_list("pk", flat=True)
    }
    ids |= {str(pk) for pk in Post.objects.filter(thread__network=secret).values_list("pk", flat=True)}
    ids |= {str(pk) for pk in Option.objects.filter(decision__network=secret).values_list("pk", flat=True)}
    ids |= {str(pk) for pk in Need.objects.filter(incident__network=secret).values_list("pk", flat=True)}
    numbers = sorted(ids | {"1", "2"}, key=int)
    return {
        "slug": [secret.slug, *members, *public],
        "organization": members,
        "int": numbers,
        "str": ["profile", "x"],
        "path": ["1"],
    }


def filled(route: str, pool: dict[str, list[str]]) -> list[str]:
    names = [
        (m["converter"] or ("slug" if "slug" in (m["name"] or "") else "str"), m["name"] or m["regex_name"])
        for m in PARAMETER.finditer(route)
    ]
    if not names:
        return [route]
    choices = []
    for converter, name in names:
        if name in pool:
            choices.append(pool[name])
        elif converter in pool:
            choices.append(pool[converter])
        elif name and (name.endswith("id") or name.endswith("pk") or name in ("number", "year")):
            choices.append(pool["int"])
        else:
            choices.append(pool["str"])
    urls = []
    for combination in itertools.islice(itertools.product(*choices), MOST_PER_ROUTE):
        parts = iter(combination)
        urls.append(
            PARAMETER.sub(lambda _match, parts=parts: next(parts), route).replace("^", "").replace("$", "")
        )
    return urls


# What the secret network holds beside its name: its description and the title of its discussion.
CONTENT = ("Взаимная защита юристов", "Давление на юристов в Оше")
# A name nothing bears, of the same shape: a search page shows back what was typed, so a search for the
# secret name must show it exactly as often as a search for this one shows this one.
ELSEWHERE = "Круг поддержки волонтёров"


def text_of(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode("utf-8", errors="replace") + response.get("Location", "")


def assert_no_trace(response, url: str, secret: Network) -> None:
    # A page links to itself (the language menu carries the address asked for): that is the visitor's own
    # address shown back, not a trace. Whatever else names the secret address is.
    text = text_of(response).replace(url, "").replace(quote(url), "")
    for trace in (SECRET_NAME, secret.slug, *CONTENT):
        assert trace not in text, f"{url} ({response.status_code}) shows {trace!r}"


def assert_search_finds_nothing(client, url: str, secret: Network) -> None:
    found, other = text_of(client.get(url, {"q": SECRET_NAME})), text_of(client.get(url, {"q": ELSEWHERE}))
    assert found.count(SECRET_NAME) == other.count(ELSEWHERE), f"{url}?q= finds the secret network"
    for trace in (secret.slug, *CONTENT):
        assert trace not in found, f"{url}?q= shows {trace!r}"


@pytest.fixture(params=["anonymous", "outsider"])
def visitor(request, client, secret):
    if request.param == "outsider":
        # The demo's ordinary member coordinates the migration network: a member of networks, not this one.
        person = User.objects.get(email="member@birge.demo")
        assert not secret.memberships.filter(organization__memberships__user=person).exists()
        client.force_login(person)
    return client


@pytest.mark.django_db
def test_no_route_of_the_site_shows_the_secret_network_to_a_non_member(visitor, secret):
    pool = values(secret)
    requested = 0
    for route in routes():
        if SKIPPED.match(route):
            continue
        for url in filled(route, pool):
            url = "/" + url
            response = visitor.get(url)
            assert_no_trace(response, url, secret)
            if "<" not in route and "(?P" not in route:
                assert_search_finds_nothing(visitor, url, secret)
            requested += 1
    # Every network route was tried with the secret network's own address, and each answered.
    assert requested > 300


@pytest.mark.django_db
def test_following_every_link_from_the_home_page_finds_no_trace(visitor, secret):
    seen, queue = set(), ["/ru/", "/en/", "/ru/networks/", "/api/v1/networks/"]
    link = re.compile(r'href="(/[^"#]*)"')
    while queue and len(seen) < MOST_FOLLOWED:
        url = queue.pop(0).replace("&amp;", "&")
        if url in seen or url.startswith(("/admin/", "/static/")) or "logout" in url:
            continue
        seen.add(url)
        response = visitor.get(url)
        assert_no_trace(response, url, secret)
        if response.get("Content-Type", "").startswith("text/html") and not response.streaming:
            queue.extend(link.findall(response.content.decode()))
    assert len(seen) > 100
