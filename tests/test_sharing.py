"""Shared links show what they point to, and readers can follow one actor or one issue.

Read from real builds: every page's description and Open Graph / Twitter card tags (present,
specific to the page, escaped, within what platforms display), the card images they point to
(PNG, 1200×630, drawn from the data, whatever its script), and the Atom feeds of every actor and
every negotiation issue, read back by feedparser.
"""
from __future__ import annotations

import io
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest
import yaml
from PIL import Image

from macros.export.cards import BOLD, ELLIPSIS, FONT, _font, _has_glyph, draw_card, drawable, wrapped
from macros.export.follow_feeds import FOLLOW_LIMIT
from macros.i18n import Locale
from macros.kinds import KINDS
from macros.render.common import status_label
from macros.render.share import (
    CARD_SIZE,
    DESCRIPTION_LIMIT,
    OG_DESCRIPTION_LIMIT,
    OWN_CARDS,
    TITLE_LIMIT,
    Card,
    own_card,
    shorten,
)
from macros.render.share_kinds import speaker_name
from macros.render.views import VIEWS
from tests.conftest import ROOT, build_site

SITE_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:")[0])["site_url"]
SITE_DESCRIPTION = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:")[0])["site_description"]
HOSTILE = ROOT / "tests" / "fixtures" / "hostile" / "data"
ENGLISH = Locale()
REQUIRED = ("og:title", "og:description", "og:type", "og:url", "og:locale", "og:image", "twitter:card")


class Head(HTMLParser):
    """The <meta> and <link> elements of a page's <head>, their attribute values unescaped."""

    def __init__(self):
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict] = []
        self.in_head = True
        self.body_links: list[tuple[dict, str]] = []
        self._open: dict | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "body":
            self.in_head = False
        if self.in_head and tag == "meta" and (attrs.get("name") or attrs.get("property")):
            self.meta.setdefault(attrs.get("name") or attrs.get("property"), []).append(attrs.get("content") or "")
        elif self.in_head and tag == "link":
            self.links.append(attrs)
        elif not self.in_head and tag == "a":
            self._open, self._text = attrs, ""

    def handle_data(self, data):
        if self._open is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "a" and self._open is not None:
            self.body_links.append((self._open, self._text))
            self._open = None

    def one(self, name: str) -> str:
        values = self.meta.get(name, [])
        assert len(values) == 1, (name, values)
        return values[0]


def head_of(page: Path) -> Head:
    parser = Head()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def shared_pages(site: Path) -> list[Path]:
    """Every page a reader may share (404.html is what a wrong address shows)."""
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def card_file(site: Path, address: str) -> Path:
    assert address.startswith(SITE_URL), address
    return site / address[len(SITE_URL):]


# --- every page of the real site ------------------------------------------------------------------

def test_every_page_describes_itself_within_the_lengths_platforms_show(built_site):
    pages = shared_pages(built_site)
    assert len(pages) > 100
    for page in pages:
        head = head_of(page)
        description = head.one("description")
        assert 20 <= len(description) <= DESCRIPTION_LIMIT, (page, description)
        assert len(head.one("og:title")) <= TITLE_LIMIT and head.one("og:title").strip(), page
        assert 20 <= len(head.one("og:description")) <= OG_DESCRIPTION_LIMIT, page
        for name in REQUIRED:
            head.one(name)
        assert head.one("og:locale") == "en_GB" and head.one("twitter:card") == "summary_large_image"
        assert head.one("og:type") in ("website", "article", "profile")
        canonical = [link["href"] for link in head.links if link.get("rel") == "canonical"]
        assert head.one("og:url") == canonical[0], page
        image = Image.open(card_file(built_site, head.one("og:image")))
        assert image.format == "PNG" and image.size == CARD_SIZE, page


def _identifying(dataset, record) -> str:
    """What a record's description must say: who spoke and when, when, the status, the name."""
    when = ENGLISH.date(record.get("date"), record.get("date_approximate", False))
    if record.kind == "statements":
        return speaker_name(ENGLISH, dataset, record) + ", " + when
    if record.kind == "events":
        return when
    if record.kind == "commitments":
        return "Status: " + status_label(ENGLISH, record.current_status)
    if record.kind == "actors":
        return record["name"]
    return record.get("publisher") or (record.get("title") or "")[:20]


def test_a_record_page_says_what_the_record_says(built_site, dataset):
    """Specific: a statement's speaker and date, an event's date, a commitment's status, an actor's name."""
    for kind in KINDS:
        for record in dataset.all(kind):
            head = head_of(built_site / KINDS[kind].page(record.id))
            description = head.one("description")
            assert description != SITE_DESCRIPTION
            expected = _identifying(dataset, record)
            assert description.startswith(expected) or expected in description, (record.id, description, expected)
            assert head.one("og:title") == shorten(VIEWS.title_of(dataset, record), TITLE_LIMIT)
    descriptions = [head_of(built_site / KINDS["statements"].page(s.id)).one("description") for s in dataset.all("statements")]
    assert len(set(descriptions)) == len(descriptions)


