"""Lesson and question texts to safe HTML.

Markdown goes through markdown-it-py (CommonMark) with raw HTML **escaped**; ``![caption](image:ID)`` shows the
lesson's image ``ID``. Question texts imported from Moodle may be HTML: only a small set of formatting tags, with no
attribute, is kept (everything else is escaped), so an imported file cannot run script in a trainee's page.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from html.parser import HTMLParser

from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

from .models import TextFormat

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "sub",
        "sup",
        "ul",
        "ol",
        "li",
        "code",
        "pre",
        "blockquote",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "h3",
        "h4",
        "h5",
        "h6",
        "span",
        "div",
        "hr",
    }
)
VOID_TAGS = frozenset({"br", "hr"})


def _markdown(image_url: Callable[[int], str] | None) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    default_image = md.renderer.rules.get("image")  # type: ignore[attr-defined]

    def image(renderer, tokens, idx, options, env):  # type: ignore[no-untyped-def]
        token = tokens[idx]
        src = str(token.attrGet("src") or "")
        if src.startswith("image:") and src[6:].isdigit() and image_url is not None:
            token.attrSet("src", image_url(int(src[6:])))
        elif not src.startswith(("/", "https:")):
            token.attrSet("src", "")
        token.attrSet("loading", "lazy")
        return default_image(tokens, idx, options, env) if default_image else ""

    md.add_render_rule("image", image)
    return md


def markdown_html(text: str, *, image_url: Callable[[int], str] | None = None) -> SafeString:
    """Markdown to HTML with raw HTML escaped and links limited to safe schemes (markdown-it's own check)."""
    return mark_safe(_markdown(image_url).render(text))  # noqa: S308 - markdown-it escapes raw HTML (html=False)


class _Cleaner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in ALLOWED_TAGS and not self.skip:
            self.out.append(f"<{tag}>")
            if tag not in VOID_TAGS:
                self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in self.open and not self.skip:
            while self.open:
                last = self.open.pop()
                self.out.append(f"</{last}>")
                if last == tag:
                    break

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.out.append(html.escape(data))

    def result(self) -> str:
        return "".join(self.out) + "".join(f"</{tag}>" for tag in reversed(self.open))


def clean_html(text: str) -> SafeString:
    """``text`` with only formatting tags kept, without attributes; the rest escaped or dropped."""
    cleaner = _Cleaner()
    cleaner.feed(text)
    cleaner.close()
    return mark_safe(cleaner.result())  # noqa: S308 - built from escaped text and attribute-free allowed tags


def question_html(text: str, text_format: str) -> SafeString:
    """A question's (or an answer's) text as the exam page shows it."""
    if text_format == TextFormat.MARKDOWN:
        return markdown_html(text)
    if text_format == TextFormat.HTML:
        return clean_html(text)
    return mark_safe(linebreaks(html.escape(text)))  # noqa: S308 - escaped first
