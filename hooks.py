"""MkDocs hooks: the thin adapter between the site generator and the `macros` package.

Load and validate data/ once per build, refuse to build invalid data, and add one generated
page per record. All knowledge of records lives in `macros`; nothing here renders.
"""
from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

from macros.site import dataset_for, site_config
from macros.export import export_for_build
from macros.pages import generated_pages
from macros.problems import InvalidData


@event_priority(-100)  # after Material's offline plugin, which adds a CDN shim for its search worker
def on_config(config):
    # Our own docs/assets/javascripts/file-worker.js does that job without a network request.
    config.extra["polyfills"] = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in p]
    try:
        dataset_for(config)
    except InvalidData as problems:
        raise PluginError(str(problems)) from None
    return config


def on_files(files, config):
    dataset = dataset_for(config)
    for page in generated_pages(dataset, site_config(config)):
        files.append(File.generated(config, page.source_path, content=page.as_markdown(), inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def on_post_build(config):
    # Open data (JSON API, CSV, Atom feed, iCalendar, citations) from this build's dataset.
    export_for_build(dataset_for(config), config["site_dir"], site_config(config), config["config_file_path"])