def test_hand_written_pages_keep_their_own_description(built_site):
    for source in sorted((ROOT / "docs").rglob("*.md")):
        written = yaml.safe_load(source.read_text(encoding="utf-8").split("---\n")[1])["description"]
        page = built_site / source.relative_to(ROOT / "docs").with_suffix(".html")
        head = head_of(page)
        assert head.one("description") == written == head.one("og:description"), source
    assert head_of(built_site / "index.html").one("og:url") == SITE_URL + "index.html"
    assert head_of(built_site / "index.html").one("og:type") == "website"


def test_the_newest_statements_and_commitments_have_cards_of_their_own(built_site, dataset):
    for kind in OWN_CARDS:
        assert len(dataset.all(kind)) <= OWN_CARDS[kind], "data/ fits the limit: every one has its own card"
        for record in dataset.all(kind):
            address = head_of(built_site / KINDS[kind].page(record.id)).one("og:image")
            assert address == SITE_URL + own_card(kind, record.id)
            with Image.open(card_file(built_site, address)) as image:
                assert image.size == CARD_SIZE and image.format == "PNG"
    actor = dataset.all("actors")[0]
    assert head_of(built_site / KINDS["actors"].page(actor.id)).one("og:image") == SITE_URL + "assets/cards/actors.png"


# --- feeds to follow ----------------------------------------------------------------------------------

def _feed(site: Path, path: str):
    feed = feedparser.parse((site / path).read_bytes())
    assert not feed.bozo, (path, feed.get("bozo_exception"))
    return feed


def test_every_actor_and_issue_has_a_feed_that_parses_and_links_to_pages(built_site, dataset):
    for actor in dataset.all("actors"):
        feed = _feed(built_site, f"feeds/actors/{actor.id}.xml")
        assert actor["name"] in feed.feed.title and len(feed.entries) <= FOLLOW_LIMIT
        for entry in feed.entries:
            assert card_file(built_site, entry.link).is_file(), entry.link
    zelensky = _feed(built_site, "feeds/actors/volodymyr-zelensky.xml")
    said = {s.id for s in dataset.all("statements") if s.get("speaker") == "volodymyr-zelensky"}
    assert said and said <= {e.link.rsplit("/", 1)[-1][:-5] for e in zelensky.entries if "/statements/" in e.link}
    for issue, term in dataset.vocabulary_terms["issues"].items():
        feed = _feed(built_site, f"feeds/issues/{issue}.xml")
        assert term["label"] in feed.feed.title and len(feed.entries) <= FOLLOW_LIMIT
    coded = {s.id for s in dataset.all("statements") if any(p["issue"] == "territory" for p in s.get("positions", []))}
    territory = _feed(built_site, "feeds/issues/territory.xml")
    assert coded and coded <= {e.link.rsplit("/", 1)[-1][:-5] for e in territory.entries}


def test_an_actor_page_and_an_issue_page_offer_their_feed(built_site):
    for page, feed in (("actors/volodymyr-zelensky.html", "../feeds/actors/volodymyr-zelensky.xml"),
                       ("issues/territory.html", "../feeds/issues/territory.xml")):
        head = head_of(built_site / page)
        alternates = [link for link in head.links if "alternate" in link.get("rel", "").split() and link.get("type") == "application/atom+xml"]
        assert [link["href"] for link in alternates] == [feed], page
        # Not rel="alternate" alone: Material would look for a sitemap.xml beside the feed.
        assert all(link["rel"] != "alternate" for link in alternates)
        visible = [text for attrs, text in head.body_links if attrs.get("href") == feed]
        assert visible and visible[0].startswith("Follow "), page


def test_the_open_data_page_lists_the_feeds_to_follow(built_site, dataset):
    hrefs = {attrs.get("href") for attrs, _ in head_of(built_site / "data.html").body_links}
    assert {f"feeds/issues/{issue}.xml" for issue in dataset.vocabulary_terms["issues"]} <= hrefs
    assert any(href and href.startswith("feeds/actors/") for href in hrefs)


# --- text from strangers: escaped in the head, drawn or left out on the cards -------------------------

