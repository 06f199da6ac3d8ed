"""What a contributor may write: which characters text may hold (nothing that hides text or
changes how the text around it is shown; the joiners scripts and emoji need are allowed), and
which web addresses are safe to link (http or https to a named host, read alike by Python and
browsers). macros/fieldtypes.py's Text and Url apply it."""
from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

# Characters that change how text around them is displayed or hide text: a reader could be
# shown something other than what the reviewer approved.
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
_BIDI_CONTROLS = {chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]}
ZWNJ, ZWJ = "\u200c", "\u200d"
# Letters that render as nothing at all: a name of these alone is a blank link. The two
# compatibility fillers have no use in modern text and are refused anywhere.
_FILLERS = ("\u3164", "\uffa0")
_BLANK = {"\u115f", "\u1160", "\u2800", *_FILLERS}
# Scripts whose letters join, where ZERO WIDTH NON-JOINER and JOINER choose the letter forms
# (Persian writes 'mi-khaham' with a non-joiner): Arabic with its supplements, Syriac, N'Ko, Mongolian.
_JOINING_SCRIPTS = ((0x0600, 0x08FF), (0x1800, 0x18AF))
VIRAMA = 9  # canonical combining class of a virama: Indic scripts use both joiners after it


def forbidden_characters(text: str, allow_newlines: bool, allow_joiners: bool = False) -> str:
    # Fast path: str.isprintable() is false for every control and format character, and for
    # noncharacters and surrogates, so most texts are cleared at C speed; the loop below only
    # runs for the rare text that needs a look.
    probe = text.replace("\n", "").replace("\t", "") if allow_newlines else text
    if probe.isprintable():
        return _filler(text)
    for i, ch in enumerate(text):
        if allow_joiners and ch in (ZWNJ, ZWJ) and _joiner_needed(text, i):
            continue
        if ch in _INVISIBLE or ch in _BIDI_CONTROLS or unicodedata.category(ch) == "Cf":
            return f"U+{ord(ch):04X} ({unicodedata.name(ch, 'unnamed')})"
        if unicodedata.category(ch) == "Cc" and not (allow_newlines and ch in "\n\t"):
            return f"U+{ord(ch):04X} (control character)"
        if _noncharacter(ch):
            return f"U+{ord(ch):04X} (a noncharacter, which Unicode reserves for programs' own use)"
        if unicodedata.category(ch) == "Cs":
            return f"U+{ord(ch):04X} (half of a surrogate pair, not a character)"
    return _filler(text)


def _noncharacter(ch: str) -> bool:
    code = ord(ch)
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def _filler(text: str) -> str:
    for ch in _FILLERS:
        if ch in text:
            return f"U+{ord(ch):04X} ({unicodedata.name(ch)}), which shows as blank space"
    return ""


def visible(text: str) -> bool:
    if text.lstrip()[:1] not in _BLANK:  # nearly always: the first letter shows
        return bool(text.strip())
    return any(not ch.isspace() and ch not in _BLANK for ch in text)


def _joiner_needed(text: str, i: int) -> bool:
    """Whether the joiner at text[i] does a job: after a virama (Indic conjuncts), between two
    letters of a joining script (Persian, Arabic ...), or ZWJ between two emoji (👩‍💻)."""
    before = text[i - 1] if i else ""
    if before and unicodedata.combining(before) == VIRAMA:
        return True
    j = i - 1
    while j >= 0 and unicodedata.category(text[j]) in ("Mn", "Me", "Sk"):  # marks, FE0F, skin tones
        j -= 1
    before = text[j] if j >= 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if not before or not after:
        return False
    if _joining_letter(before) and _joining_letter(after):
        return True
    return text[i] == ZWJ and unicodedata.category(before) == "So" and unicodedata.category(after) == "So"


def _joining_letter(ch: str) -> bool:
    return unicodedata.category(ch).startswith("L") and any(lo <= ord(ch) <= hi for lo, hi in _JOINING_SCRIPTS)


# Long enough for any article's address with tracking parameters removed.
MAX_URL_LENGTH = 2000
_URL = re.compile(r"https?://(?P<authority>[^/?#]*)(?:[/?#].*)?", re.IGNORECASE | re.DOTALL)
# A named host: dot-separated labels of letters, digits and hyphens, the last one starting with
# a letter (no bare IP address, no 'localhost'), optionally a port.
_HOST = re.compile(r"(?P<host>(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_][\w-]*)(?::[0-9]{1,5})?")


def url_problem(text: str) -> tuple[str, str] | None:
    """Why a web address is unsafe to link, or None. Refused are the forms on which Python's URL
    parser and browsers disagree about the host, so a reviewer sees the host a reader reaches."""
    unsafe = ("is not a safe web address", "only http:// and https:// links to a named host are allowed")
    if len(text) > MAX_URL_LENGTH:
        return f"is {len(text)} characters long; the limit is {MAX_URL_LENGTH}", "link to the page without tracking parameters"
    if "\\" in text:
        return "contains a backslash, which browsers read as '/'", "write the address with forward slashes only, as the browser's address bar shows it"
    match = _URL.fullmatch(text)
    if not match or any(ch.isspace() for ch in text) or forbidden_characters(text, False):
        return unsafe
    authority = match["authority"]
    if "@" in authority:
        return "has a user name or password before '@'", "link to the page itself: what comes before '@' hides the real host"
    host = _HOST.fullmatch(authority)
    if not host or unicodedata.normalize("NFKC", authority) != authority or urlsplit(text).hostname != host["host"].lower():
        return unsafe
    return None
