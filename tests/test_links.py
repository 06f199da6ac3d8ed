"""No broken link: every internal href/src of the real site resolves, and every record is near home.

The site is opened from disk (file://), so every internal address must be relative, point at a
file that exists, and, with a #fragment, at an id that exists in that file. A reader must reach
every record page from the home page in at most four clicks.
"""
from __future__ import annotations

import posixpath
from collections import deque
from urllib.parse import unquote, urlsplit

import pytest

from macros.kinds import KINDS
from tests.support.pages import html_pages, parse_page

LINK_ATTRIBUTES = {"href", "src", "poster", "data", "action", "formaction"}
MAX_CLICKS = 4


def _site_path() -> str:
    import re

    from tests.conftest import ROOT

    match = re.search(r"(?m)^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return urlsplit(match.group(1).strip("'\"")).path if match else "/"


SITE_PATH = _site_path()


@pytest.fixture(scope="module")
def pages(built_site):
    return {name: parse_page(path.read_text(encoding="utf-8")) for name, path in html_pages(built_site).items()}


def internal_targets(page_name: str, page):
    """(tag, attribute, raw value, resolved site path or None, fragment) of every internal address."""
    for tag, attrs in page.elements:
        for attr, value in attrs:
            if attr not in LINK_ATTRIBUTES or value is None:
                continue
            parts = urlsplit(value)
            if parts.scheme or value.startswith("//"):
                continue  # external (https:, mailto:) or a protocol-relative address: not ours to resolve
            if attr == "srcset":
                continue
            if parts.path.startswith("/"):
                # MkDocs writes the 404 page with root-absolute addresses: a web server shows it at
                # any depth. Anywhere else an absolute address breaks the site opened from disk.
                path = unquote(parts.path)
                if path.startswith(SITE_PATH):  # the published site lives under site_url's path
                    path = path[len(SITE_PATH):]
                target = (path.lstrip("/") or ".") if page_name == "404.html" else None
                yield tag, attr, value, target, parts.fragment
                continue
            if parts.path == "":
                yield tag, attr, value, page_name, parts.fragment
                continue
            here = posixpath.dirname(page_name)
            target = posixpath.normpath(posixpath.join(here, unquote(parts.path)))
            yield tag, attr, value, target, parts.fragment


def resolve(site, target: str) -> str | None:
    """The file a browser opens for a site path (a folder opens its index.html), or None."""
    if target is None or target.startswith(".."):
        return None
    path = site / target
    if path.is_dir():
        path = path / "index.html"
        target = posixpath.join(target, "index.html") if target != "." else "index.html"
    return posixpath.normpath(target) if path.is_file() else None


def test_every_internal_address_resolves_to_a_file_and_an_anchor(built_site, pages):
    broken = []
    checked = 0
    for name, page in pages.items():
        for tag, attr, value, target, fragment in internal_targets(name, page):
            checked += 1
            found = resolve(built_site, target) if target else None
            if found is None:
                broken.append(f"{name}: <{tag} {attr}={value!r}> → no such file")
                continue
            if fragment and found.endswith(".html"):
                ids = pages[found].ids if found in pages else set()
                if unquote(fragment) not in ids:
                    broken.append(f"{name}: <{tag} {attr}={value!r}> → {found} has no id {fragment!r}")
    assert broken == [], f"{len(broken)} broken of {checked}:\n" + "\n".join(broken[:50])
    assert checked > 1000


def test_every_record_page_is_at_most_four_clicks_from_home(built_site, pages, dataset):
    """Record pages, and the positions' pages: each issue's and the grid's further pages."""
    clicks = {"index.html": 0}
    queue = deque(["index.html"])
    while queue:
        name = queue.popleft()
        if clicks[name] >= MAX_CLICKS:
            continue
        for tag, attr, _value, target, _fragment in internal_targets(name, pages[name]):
            if tag != "a" or attr != "href":
                continue
            found = resolve(built_site, target) if target else None
            if found in pages and found not in clicks:
                clicks[found] = clicks[name] + 1
                queue.append(found)
    records = [n for n in pages if n.split("/")[0] in (*KINDS, "issues", "positions") and n != "actors/index.html"]
    assert len(records) > 50
    assert {f"issues/{i}.html" for i in dataset.vocabulary_terms["issues"]} <= set(records)
    far = sorted(n for n in records if n not in clicks)
    assert far == [], f"{len(far)} record pages need more than {MAX_CLICKS} clicks from index.html: {far[:20]}"


def pages_path(repository: str) -> str:
    """Where GitHub Pages publishes a project repository: https://github.com/org/repo → /repo/."""
    name = repository.rstrip("/").rsplit("/", 1)[-1]
    return "/" if name.endswith(".github.io") else f"/{name}/"


def test_the_404_page_works_where_github_pages_publishes_it(built_site, pages):
    import yaml

    from tests.conftest import ROOT

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !ENV and the like
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    prefix = pages_path(config["extra"]["repository"])
    absolute = [v for tag, attrs in pages["404.html"].elements for a, v in attrs
                if a in LINK_ATTRIBUTES and v and v.startswith("/") and not v.startswith("//")]
    assert absolute, "the 404 page has no root-absolute address any more: remove this test"
    assert [v for v in absolute if not v.startswith(prefix)] == []


def test_every_record_in_the_data_has_a_page_that_the_crawler_saw(pages, dataset):
    missing = [f"{kind}/{r.id}.html" for kind in KINDS for r in dataset.all(kind) if f"{kind}/{r.id}.html" not in pages]
    assert missing == []
