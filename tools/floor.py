"""The floor of the benchmark: a plain MkDocs + Material site with the same pages as ours.

One Markdown page per synthetic record, carrying the same information as the tracker's record
page (the record's own fields and the lists of related records: an actor's statements and
events, a source's citing records ...) written as ordinary Markdown: headings, paragraphs,
lists, links, a table where the tracker has one. The site has what a minimal offline Material
site has and nothing else: search and offline plugins, use_directory_urls false, no web fonts,
record pages outside the nav (not_in_nav), a one-page nav. What our build costs beyond this is
the price of our hooks, macros, overview pages and raw-HTML record pages.
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from macros.load import KINDS

CONFIG = """\
site_name: Floor
use_directory_urls: false
theme:
  name: material
  font: false
plugins:
  - search
  - offline
not_in_nav: |
  /actors/
  /events/
  /statements/
  /commitments/
  /sources/
nav:
  - Home: index.md
"""


def _md(text: str) -> str:
    """Data text as Markdown text: characters Markdown would read as syntax are escaped."""
    out = []
    for ch in str(text):
        out.append("\\" + ch if ch in "\\`*_{}[]<>#|" else ch)
    return "".join(out)


class _Index:
    """The reverse relations a record page lists (who said what, who took part where ...)."""

    def __init__(self, records: dict[str, list[dict]]):
        self.by_id = {kind: {r["id"]: r for r in records[kind]} for kind in KINDS}
        self.statements_by: dict[str, list[dict]] = defaultdict(list)
        self.events_with: dict[str, list[dict]] = defaultdict(list)
        self.offered_by: dict[str, list[dict]] = defaultdict(list)
        self.offered_to: dict[str, list[dict]] = defaultdict(list)
        self.coalitions: dict[str, list[dict]] = defaultdict(list)
        self.people: dict[str, list[dict]] = defaultdict(list)
        self.denials: dict[str, list[dict]] = defaultdict(list)
        self.event_statements: dict[str, list[dict]] = defaultdict(list)
        self.event_commitments: dict[str, list[dict]] = defaultdict(list)
        self.commitment_statements: dict[str, list[dict]] = defaultdict(list)
        self.parts: dict[str, list[dict]] = defaultdict(list)
        self.citing: dict[str, list[tuple[str, dict]]] = defaultdict(list)
        for event in records["events"]:
            for p in event.get("participants", []):
                self.events_with[p["actor"]].append(event)
        for s in records["statements"]:
            who = s.get("speaker") or s.get("speaker_affiliation")
            if who:
                self.statements_by[who].append(s)
            for claim in s.get("denies", []):
                self.denials[claim].append(s)
            for e in dict.fromkeys([s.get("event"), *s.get("about_events", [])]):
                if e:
                    self.event_statements[e].append(s)
            for c in s.get("about_commitments", []):
                self.commitment_statements[c].append(s)
        for c in records["commitments"]:
            for a in c.get("offered_by", []):
                self.offered_by[a].append(c)
            for a in c.get("offered_to", []):
                self.offered_to[a].append(c)
            for e in c.get("related_events", []):
                self.event_commitments[e].append(c)
            if c.get("part_of"):
                self.parts[c["part_of"]].append(c)
        for a in records["actors"]:
            for m in a.get("members", []):
                self.coalitions[m["actor"]].append(a)
            if a["kind"] == "person":
                for org in dict.fromkeys([a.get("country"), *(r.get("organisation") for r in a.get("roles", []))]):
                    if org:
                        self.people[org].append(a)
        for kind in ("actors", "events", "statements", "commitments"):
            for record in records[kind]:
                for source_id in dict.fromkeys(_cited(record)):
                    self.citing[source_id].append((kind, record))

    def title(self, kind: str, record_id: str) -> str:
        r = self.by_id[kind].get(record_id, {})
        return r.get("title") or r.get("name") or r.get("publisher") or record_id

    def link(self, kind: str, record_id: str, text: str | None = None) -> str:
        return f"[{_md(text or self.title(kind, record_id))}](../{kind}/{record_id}.md)"


def _cited(value) -> list[str]:
    found: list[str] = []
    if isinstance(value, dict):
        if isinstance(value.get("source"), str):
            found.append(value["source"])
            found.extend(value.get("via", []))
        for key, sub in value.items():
            if key == "sources":
                for cite in sub:
                    found.extend([cite] if isinstance(cite, str) else [])
            found.extend(_cited(sub))
    elif isinstance(value, list):
        for item in value:
            found.extend(_cited(item))
    return found


def _citation(ix: _Index, cite) -> str:
    cite = {"source": cite} if isinstance(cite, str) else cite
    source = ix.by_id["sources"].get(cite["source"], {})
    label = ", ".join(p for p in (source.get("publisher"), f"“{source['title']}”" if source.get("title") else None, source.get("published")) if p)
    parts = [ix.link("sources", cite["source"], label)]
    if cite.get("via"):
        parts.append("citing " + " ← ".join(ix.link("sources", s) for s in cite["via"]))
    if cite.get("locator"):
        parts.append(_md(cite["locator"]))
    if source.get("url"):
        parts.append(f"[original]({source['url']})")
    if cite.get("note"):
        parts.append(_md(cite["note"]))
    return " · ".join(parts)


def _inline_sources(ix: _Index, cites: list) -> str:
    return "Source: " + "; ".join(_citation(ix, c) for c in cites) if cites else ""


def _facts(facts: list[tuple[str, str]]) -> list[str]:
    return [f"- **{k}:** {v}" for k, v in facts if v] + [""]


def _section(title: str, lines: list[str]) -> list[str]:
    return [f"## {title}", "", *lines, ""] if lines else []


def _statement_lines(ix: _Index, statements: list[dict], with_speaker: bool = True) -> list[str]:
    lines = []
    for s in statements:
        who = ix.link("actors", s["speaker"]) if s.get("speaker") else _md(s.get("speaker_unnamed", ""))
        words = " ".join(_md(w) for w in (f"“{s['quote']}”" if s.get("quote") else "", s.get("paraphrase", "")) if w)
        lines.append(f"- {s['date']} · {s['kind']}{' · ' + who if with_speaker else ''} · [¶](../statements/{s['id']}.md) {words}")
    return lines


def _sources(ix: _Index, record: dict) -> list[str]:
    return _section("Sources", [f"{i}. {_citation(ix, c)}" for i, c in enumerate(record.get("sources", []), 1)])


def _actor(ix: _Index, a: dict) -> list[str]:
    aid = a["id"]
    lines = [_md(a["description"]), ""]
    lines += _facts([("Kind", a["kind"]), ("Also written", _md("; ".join(a.get("aliases", [])))),
                     ("Country", ix.link("actors", a["country"]) if a.get("country") else ""),
                     ("Member of", ", ".join(ix.link("actors", c["id"]) for c in ix.coalitions.get(aid, [])))])
    if a.get("roles"):
        rows = ["| Role | Of | State | When | Notes and sources |", "| --- | --- | --- | --- | --- |"]
        for r in a["roles"]:
            when = " – ".join(d for d in (r.get("start", ""), r.get("end", "")) if d)
            rows.append(f"| {_md(r['title'])} | {ix.link('actors', r['organisation']) if r.get('organisation') else ''} | {r['state']} | {when} | "
                        f"{_md(r.get('note', ''))} {_inline_sources(ix, r['sources'])} |")
        lines += _section("Roles over time", rows)
    lines += _section("Members", [f"- {ix.link('actors', m['actor'])}{' — ' + m['role'] if m.get('role') else ''} {_inline_sources(ix, m['sources'])}"
                                  for m in a.get("members", [])])
    lines += _section("People", [f"- {ix.link('actors', p['id'])}" for p in ix.people.get(aid, [])])
    lines += _section("Statements", _statement_lines(ix, ix.statements_by.get(aid, []), with_speaker=a["kind"] != "person"))
    lines += _section("Events", [f"- {e['date']} · {e['status_history'][-1]['status']} · {ix.link('events', e['id'])}" for e in ix.events_with.get(aid, [])])
    lines += _section("Commitments offered", [f"- {ix.link('commitments', c['id'])} · {c['status_history'][-1]['status']}" for c in ix.offered_by.get(aid, [])])
    lines += _section("Commitments received", [f"- {ix.link('commitments', c['id'])} · {c['status_history'][-1]['status']}" for c in ix.offered_to.get(aid, [])])
    return lines + _sources(ix, a)


def _event(ix: _Index, e: dict) -> list[str]:
    loc = e.get("location")
    lines = [_md(e["summary"]), ""]
    lines += _facts([("When", e["date"] + (f" – {e['end_date']}" if e.get("end_date") else "") + (f" — {_md(e['date_note'])}" if e.get("date_note") else "")),
                     ("Status", e["status_history"][-1]["status"] + f" as of {e['status_history'][-1]['date']}"), ("Kind", e["kind"]),
                     ("Where", ", ".join(p for p in (_md(loc["place"]), ix.link("actors", loc["country"]) if loc.get("country") else "") if p) if loc else ""),
                     ("Format", e.get("format", "")), ("Topics", ", ".join(e.get("topics", [])))])
    lines += _status_history(ix, e)
    lines += _section("Participants", [f"- {ix.link('actors', p['actor'])} {_md('; '.join(x for x in (p.get('role', ''), p.get('mode', ''), p.get('note', '')) if x))}"
                                       for p in e.get("participants", [])])
    lines += _figures(e)
    lines += _section("Statements", _statement_lines(ix, ix.event_statements.get(e["id"], [])))
    lines += _section("Commitments discussed", [f"- {ix.link('commitments', c['id'])}" for c in ix.event_commitments.get(e["id"], [])])
    lines += _section("Related events", [f"- {ix.link('events', r)}" for r in e.get("related_events", [])])
    return lines + _sources(ix, e)


def _figures(record: dict) -> list[str]:
    rows = [f"| {_md(f['label'])} | {f.get('precision', '')} {f['value']} {_md(f['unit'])} | {f.get('period_start', '')} {f.get('period_end', '')} |"
            for f in record.get("figures", [])]
    return _section("Figures", ["| What | Figure | Period |", "| --- | --- | --- |", *rows]) if rows else []


def _statement(ix: _Index, s: dict) -> list[str]:
    who = ix.link("actors", s["speaker"]) if s.get("speaker") else _md(s["speaker_unnamed"])
    lines = _facts([("Said by", who), ("To", ", ".join(ix.link("actors", a) for a in s.get("addressees", []))),
                    ("When", s["date"] + (f" — {_md(s['date_note'])}" if s.get("date_note") else "")), ("Where", _md(s.get("setting", ""))),
                    ("At", ix.link("events", s["event"]) if s.get("event") else ""), ("Kind", s["kind"]),
                    ("About", ", ".join([*(ix.link("events", e) for e in s.get("about_events", [])), *(ix.link("commitments", c) for c in s.get("about_commitments", []))])),
                    ("Topics", ", ".join(s.get("topics", [])))])
    words = []
    if s.get("quote"):
        words += [f"> “{_md(s['quote'])}”", ""]
    if s.get("paraphrase"):
        words += [f"*{'Context' if s.get('quote') else 'Paraphrase'}:* {_md(s['paraphrase'])}", ""]
    lines += _section("What was said", words)
    dispute = [f"- Denied by {ix.link('statements', d['id'])}, {d['date']}" for d in ix.denials.get(s["id"], [])]
    dispute += [f"- Answers the claim {ix.link('statements', c, ix.by_id['statements'][c].get('paraphrase') or ix.by_id['statements'][c].get('quote'))}"
                for c in s.get("denies", [])]
    lines += _section("Dispute", dispute)
    lines += _figures(s)
    return lines + _sources(ix, s)


def _commitment(ix: _Index, c: dict) -> list[str]:
    amount = c.get("amount")
    lines = [_md(c["description"]), ""]
    lines += _facts([("Status", c["status_history"][-1]["status"]), ("Mechanism", c["mechanism"]), ("Area", c["area"]),
                     ("Layer", str(c.get("layer", ""))), ("Part of", ix.link("commitments", c["part_of"]) if c.get("part_of") else ""),
                     ("Offered by", ", ".join(ix.link("actors", a) for a in c.get("offered_by", []))),
                     ("Offered to", ", ".join(ix.link("actors", a) for a in c.get("offered_to", []))),
                     ("Domains", ", ".join(c.get("domains", []))),
                     ("Amount", f"{amount['currency']} {amount['value']:,} {_md(amount.get('period', ''))}" if amount else ""),
                     ("Topics", ", ".join(c.get("topics", [])))])
    lines += _status_history(ix, c)
    lines += _section("Parts", [f"- {ix.link('commitments', p['id'])}" for p in ix.parts.get(c["id"], [])])
    lines += _section("Conditions", [f"- {_md(x)}" for x in c.get("conditions", [])])
    lines += _section("Open questions", [f"- {_md(q['question'])} {_inline_sources(ix, q['sources'])}" for q in c.get("open_questions", [])])
    lines += _section("Events", [f"- {ix.link('events', e)}" for e in c.get("related_events", [])])
    lines += _section("Statements", _statement_lines(ix, ix.commitment_statements.get(c["id"], [])))
    return lines + _sources(ix, c)


def _status_history(ix: _Index, record: dict) -> list[str]:
    return _section("Status history", [f"{i}. {h['status']} {h['date']} — {_md(h.get('note', ''))} {_inline_sources(ix, h['sources'])}"
                                       for i, h in enumerate(record["status_history"], 1)])


def _source(ix: _Index, s: dict) -> list[str]:
    lines = _facts([("Publisher", _md(s.get("publisher", "not stated"))), ("Title", _md(s.get("title", "unknown"))),
                    ("Published", s.get("published", "") + (f" — {_md(s['published_note'])}" if s.get("published_note") else "")),
                    ("Address", f"<{s['url']}>" if s.get("url") else "not known"), ("Kind", s["kind"]), ("Notes", _md(s.get("notes", "")))])
    by_kind: dict[str, list[str]] = defaultdict(list)
    for kind, record in ix.citing.get(s["id"], []):
        by_kind[kind].append(f"- {ix.link(kind, record['id'])}")
    for kind, items in by_kind.items():
        lines += [f"### {kind.capitalize()}", "", *items, ""]
    return lines


PAGES = {"actors": _actor, "events": _event, "statements": _statement, "commitments": _commitment, "sources": _source}


def write_floor_site(records: dict[str, list[dict]], outdir: Path) -> Path:
    """Write mkdocs.yml and docs/ for the floor build; return the config file's path."""
    return _write_site(records, outdir, lambda ix, kind, record: "\n".join(PAGES[kind](ix, record)).rstrip(),
                       "Floor", "A plain Material site with one page per synthetic record.")


