"""Ukraine Peace Process Tracker: data loading, validation, the model and rendering.

For mkdocs-macros this package only registers macros; hand-written pages call them, e.g.
`{{ timeline() }}`. Macro output is escaped HTML and is never rendered by Jinja again.
"""


def define_env(env):
    """mkdocs-macros entry point: register the overview macros (and nothing else)."""
    from .render import overview
    from .render.common import Context
    from .site import dataset_for, site_config

    def context() -> Context:
        page_path = env.page.file.dest_uri if env.page else "index.html"
        return Context(dataset_for(env.conf), page_path, site_config(env.conf))

    env.macro(lambda: overview.counts(context()), "counts")
    env.macro(lambda limit=8: overview.latest(context(), limit), "latest")
    env.macro(lambda limit=8: overview.ahead(context(), limit), "ahead")
    from .render import provenance

    env.macro(lambda: provenance.changes_overview(context()), "changes")
    from .render import queue

    env.macro(lambda: queue.review_page(context()), "review_queue")
    env.macro(lambda: overview.timeline(context()), "timeline")
    env.macro(lambda: overview.guarantees(context()), "guarantees")
    env.macro(lambda: overview.actor_index(context()), "actor_index")
    env.macro(lambda: overview.source_index(context()), "source_index")
    env.macro(overview.status_table, "status_table")
    env.macro(lambda name: overview.vocabulary_table(context(), name), "vocabulary_table")
    # Open data: charts drawn at build time, and the "Open data" page's lists of files and fields.
    from .export import page as open_data
    from .render import charts

    env.macro(lambda: charts.events_chart(context()), "events_chart")
    env.macro(lambda area=None: charts.status_chart(context(), area), "status_chart")
    env.macro(lambda: charts.guarantor_matrix(context()), "guarantor_matrix")
    env.macro(lambda group: open_data.files_table(context(), group), "open_data_files")
    env.macro(lambda kind: open_data.field_reference(context(), kind), "field_reference")
    env.macro(lambda: open_data.subscribe_links(context()), "subscribe_links")