HOSTILE_QUOTE = 'We "never" <b>sign</b> & {{ 7 * 7 }} — Київ каже: мир 🕊️ שלום עולם مرحبا بكم ' + "and more words " * 30
HOSTILE_TITLE = "The guarantee package <script>alert(1)</script> with a title far longer than any card could hold, Гарантії безпеки 🇺🇦 " * 2


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("share-data") / "data"
    shutil.copytree(HOSTILE, data)
    statement = data / "statements" / "ada-denial.yml"
    statement.write_text(statement.read_text(encoding="utf-8").replace("quote: Nothing is agreed yet.", "quote: " + yaml.safe_dump(HOSTILE_QUOTE.strip(), allow_unicode=True, width=10**6).split("\n")[0]), encoding="utf-8")
    commitment = data / "commitments" / "guarantee-package.yml"
    commitment.write_text(commitment.read_text(encoding="utf-8").replace("title: The guarantee package", "title: " + yaml.safe_dump(HOSTILE_TITLE[:200].strip(), allow_unicode=True, width=10**6).split("\n")[0]), encoding="utf-8")
    site = data.parent / "site"
    result = build_site(site, data)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return site


def test_text_from_data_stays_text_in_the_head(hostile_site):
    page = hostile_site / "statements" / "ada-denial.html"
    head = head_of(page)
    description = head.one("description")
    assert description.startswith('Ada Example, 4 January 2026: “We "never" <b>sign</b> & {{ 7 * 7 }}') and description.endswith(ELLIPSIS)
    assert len(description) <= DESCRIPTION_LIMIT and len(head.one("og:description")) <= OG_DESCRIPTION_LIMIT
    text = _head_without_json_ld(page)
    assert "<b>sign" not in text and "{{ 7" not in text and '"never"' not in text
    title = head_of(hostile_site / "commitments" / "guarantee-package.html").one("og:title")
    assert title.startswith("The guarantee package <script>") and title.endswith(ELLIPSIS) and len(title) <= TITLE_LIMIT
    assert "<script>alert" not in _head_without_json_ld(hostile_site / "commitments" / "guarantee-package.html")


def _head_without_json_ld(page: Path) -> str:
    """The head as the theme and render/share.py write it (JSON-LD escapes in its own way: render/jsonld.py)."""
    return re.sub(r'<script type="application/ld\+json">.*?</script>', "", page.read_text(encoding="utf-8").split("</head>")[0], flags=re.S)


def test_cards_of_long_cyrillic_right_to_left_and_emoji_text_open_at_the_right_size(hostile_site):
    for path in ("assets/cards/statements/ada-denial.png", "assets/cards/commitments/guarantee-package.png"):
        with Image.open(hostile_site / path) as image:
            assert image.format == "PNG" and image.size == CARD_SIZE
            image.load()


def test_what_a_card_draws_of_each_script():
    assert all(_has_glyph(FONT, c) for c in "AzЖїЄґ€“”…") and not _has_glyph(FONT, "🕊")
    # Emoji and invisible joiners are left out; right-to-left runs become one ellipsis.
    assert drawable("Peace 🕊️ talks 👩\u200d💻 in Київ") == "Peace talks in Київ"
    assert drawable("Hello שלום עולם and مرحبا بكم!") == f"Hello {ELLIPSIS} and {ELLIPSIS}!"
    # Left out means not drawn: the card is the card without them, byte for byte.
    with_them = draw_card(Card("Statement, 4 January 2026", "Ada 🕊️ Example", ("“We will שלום עולם sign” 🇺🇦",)))
    without = draw_card(Card("Statement, 4 January 2026", "Ada Example", (f"“We will {ELLIPSIS} sign”",)))
    assert with_them == without
    assert draw_card(Card("", "Київ", ())) != draw_card(Card("", "Kyiv", ()))  # Cyrillic is drawn


def test_a_long_title_is_wrapped_and_cut_with_an_ellipsis():
    font = _font(BOLD, 60)
    lines = wrapped("word " * 200 + "Supercalifragilisticexpialidocious" * 5, font, 1000, 3)
    assert len(lines) == 3 and lines[-1].endswith(ELLIPSIS)
    assert all(font.getlength(line) <= 1000 for line in lines)
    assert wrapped("x" * 500, font, 1000, 2)[-1].endswith(ELLIPSIS)
    image = Image.open(io.BytesIO(draw_card(Card("Commitment", "A " * 400, ("Status: " + "in force " * 100,)))))
    assert image.size == CARD_SIZE


def test_cards_are_reproducible():
    card = Card("Statement, 4 January 2026", "Ада Приклад", ("“Nothing is agreed yet.”",))
    assert draw_card(card) == draw_card(card)


def test_shorten_cuts_after_a_whole_word():
    assert shorten("one two three four", 12) == "one two…"
    assert shorten("  one\n two  ", 12) == "one two"
    assert shorten("x" * 30, 10) == "x" * 9 + ELLIPSIS
