"""MkDocs hooks: the thin adapter between the site generator and the `macros` package.

Load and validate data/ once per build, refuse to build invalid data (`mkdocs serve` shows the
list of problems instead), add one generated page per record (its finished HTML bypasses
Markdown), and publish the open-data files. All knowledge of records lives in `macros`; nothing
here renders.
"""
from __future__ import annotations

import gc
import logging
import os
import shutil
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from macros.export import export_for_build
from macros.export.cards import CardFontMissing
from macros.load import no_cycle_collection
from macros.pages import PLACEHOLDER, DuplicateOutput, GeneratedPage, as_of_line, claim_output_paths, generated_pages, hand_written_heads, hand_written_share
from macros.problems import InvalidData
from macros.render.problem_list import problem_list
from macros.render.search_index import Entry, UnsupportedSearchConfig, prebuild_search
from macros.render.theme import PRERENDERED_PAGE, PRERENDERED_TEMPLATE, SHARE_META, STRUCTURED_DATA_META, without_cdn_shims
from macros.site import SERVING, Build, build_of, serving, start_build

log = logging.getLogger("mkdocs.hooks")


def on_startup(command, dirty):
    # MkDocs tells only the first config's hooks which command runs; every rebuild of `mkdocs
    # serve` loads this module afresh, so the answer goes where each build can read it.
    if command == "serve":
        os.environ[SERVING] = "1"
    else:
        os.environ.pop(SERVING, None)


@event_priority(-100)  # after Material's offline plugin, which adds a CDN shim for its search worker
def on_config(config):
    # Our own docs/assets/javascripts/file-worker.js does that job without a network request.
    config.extra["polyfills"] = without_cdn_shims(config.extra.get("polyfills", []))
    # What is read here lives as long as the build, and is made of a great many small objects:
    # the garbage collector would walk them all again and again (2 of 21 CPU s at 10,000
    # records), so it rests while they are made and leaves them alone after (frozen). The next
    # build of `mkdocs serve` unfreezes them, so they can be freed then.
    gc.unfreeze()
    try:
        with no_cycle_collection():
            start(config)
    finally:
        gc.freeze()
    return config


def start(config) -> None:
    try:
        build = start_build(config, serving=serving())
    except InvalidData as problems:
        raise PluginError(str(problems)) from None
    if build.problems is not None:
        # A server that stops, or keeps the old pages, looks stuck: serve the problem list instead.
        # Printed, not logged: in strict mode a logged error would abort this build too.
        print(f"{build.problems}\nServing the list of problems until they are fixed.", file=sys.stderr)


class _Prepared(Page):
    """A generated page as MkDocs sees it: front matter straight from the page, and nothing for
    Markdown to convert (setting up Python-Markdown alone costs more than our rendering)."""

    def __init__(self, generated: GeneratedPage, file: File, config, build: Build):
        super().__init__(None, file, config)
        self.generated = generated
        self.build = build

    def read_source(self, config) -> None:
        self.markdown, self.meta = PLACEHOLDER, self.generated.front_matter()
        self.theme_template = self.meta.get("template", "main.html")
        if indexed_here(self.build, self.generated):
            self.meta["search"] = {"exclude": True}
        if self.build.frames is not None:
            # MkDocs renders this one-line template; on_page_context hands it the finished page.
            self.meta["template"] = PRERENDERED_TEMPLATE

    def render(self, config, files) -> None:
        self.content, self.toc, self.present_anchor_ids = PLACEHOLDER, get_toc([]), set()


def on_env(env, config, files):
    build_of(config).env = env
    return env


def on_files(files, config):
    build = build_of(config)
    if build.problems is not None:
        return problem_files(files, config)
    taken = {f.dest_uri: f"{config['docs_dir'].rstrip('/').rsplit('/', 1)[-1]}/{f.src_uri}" for f in files}
    try:
        pages = claim_output_paths(generated_pages(build.rendering), taken)
    except DuplicateOutput as clash:
        raise PluginError(str(clash)) from None
    for page in pages:
        build.generated[page.source_path] = page
        file = File.generated(config, page.source_path, content=page.as_markdown(), inclusion=InclusionLevel.NOT_IN_NAV)
        _Prepared(page, file, config, build)  # becomes file.page, so MkDocs makes no Page of its own
        files.append(file)
    build.heads.update(hand_written_heads(build.rendering))
    gc.freeze()  # the pages, too, live as long as the build
    return files


