"""What `make format-check` says about a file that is not in the canonical layout: why, when the
cause is a known one, and a short diff with line numbers, so a contributor can fix it by hand."""
from __future__ import annotations

import difflib

from .layout import MODELINE, WRAP_AT
from .problems import encoding_notes

DIFF_LINES = 12  # per file: enough to recognise the change, short enough to read in a log


def known_causes(original: str, result: str) -> list[str]:
    """Why the layout differs, for the causes we can name; the diff shows the rest."""
    causes = encoding_notes(original)
    old = _lines(original)
    new = result.splitlines()
    if old[:1] != new[:1] and new[:1] and MODELINE.match(new[0]):
        causes.append("the first line must be the editor modeline " + f"`{new[0]}`")
    stretches = [(old[i1:i2], new[j1:j2]) for tag, i1, i2, j1, j2 in _opcodes(old, new) if tag != "equal"]
    changed = [line for removed, _ in stretches for line in removed]
    if _moved(stretches):
        causes.append("fields are not in the order the schema declares them")
    if any(_stripped(a) == _stripped(b) for a, b in stretches):
        causes.append("indentation: two spaces per level, list dashes indented under their field")
    if any(len(line) > WRAP_AT for line in changed):
        causes.append(f"a line is longer than {WRAP_AT} characters: long text is folded into a `>-` block")
    elif any(_same_words(a, b) and _stripped(a) != _stripped(b) for a, b in stretches):
        causes.append(f"text is wrapped differently: folded text fills lines up to {WRAP_AT} characters")
    if any(line != line.rstrip() for line in changed):
        causes.append("a line ends in spaces")
    if any(not line.strip() for line in changed):
        causes.append("blank lines are removed")
    if any("\t" in line for line in changed):
        causes.append("a tab is used for indentation (use two spaces per level)")
    return causes


def short_diff(label: str, original: str, result: str, limit: int = DIFF_LINES) -> list[str]:
    """`path:line:` for each changed stretch, then its lines as they are (-) and would be (+)."""
    old, new = _lines(original), result.splitlines()
    out: list[str] = []
    shown = 0
    hidden = 0
    for tag, i1, i2, j1, j2 in _opcodes(old, new):
        if tag == "equal":
            continue
        body = [f"    - {line}" for line in old[i1:i2]] + [f"    + {line}" for line in new[j1:j2]]
        if shown >= limit:
            hidden += len(body)
            continue
        out.append(f"  {label}:{i1 + 1}:")
        out.extend(body[: limit - shown])
        hidden += max(0, len(body) - (limit - shown))
        shown += min(len(body), limit - shown)
    if hidden:
        out.append(f"    … and {hidden} more changed {'line' if hidden == 1 else 'lines'}: `make format` makes every change")
    return out


def report(label: str, original: str, result: str, with_diff: bool = True) -> list[str]:
    causes = known_causes(original, result)
    head = f"{label}: not in the canonical layout" + (": " + "; ".join(causes) if causes else "")
    return [head, *(short_diff(label, original, result) if with_diff else [])]


def _lines(text: str) -> list[str]:
    # Line endings and the byte-order mark are named as causes; the diff shows everything else.
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").splitlines()


def _opcodes(old: list[str], new: list[str]):
    return difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()


def _stripped(lines: list[str]) -> list[str]:
    return [line.strip() for line in lines]


def _moved(stretches: list[tuple[list[str], list[str]]]) -> bool:
    """A line removed in one place and written in another: a field moved."""
    for n, (removed, _) in enumerate(stretches):
        elsewhere = {line for m, (_, added) in enumerate(stretches) if m != n for line in _stripped(added)}
        if any(line.strip() and line.strip() in elsewhere for line in removed):
            return True
    return False


def _same_words(old: list[str], new: list[str]) -> bool:
    def words(lines: list[str]) -> list[str]:
        return [w for w in " ".join(lines).split() if w not in (">-", ">", ">+")]
    return len(old) + len(new) > 2 and words(old) == words(new)
