"""Accessible: axe-core finds no serious or critical violation, in light and dark mode, and the
timeline filters work with the keyboard alone.

axe-core comes from PyPI, pinned in requirements.txt: the wheel axe-playwright-python==0.1.8
vendors axe-core 4.12.1's axe.min.js (MPL-2.0). That keeps `make test` working on a fresh machine
with only Python, git and make (npm may not be there, and only package registries are reachable).
Only that JavaScript file is used; the injection and the checks below are our own.

The colour scheme: mkdocs.yml gives Material two palettes selected by media queries
((prefers-color-scheme: light) → "default", (prefers-color-scheme: dark) → "slate"). With no
choice stored in localStorage, Material picks the palette whose query matches, so a browser
context with color_scheme="dark" gets the slate scheme; each test checks the body's
data-md-color-scheme attribute before running axe, so a page really is tested in both.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.browser import OfflinePage

pytestmark = pytest.mark.browser

SCHEMES = {"light": "default", "dark": "slate"}
BLOCKING = ("serious", "critical")


def axe_source() -> str:
    import axe_playwright_python  # a carrier for axe.min.js; see the module's docstring

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def axe():
    return axe_source()


def pages_to_check(dataset) -> dict[str, str]:
    """The five pages of the issue: the richest actor and event pages stand for all the others."""
    person = max(dataset.all("actors"), key=lambda a: (len(a.get("roles", [])) + len(dataset.statements_by(a.id)), a.id))
    event = max(dataset.all("events"), key=lambda e: (len(e.get("participants", [])) + len(e.get("figures", [])), e.id))
    return {
        "home": "index.html",
        "timeline": "timeline.html",
        "security guarantees": "security-guarantees.html",
        "actor": f"actors/{person.id}.html",
        "event": f"events/{event.id}.html",
    }


def run_axe(page, source: str) -> list[dict]:
    page.evaluate(source)
    # preload: false — axe would re-fetch every stylesheet by XMLHttpRequest, which file:// refuses.
    result = page.evaluate("axe.run(document, {resultTypes: ['violations'], preload: false})")
    return result["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = ", ".join(" ".join(n["target"]) if isinstance(n["target"], list) else str(n["target"]) for n in v["nodes"][:5])
        lines.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes): {v['help']} — {targets}")
    return "\n".join(lines)


def test_the_pinned_axe_core_is_version_4(browser, axe, fixture_site):
    with OfflinePage(browser) as offline:
        offline.goto_file(fixture_site / "methodology.html")
        offline.page.evaluate(axe)
        assert offline.page.evaluate("axe.version").startswith("4.")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("which", ["home", "timeline", "security guarantees", "actor", "event"])
def test_no_serious_or_critical_violation(browser, axe, fixture_site, fixture_dataset, which, scheme):
    name = pages_to_check(fixture_dataset)[which]
    with OfflinePage(browser, color_scheme=scheme) as offline:
        offline.goto_file(fixture_site / name)
        page = offline.page
        page.wait_for_function("s => document.body.getAttribute('data-md-color-scheme') === s", arg=SCHEMES[scheme])
        violations = run_axe(page, axe)
        blocking = [v for v in violations if v["impact"] in BLOCKING]
        assert blocking == [], f"{name} ({scheme}):\n{describe(blocking)}"
        assert offline.problems() == {}


def _visible_ids(page) -> list[str]:
    return page.locator(".tr-item:not([hidden])").evaluate_all("els => els.map(e => e.id)")


def _expected_ids(page, name: str, value: str) -> list[str]:
    """What the filter should show, read from the entries' own data attributes."""
    return page.locator(".tr-item").evaluate_all(
        """(els, [name, value]) => els.filter(e => {
            const tokens = (e.dataset[name === 'actor' ? 'actors' : name === 'topic' ? 'topics' : name] || '').split(' ');
            return name === 'actor' || name === 'topic' ? tokens.includes(value) : e.dataset[name] === value;
        }).map(e => e.id)""", [name, value])


def _tab_to(page, predicate: str, limit: int = 120) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate):
            return
    raise AssertionError(f"{predicate} never got the keyboard focus in {limit} presses of Tab")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_timeline_filters_work_with_the_keyboard_alone(browser, fixture_site, scheme):
    with OfflinePage(browser, color_scheme=scheme) as offline:
        offline.goto_file(fixture_site / "timeline.html")
        page = offline.page
        everything = _visible_ids(page)
        assert everything
        _tab_to(page, "document.activeElement.matches('select[name=actor]')")
        # The focused field must show where the keyboard is.
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", "the focused filter has no visible focus outline"
        page.keyboard.press("ArrowDown")  # the first actor, as a keyboard user would pick it
        actor = page.locator("select[name=actor]").input_value()
        assert actor, "ArrowDown did not change the actor filter"
        page.wait_for_function("n => document.querySelectorAll('.tr-item:not([hidden])').length !== n", arg=len(everything))
        shown = _visible_ids(page)
        assert shown == _expected_ids(page, "actor", actor) and 0 < len(shown) < len(everything)
        assert f"actor={actor}" in page.url
        status = page.locator(".tr-filter-status").inner_text()
        assert f"Showing {len(shown)} of {len(everything)} entries." == status
        # Further down the list with the keyboard: the list follows every change.
        page.keyboard.press("ArrowDown")
        second = page.locator("select[name=actor]").input_value()
        assert second != actor
        page.wait_for_function("ids => JSON.stringify([...document.querySelectorAll('.tr-item:not([hidden])')].map(e => e.id)) === ids",
                               arg=json.dumps(_expected_ids(page, "actor", second)))
        # Clear with the keyboard: Tab to the reset button and press Enter.
        _tab_to(page, "document.activeElement.matches('button[type=reset]')", limit=10)
        page.keyboard.press("Enter")
        page.wait_for_function("document.querySelectorAll('.tr-item[hidden]').length === 0")
        assert "actor=" not in page.url
        assert offline.problems() == {}