def problem_files(files, config):
    """Every hand-written page shows the problems (so the nav and its links stay whole); no record
    page is made."""
    for page in list(files.documentation_pages()):
        files.remove(page)
        files.append(File.generated(config, page.src_uri, content='---\ntitle: "Problems in data/"\n---\n' + PLACEHOLDER + "\n"))
    return files


def on_page_content(html, page, config, files):
    build = build_of(config)
    if build.problems is not None:
        return problem_list(build.problems.problems)
    # The page's structured data goes to the theme (overrides/main.html prints it in <head>).
    generated = build.generated.get(page.file.src_uri)
    hand_written = build.heads.get(page.file.src_uri)
    head = generated.head_html if generated is not None else hand_written() if hand_written else ""
    if head:
        page.meta[STRUCTURED_DATA_META] = head
    if generated is None:  # a generated page's description and share tags are in its front matter
        page.meta.update(hand_written_share(build.rendering, page.file.dest_uri, page.title or "", page.meta.get("description", "")))
    # Material's search indexes page.content in on_page_context: a generated page hands it only
    # the words worth indexing (macros/render/search.py), or its entry is made here from them;
    # the page itself comes next.
    if build.search_order is not None:
        build.search_order.append(Entry.from_words(page.url, generated.title, generated.search(), generated.tags)
                                  if indexed_here(build, generated) else page.url)
    if generated is None:
        return html
    return "" if indexed_here(build, generated) else generated.indexed


def indexed_here(build: Build, generated: GeneratedPage | None) -> bool:
    """Whether a page's search entry is made here from its words: Material's search plugin would
    make the same entry by parsing them as HTML, which costs more than rendering the page."""
    return build.search_order is not None and generated is not None and generated.searchable and generated.search is not None


@event_priority(-100)  # after Material's search plugin has indexed the page
def on_page_context(context, page, config, nav):
    # Rendered now, while this page is written, so a build never holds every page in memory.
    # The "data as of" line closes every page; it is about the build, not worth indexing.
    build = build_of(config)
    if build.problems is not None:
        return context
    generated = build.generated.get(page.file.src_uri)
    body = generated.body if generated is not None else page.content
    page.content = str(body) + as_of_line(build.rendering, page.file.dest_uri)
    if generated is not None and page.meta.get("template") == PRERENDERED_TEMPLATE:
        del page.meta["template"]  # the page as the theme sees it without the fast path
        context[PRERENDERED_PAGE] = build.frames.render(build.env.get_template(page.theme_template), context, page)
    return context


def on_post_page(output, page, config):
    if page.file.src_uri in build_of(config).generated:
        page.content = None  # written; keep the memory free for the pages still to come
        page.meta.pop(SHARE_META, None)  # its share tags too: a few kB a page, for the rest of the build
    return output


# After Material's search plugin has written its index, before its offline plugin inlines it.
@event_priority(-50)
def on_post_build(config):
    build = build_of(config)
    if build.frames is not None and build.frames.filled + build.frames.rendered:
        log.info(build.frames.describe())
    if build.search_order:
        made_here = sum(isinstance(slot, Entry) for slot in build.search_order)
        log.info(f"{made_here} search entries made from the words of generated pages, without parsing their HTML")
    if build.problems is not None:
        # The server answers a record page's address with 404.html: the problems, there too.
        shutil.copyfile(Path(config["site_dir"]) / "index.html", Path(config["site_dir"]) / "404.html")
        return
    # The search index, prebuilt in pieces, and the worker that reads them.
    try:
        prebuild_search(config["site_dir"], build.search_order)
    except UnsupportedSearchConfig as problem:
        raise PluginError(str(problem)) from None
    # Open data (JSON API, CSV, Atom feeds, iCalendar, citations, card images) from this build's dataset.
    try:
        export_for_build(build.dataset, config["site_dir"], build.site)
    except CardFontMissing as missing:
        raise PluginError(str(missing)) from None
