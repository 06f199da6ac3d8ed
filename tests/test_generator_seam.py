"""`python -m macros pages OUT_DIR` writes a docs folder that a generator builds with the theme
alone: no hooks.py, no mkdocs-macros. Built so with plain MkDocs, every page shows what the
hooked build shows."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURE_DATA, ROOT

pytestmark = pytest.mark.slow  # builds the site, or tries many random cases

ARTICLE = re.compile(r'<article class="tr-record.*?</article>', re.S)
STRUCTURED_DATA = re.compile(r'<script type="application/ld\+json">.*?</script>', re.S)


def plain_config(docs: Path, target: Path) -> Path:
    """mkdocs.yml without the adapters: no hooks, no macros plugin, nothing watched."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("hooks")
    config.pop("watch")
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "macros" in p)]
    config["docs_dir"] = str(docs)
    if config["theme"].get("custom_dir"):  # the theme override, found relative to mkdocs.yml
        config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    path = target / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def test_the_pages_command_builds_without_hooks_or_macros(tmp_path, fixture_site):
    docs = tmp_path / "docs"
    written = subprocess.run([sys.executable, "-m", "macros", "pages", str(docs), "--data", str(FIXTURE_DATA)],
                             cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert written.returncode == 0, written.stderr
    assert not any("{{" in p.read_text(encoding="utf-8").replace("{{Ukraine", "") for p in docs.rglob("*.md"))

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(plain_config(docs, tmp_path)), "-d", str(tmp_path / "site")],
                           cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stdout + built.stderr
    site = tmp_path / "site"
    hooked = sorted(p.relative_to(fixture_site).as_posix() for p in fixture_site.rglob("*.html"))
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")) == hooked
    for page in hooked:
        if ARTICLE.search((fixture_site / page).read_text(encoding="utf-8")):
            assert ARTICLE.findall((site / page).read_text(encoding="utf-8")) == ARTICLE.findall((fixture_site / page).read_text(encoding="utf-8")), page
    for page, marker in (("index.html", 'class="tr-cards"'), ("timeline.html", "data-timeline-filters"), ("data.html", 'id="events"')):
        assert marker in (site / page).read_text(encoding="utf-8"), page
    # The structured data in the head rides in the front matter: the same blocks as the hooked build.
    for page in hooked:
        blocks = STRUCTURED_DATA.findall((fixture_site / page).read_text(encoding="utf-8"))
        assert STRUCTURED_DATA.findall((site / page).read_text(encoding="utf-8")) == blocks, page
    assert STRUCTURED_DATA.findall((site / "data.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize("command", ["pages", "export", "zensical"])
def test_the_generator_commands_refuse_invalid_data(tmp_path, command):
    data = tmp_path / "data"
    data.mkdir()
    result = subprocess.run([sys.executable, "-m", "macros", command, str(tmp_path / "out"), "--data", str(data)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "the vocabulary file is missing" in result.stderr
    assert not (tmp_path / "out").exists()
