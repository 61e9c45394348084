"""What people write (a post in a discussion, an announcement) shown as HTML that cannot harm the reader.

The text is kept as written and rendered on display: Markdown (CommonMark, with tables and strikethrough)
with raw HTML off, so a `<script>` someone types is shown as text; then the HTML is cleaned with nh3 to a
small set of tags, links only to http, https and mailto addresses (or the site's own paths) and every link
marked `rel="nofollow noopener ugc"`. A heading in a post starts at h3, under the page's own h1 and h2;
images are not loaded (an image is shown as a link to it), so a post cannot track who reads it.

Mentions: `render(text, mentions={"slug": "/url/"})` turns each `@slug` whose slug is a key into a link
to its URL. It is done on the parsed text (never inside code or an existing link) before cleaning, and
the caller decides which slugs may be linked: `find_mentions(text)` gives the slugs a text names.
"""

from __future__ import annotations

import re

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "del",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener ugc"
MENTION_CLASS = "mention"

# "@slug" where the @ does not follow a letter, a digit or an address (so "name@host.org" is no mention);
# slugs are Latin (birge.orgs.profiles.slugs), matched whatever the case. The slug ends on a letter or
# digit: the hyphen of "@kg-ngo-," is punctuation.
MENTION = re.compile(r"(?<![\w@./+-])@([a-z0-9](?:[a-z0-9_-]*[a-z0-9])?)(?![\w@]|[.-]\w)", re.IGNORECASE)

_cleaner = nh3.Cleaner(
    tags=TAGS,
    clean_content_tags={"script", "style"},
    attributes=ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel=LINK_REL,
    allowed_classes={"a": {MENTION_CLASS}},
    strip_comments=True,
)


def _shift_headings(state: StateCore) -> None:
    """# and ## become h3 and h4: the page has its own h1 and h2; deeper ones stop at h6."""
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 2, 6)}"


def _strikethrough_as_del(state: StateCore) -> None:
    for token in state.tokens:
        if token.type == "inline" and token.children:
            for child in token.children:
                if child.type in ("s_open", "s_close"):
                    child.tag = "del"


def _outside_links_and_code(children: list[Token]):
    """The text tokens of an inline run that are not inside a link (code is its own token type)."""
    depth = 0
    for index, child in enumerate(children):
        if child.type == "link_open":
            depth += 1
        elif child.type == "link_close":
            depth -= 1
        elif child.type == "text" and depth == 0:
            yield index, child


def _link_mentions(state: StateCore) -> None:
    mentions: dict[str, str] = state.env.get("mentions") or {}
    found: set[str] = state.env.setdefault("found", set())
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        replaced: list[tuple[int, list[Token]]] = []
        for index, child in _outside_links_and_code(token.children):
            pieces, position = [], 0
            for match in MENTION.finditer(child.content):
                slug = match.group(1).lower()
                found.add(slug)
                url = mentions.get(slug)
                if url is None:
                    continue
                if match.start() > position:
                    pieces.append(_text(child.content[position : match.start()]))
                opening = Token("link_open", "a", 1, attrs={"href": url, "class": MENTION_CLASS})
                pieces += [opening, _text(match.group(0)), Token("link_close", "a", -1)]
                position = match.end()
            if pieces:
                if position < len(child.content):
                    pieces.append(_text(child.content[position:]))
                replaced.append((index, pieces))
        for index, pieces in reversed(replaced):
            token.children[index : index + 1] = pieces


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _parser() -> MarkdownIt:
    # "breaks": a line break typed in the box is a line break on the page, as people writing a post expect.
    md = MarkdownIt("commonmark", {"html": False, "breaks": True, "linkify": False})
    md.enable(["table", "strikethrough"])
    md.disable("image")
    md.core.ruler.push("birge_headings", _shift_headings)
    md.core.ruler.push("birge_strikethrough", _strikethrough_as_del)
    md.core.ruler.push("birge_mentions", _link_mentions)
    return md


_md = _parser()


def render(text: str, mentions: dict[str, str] | None = None) -> SafeString:
    """`text` (Markdown) as clean HTML; each `@slug` that is a key of `mentions` links to its URL."""
    env = {"mentions": {slug.lower(): url for slug, url in (mentions or {}).items()}}
    html = _md.render(text or "", env)
    return mark_safe(_cleaner.clean(html))  # noqa: S308 (cleaned by nh3 just above)


def find_mentions(text: str) -> set[str]:
    """The slugs `text` mentions as `@slug`, outside code and links, in lower case."""
    env: dict = {"mentions": {}}
    _md.parse(text or "", env)
    return env["found"]
