"""The pages' card images: 1200×630 PNG drawn at build time, for link previews (og:image).

Which page shows which card is render/share.py's, what a card says its kind's View's (render/share_kinds.py); this module only draws.
The font is the distribution's (Debian's fonts-dejavu-core: Latin, Greek, Cyrillic, and more),
never a download; `tools/system-packages fonts` installs it and a build without it stops with
one line that says so.

What is drawn: text in the font's left-to-right scripts. Pillow's basic layout, the same on
every machine (so the same commit gives the same bytes), neither reorders right-to-left text
nor joins Arabic letters, and the font has no emoji: a run of right-to-left letters, or of
letters the font lacks, is drawn as one "…"; symbols the font lacks (emoji) are left out, as are
invisible characters (joiners, variation selectors).

The image is drawn in grey levels and stored with a palette that maps them to the site's
colours: a link preview needs nothing more, and it keeps each card near 30 kB.
"""
from __future__ import annotations

import functools
import io
import os
import unicodedata
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ..i18n import Locale
from ..model import Dataset
from ..render.share import CARD_SIZE, Card, kind_cards, own_card, own_cards, record_card
from .common import write_bytes

FONT_DIR = Path(os.environ.get("TRACKER_CARD_FONTS", "/usr/share/fonts/truetype/dejavu"))
FONT, BOLD = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
FONT_PACKAGE = "fonts-dejavu-core"

# Grey levels: text is drawn at most at TEXT (antialiasing blends towards the background, 0);
# ACCENT is drawn only in shapes without antialiasing, so no text pixel takes its colour.
TEXT, ACCENT = 253, 254
BACKGROUND_RGB, TEXT_RGB, ACCENT_RGB = (38, 50, 56), (255, 255, 255), (255, 193, 7)
MARGIN = 64
ELLIPSIS = "…"


class CardFontMissing(Exception):
    """The cards' font is not installed."""


def _palette() -> bytes:
    ramp = []
    for level in range(TEXT + 1):
        ramp += [round(b + (t - b) * level / TEXT) for b, t in zip(BACKGROUND_RGB, TEXT_RGB)]
    return bytes(ramp + list(ACCENT_RGB) + list(TEXT_RGB))


PALETTE = _palette()


@functools.lru_cache(maxsize=None)
def _font(path: Path, size: int):
    if not path.is_file():
        raise CardFontMissing(f"card images need the font {path}: install the Debian package {FONT_PACKAGE} "
                              f"(`make build` does, or `sudo apt-get install {FONT_PACKAGE}`)")
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)


@functools.lru_cache(maxsize=None)
def _has_glyph(path: Path, character: str) -> bool:
    """Whether the font draws the character itself, not its "missing glyph" box."""
    font = _font(path, 40)
    missing = font.getmask("\U0010fffd")
    mask = font.getmask(character)
    return not (mask.size == missing.size and bytes(mask) == bytes(missing))


def drawable(text: str, path: Path = FONT) -> str:
    """The text as a card draws it (see the module's docstring)."""
    out: list[str] = []
    for character in " ".join(text.split()):
        category = unicodedata.category(character)
        if category.startswith("C") or 0xFE00 <= ord(character) <= 0xFE0F:
            continue  # invisible: joiners, marks of direction, variation selectors
        right_to_left = unicodedata.bidirectional(character) in ("R", "AL")
        if right_to_left or (not character.isspace() and not _has_glyph(path, character)):
            if right_to_left or category[0] in "LN":
                if out[-2:] == [ELLIPSIS, " "]:
                    out.pop()  # the run goes on after a space: one ellipsis for it all
                elif out[-1:] != [ELLIPSIS]:
                    out.append(ELLIPSIS)
            continue
        out.append(character)
    return " ".join("".join(out).split())


def wrapped(text: str, font, width: int, max_lines: int) -> list[str]:
    """The text in lines no wider than `width`, at most `max_lines`, the last cut with "…"."""
    words, lines, line = text.split(), [], ""
    for n, word in enumerate(words):
        candidate = f"{line} {word}" if line else word
        if font.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        while font.getlength(line) > width:  # a word longer than the line: cut it
            cut = len(line) - 1
            while cut > 1 and font.getlength(line[:cut]) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
        if len(lines) >= max_lines:
            return _ellipsised(lines[:max_lines], font, width)
    if line:
        lines.append(line)
    return lines if len(lines) <= max_lines else _ellipsised(lines[:max_lines], font, width)


def _ellipsised(lines: list[str], font, width: int) -> list[str]:
    last = lines[-1]
    while last and font.getlength(last + ELLIPSIS) > width:
        last = last[:-1] if " " not in last else last.rsplit(" ", 1)[0]
    return [*lines[:-1], last.rstrip(" ,;:.–—-") + ELLIPSIS]


def draw_card(card: Card, mark: str = "") -> bytes:
    """The card as PNG bytes: the site's mark, the card's label, its title and its lines."""
    width, height = CARD_SIZE
    text_width = width - 2 * MARGIN
    image = Image.new("L", CARD_SIZE, 0)
    draw = ImageDraw.Draw(image)
    draw.rectangle((MARGIN, MARGIN, MARGIN + 96, MARGIN + 10), fill=ACCENT)
    draw.rectangle((0, height - 16, width, height), fill=ACCENT)
    draw.text((MARGIN, MARGIN + 28), drawable(mark), font=_font(BOLD, 28), fill=round(TEXT * 0.75))
    y = MARGIN + 96
    if card.label:
        for line in wrapped(drawable(card.label), _font(FONT, 36), text_width, 1):
            draw.text((MARGIN, y), line, font=_font(FONT, 36), fill=round(TEXT * 0.8))
            y += 52
    title_font = _font(BOLD, 60 if len(card.title) <= 60 else 50)
    for line in wrapped(drawable(card.title), title_font, text_width, 3 if card.lines else 4):
        draw.text((MARGIN, y), line, font=title_font, fill=TEXT)
        y += title_font.size + 16
    body = _font(FONT, 38)
    room = max(0, (height - 40 - y) // 52)
    for text in card.lines:
        if room <= 0:
            break
        y += 12
        lines = wrapped(drawable(text), body, text_width, room)
        for line in lines:
            draw.text((MARGIN, y), line, font=body, fill=round(TEXT * 0.88))
            y += 52
        room -= len(lines) + 1
    image.putpalette(PALETTE)  # the grey levels become the palette's indexes, in place
    out = io.BytesIO()
    # The fastest compression: a card's flat colours pack well anyway (about 35 kB), and the
    # cards' share of the build is what make bench watches.
    image.save(out, "PNG", compress_level=1)
    return out.getvalue()


def write_cards(dataset: Dataset, out_dir, t: Locale) -> int:
    """The shared cards (the site's, each kind's) and the cards of the pages that have their own.
    Returns the number of images written. Raises CardFontMissing without the font."""
    out = Path(out_dir)
    cards = {**kind_cards(t), **{own_card(kind, record_id): record_card(t, dataset, dataset.get(kind, record_id))
                                for kind, record_id in sorted(own_cards(dataset))}}
    for folder in sorted({(out / path).parent for path in cards}):
        folder.mkdir(parents=True, exist_ok=True)
    for path, card in cards.items():
        write_bytes(out / path, draw_card(card, t("card.mark")))
    return len(cards)
