"""Ukraine Peace Process Tracker: data loading, validation, the model and rendering.

For mkdocs-macros this package only registers macros; hand-written pages call them, e.g.
`{{ timeline() }}`. Macro output is escaped HTML and is never rendered by Jinja again.
"""


def define_env(env):
    """mkdocs-macros entry point: register the macros of macros/pages.py (and nothing else)."""
    from .pages import macro_functions
    from .render.common import Context
    from .site import build_of

    def context() -> Context:
        page_path = env.page.file.dest_uri if env.page else "index.html"
        return build_of(env.conf).context(page_path)

    def bound(function):
        def macro(*args, **kwargs):
            return function(context(), *args, **kwargs)
        return macro

    for name, function in macro_functions().items():
        env.macro(bound(function), name)