# --- the lean floor ----------------------------------------------------------------------------

# The prose a record carries itself; the lean floor's pages hold these and the title, nothing else.
OWN_WORDS = ("description", "summary", "quote", "paraphrase", "notes")


def write_lean_floor_site(records: dict[str, list[dict]], outdir: Path) -> Path:
    """The lean floor: the same minimal Material site, each page holding only its record's own words.

    The cheapest site that still has one searchable page per record: what any generator would
    pay for the pages alone. The full floor (write_floor_site) adds what a record page shows
    besides: facts, related records, sources."""
    return _write_site(records, outdir, lambda ix, kind, record: "\n\n".join(_md(record[f]) for f in OWN_WORDS if record.get(f)),
                       "Lean floor", "A plain Material site with one page per synthetic record, its own words only.")


def _write_site(records: dict[str, list[dict]], outdir: Path, body, site_name: str, about: str) -> Path:
    outdir = Path(outdir)
    docs = outdir / "docs"
    ix = _Index(records)
    for kind in KINDS:
        (docs / kind).mkdir(parents=True, exist_ok=True)
        for record in records[kind]:
            title = ix.title(kind, record["id"])
            text = "---\ntitle: " + json.dumps(title, ensure_ascii=False) + "\n---\n\n" + f"# {_md(title)}\n\n" + body(ix, kind, record) + "\n"
            (docs / kind / f"{record['id']}.md").write_text(text, encoding="utf-8")
    (docs / "index.md").write_text(f"# {site_name}\n\n{about}\n", encoding="utf-8")
    config = outdir / "mkdocs.yml"
    config.write_text(CONFIG.replace("site_name: Floor", f"site_name: {site_name}"), encoding="utf-8")
    return config
