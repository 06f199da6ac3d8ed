"""Synthetic datasets of any size, for benchmarks and scale tests.

    python -m tools.synth N OUTDIR [--seed S]

writes N records (plus a copy of data/vocabulary.yml) to OUTDIR in the exact format of data/,
so `python -m macros validate --data OUTDIR` accepts it and `TRACKER_DATA_DIR=OUTDIR mkdocs
build` builds a site from it. The output is deterministic: the same N, seed and vocabulary give
byte-identical files. Nothing here imports the site code; only the file format is shared.

What the data looks like, so that measurements on it mean something:

- the proportions of the real data, computed from data/ when this module is imported (records
  of each kind, actors of each kind, commitments of each area; `python -m tools.synth
  --calibration` prints them): actors are states, organisations, coalitions with members and
  people with dated roles;
- dates spread over 2022-03 to 2026-06, a few month-precise, each record citing sources
  published shortly after it, sometimes through a "via" chain to a source known only by citation;
- realistic text lengths: summaries and descriptions 200-600 characters, quotes 50-300,
  paraphrases 100-400, notes and conditions in between;
- skewed popularity: actors are picked with Zipf weights, so a few leaders and states appear in
  a large share of events and statements (as real leaders do) while most appear rarely;
- claims and the denials that answer them, commitment packages with parts (layers), status
  histories oldest first, open questions; every reference points at a record that exists.
"""
from __future__ import annotations

import argparse
import bisect
import json
import math
import random
import re
import shutil
import sys
import textwrap
from datetime import date, timedelta
from pathlib import Path

import yaml
from yaml.resolver import Resolver

from macros.schema import STANCES

STANCE_WEIGHTS = {"supports": 30, "stresses": 8, "seeks": 25, "conditional": 12, "opposes": 15, "rejects": 10}

ROOT = Path(__file__).resolve().parent.parent
VOCABULARY = ROOT / "data" / "vocabulary.yml"
KINDS = ("actors", "sources", "events", "statements", "commitments")
ACTOR_KINDS = ("person", "state", "organisation", "coalition")
AREAS = ("security", "economic", "humanitarian", "political")


def calibrate(data_dir: Path = ROOT / "data") -> dict[str, dict[str, float]]:
    """The proportions of the real data: records of each kind, actors of each kind, commitments of
    each area. Counts are smoothed by one (add-one), so a kind the real data lacks still appears
    now and then and every page type gets exercised."""
    def shares(counts: dict[str, int]) -> dict[str, float]:
        total = sum(c + 1 for c in counts.values())
        return {k: (c + 1) / total for k, c in counts.items()}

    def field_counts(kind: str, field: str, values: tuple[str, ...]) -> dict[str, int]:
        counts = dict.fromkeys(values, 0)
        for path in sorted((data_dir / kind).glob("*.yml")):
            value = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get(field)
            if value in counts:
                counts[value] += 1
        return counts

    records = {kind: len(list((data_dir / kind).glob("*.yml"))) for kind in KINDS}
    return {"records": shares(records), "actors": shares(field_counts("actors", "kind", ACTOR_KINDS)),
            "commitments": shares(field_counts("commitments", "area", AREAS))}


def calibration_table(calibration: dict[str, dict[str, float]]) -> str:
    return "; ".join(f"{what}: " + ", ".join(f"{k} {v:.0%}" for k, v in shares.items()) for what, shares in calibration.items())


CALIBRATION = calibrate()
SHARES = CALIBRATION["records"]
MINIMUM = {"actors": 8, "sources": 3, "events": 3, "statements": 4, "commitments": 2}
MIN_RECORDS = 40
FIRST_DAY = date(2022, 3, 1)
LAST_DAY = date(2026, 6, 30)
# Events after this day are "scheduled"; before it they mostly took place.
AS_OF = date(2026, 1, 15)
MARKER = ".synth"  # marks a folder this tool may overwrite; the validator knows it holds no data

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")

# --- word banks (all invented; any likeness to real outlets or people is accidental) -----------

STATE_START = ("Val", "Kes", "Mor", "Tar", "Bel", "Cor", "Dra", "Esk", "Fen", "Gal", "Hal", "Ist", "Jor", "Kal", "Lun", "Mar",
               "Nor", "Ost", "Pra", "Quen", "Ros", "Sar", "Tel", "Ul", "Ver", "Wes", "Zar", "Alb", "Bren", "Cas", "Dun", "Elm")
STATE_MID = ("", "o", "a", "e", "i", "an", "en", "or", "ar", "il")
STATE_END = ("ia", "ania", "onia", "ovia", "istan", "land", "mark", "ria", "esia", "avia", "ica", "ary")
CITY_END = ("grad", "burg", "ovo", "ford", "ville", "sk", "ton", "mir", "dorf", "port", "hold", "yiv", "a", "ets")
FIRST_NAMES = ("Andrii", "Olena", "Taras", "Iryna", "Mykola", "Oksana", "Dmytro", "Yuliia", "Serhii", "Natalia", "Vasyl", "Kateryna",
               "Pavlo", "Halyna", "Bohdan", "Emma", "Lucas", "Sophie", "Henrik", "Ingrid", "Marco", "Giulia", "Pierre", "Claire",
               "Johann", "Greta", "Tomasz", "Agnieszka", "Mehmet", "Elif", "James", "Margaret", "Robert", "Susan", "Daniel", "Laura",
               "Viktor", "Anna", "Igor", "Elena", "Mikhail", "Sergei", "Lars", "Astrid", "Pedro", "Ines", "Nikos", "Eleni", "Jan",
               "Petra", "Karel", "Marta", "Rafael", "Camille", "Oskar", "Frida", "Aleksander", "Zofia", "Kenji", "Amira")
LAST_NAMES = ("Kovalenko", "Bondarenko", "Tkachenko", "Shevchuk", "Melnyk", "Kravets", "Oliinyk", "Lysenko", "Marchenko", "Savchenko",
              "Hrytsenko", "Moroz", "Petrenko", "Rudenko", "Zinchenko", "Hartmann", "Lindqvist", "Moreau", "Laurent", "Rossi",
              "Bianchi", "Schneider", "Keller", "Nowak", "Wisniewski", "Yilmaz", "Demir", "Whitfield", "Harrington", "Calloway",
              "Brennan", "Ashford", "Volkov", "Sokolov", "Lebedev", "Orlov", "Novak", "Dvorak", "Svensson", "Berg", "Haugen",
              "Costa", "Ferreira", "Papadakis", "Nikolaidis", "De Vries", "Janssen", "Fischer", "Weber", "Dubois", "Lefevre",
              "Horvath", "Szabo", "Popescu", "Ionescu", "Kask", "Tamm", "Ozols", "Kalnins", "Mazur", "Pavlenko", "Boyko",
              "Honcharenko", "Fedorenko", "Kuzmenko", "Lozynsky", "Sydorenko", "Yatsenko", "Zaitsev", "Belov", "Gromov", "Haas",
              "Richter", "Marchetti", "Galli", "Fontaine", "Girard", "Moller", "Holm", "Aalto", "Virtanen")
PUBLISHERS = ("The Meridian Post", "Continental Wire", "Eastern Ledger", "The Evening Dispatch", "Northern Observer", "Daily Compass",
              "The Harbour Times", "Frontline Review", "Capital Gazette", "The Morning Courier", "Union Press Agency", "The Citizen",
              "Black Sea Monitor", "Policy Brief Weekly", "The Atlantic Record", "Steppe News", "The Baltic Herald", "Global Affairs Desk",
              "Security Matters", "The Chronicle", "Independent Wire Service", "Riverside Journal", "The Standard", "Open Diplomacy",
              "Crossroads Media", "The Sentinel", "East-West Report", "Danube Daily", "Alpine Tribune", "The Correspondent")
ORG_KINDS = ("Ministry of Foreign Affairs", "Ministry of Defence", "Office of the President", "National Security Council",
             "General Staff", "Parliament", "Central Bank", "Intelligence Service", "Ministry of Energy", "Ombudsman's Office")
INTERNATIONAL_ORGS = ("Northern Defence Alliance", "Council of Continental States", "International Monitoring Agency",
                      "Union for Reconstruction and Development", "Organisation for Security and Dialogue", "Commission of the Union",
                      "Humanitarian Relief Office", "Contact Office for Prisoners", "Energy Community Secretariat", "Maritime Safety Board")
COALITION_NAMES = ("Coalition of the Willing", "Contact Group on Security Guarantees", "Friends of Reconstruction", "Air Defence Coalition",
                   "Maritime Security Group", "Capability Coalition on Demining", "Energy Ramstein Group", "Drone Coalition")
QUALIFIERS = ("Northern", "Southern", "Eastern", "Western", "Central", "Atlantic", "Nordic", "Continental")
PERSON_TITLES = ("Minister of Foreign Affairs", "Minister of Defence", "Chief of Staff", "National Security Adviser", "Special Envoy",
                 "Head of Delegation", "Deputy Prime Minister", "Chief of the General Staff", "Speaker of Parliament", "Ambassador",
                 "Senator", "Secretary of the Security Council", "Head of Military Intelligence", "Deputy Foreign Minister")
SETTINGS = ("press conference in {city}", "interview with {pub}", "evening video address", "post on social media", "briefing for reporters",
            "speech to parliament", "joint press conference with {b}", "New Year's address", "remarks before the meeting", "televised interview")
UNNAMED = ("a senior {dem} official", "a diplomat familiar with the talks", "a {dem} government source", "an official briefed on the call",
           "two officials speaking on condition of anonymity", "a spokesperson for the {dem} delegation", "a military source")
WEAPONS = ("drone", "missile", "combined missile and drone", "glide-bomb", "artillery")

TOPIC_PHRASES = {
    "security-guarantees": ("security guarantees", "guarantees after a ceasefire", "a layered security guarantee", "the backstop question"),
    "ceasefire": ("a ceasefire", "monitoring of a truce", "the terms of a ceasefire", "what happens if a truce is breached"),
    "territory": ("the line of contact", "territorial questions", "control of the eastern regions", "the status of occupied land"),
    "peace-plan": ("the draft framework", "the 20-point plan", "the peace framework", "the sequencing of the agreement"),
    "economic-support": ("reconstruction funding", "the economic package", "frozen assets", "the growth fund"),
    "military-support": ("air defence deliveries", "military aid", "training for the armed forces", "long-range weapons"),
    "prisoner-exchange": ("prisoner exchanges", "the return of detained civilians", "an all-for-all exchange"),
    "strikes": ("strikes on energy infrastructure", "drone attacks", "attacks on ports"),
    "civilian-protection": ("the protection of civilians", "evacuations from front-line towns", "the return of deported children"),
    "domestic-politics": ("the government reshuffle", "appointments in the presidential office", "the anti-corruption investigation"),
    "energy": ("the power grid", "energy supplies", "the nuclear power plant", "gas transit"),
    "diplomacy": ("the format of the talks", "the next round of talks", "a leaders' meeting", "the mediation effort"),
}
TOPIC_WEIGHTS = {"diplomacy": 9, "security-guarantees": 8, "peace-plan": 6, "ceasefire": 6, "territory": 5, "military-support": 4,
                 "economic-support": 3, "strikes": 3, "energy": 2, "civilian-protection": 2, "prisoner-exchange": 2, "domestic-politics": 2}
EVENT_KIND_WEIGHTS = {"meeting": 25, "call": 20, "summit": 5, "visit": 10, "announcement": 9, "strike": 8, "appointment": 4,
                      "resignation": 2, "evacuation": 3, "battlefield": 3, "address": 5, "conversation": 6}

EVENT_SENTENCES = (
    "{a} and {b} met in {place} to discuss {topic}.",
    "The talks focused on {topic}, according to officials briefed on the meeting.",
    "{a} described the discussions as constructive but said that no document had been signed.",
    "Delegations spent about {n} hours on the draft text, which has not been published.",
    "The source does not say who else attended or whether a further round is planned.",
    "{b} did not comment on the outcome.",
    "A joint statement issued afterwards referred to {topic} only in general terms.",
    "According to {pub}, the meeting had been prepared over several weeks by national security advisers.",
    "Officials said the next round would take place in {month}, without giving a date.",
    "{a} said the remaining differences concerned {topic} and the sequencing of any agreement.",
    "The meeting followed a phone call between the two sides earlier in the week.",
    "Reports differ on whether military representatives took part.",
    "Both sides said they would brief their partners before any public announcement.",
    "{a}'s office published a short readout that mentioned {topic}.",
    "It was the {ordinal} meeting in this format since the talks resumed.",
    "The agenda also included {topic2}, which was raised by {b}.",
    "Observers noted that the wording on {topic} had changed since the previous draft.",
    "No timetable for implementation was agreed.",
    "The source attributes the account to two officials who spoke on condition of anonymity.",
    "Separately, {b} said that any arrangement would need the approval of its parliament.",
    "{pub} reported that about {n} per cent of the text was agreed, a figure neither side confirmed.",
    "The exchange came days after {b} set out its position on {topic2}.",
)
STRIKE_SENTENCES = (
    "{place} was hit by a {weapon} attack overnight, local authorities said.",
    "At least {n} people were injured and several residential buildings were damaged.",
    "{a} said its air defences had intercepted most of the incoming {weapon}s; the figure could not be verified.",
    "Power was cut to parts of the region while repair crews worked on damaged substations.",
    "{b} said the attack showed that {topic} could not wait for a final settlement.",
)
QUOTE_SENTENCES = (
    "We are ready to work on {topic}, but not at the expense of our sovereignty.",
    "There can be no agreement without guarantees that actually work.",
    "The remaining ten per cent will decide everything.",
    "We have done our part; now it is up to {b} to show that it wants peace.",
    "Nobody should expect a signature before the questions about {topic} are answered.",
    "Our partners know exactly what we need: air defence, reconstruction and a credible deterrent.",
    "This is a serious step, and we expect it to be matched by actions on the ground.",
    "We will not trade territory for promises.",
    "The conversation was long and detailed, and we agreed to keep talking.",
    "I told {b} that time is not on anyone's side.",
    "Any peacekeeping presence must have a clear mandate and clear rules of engagement.",
    "We see progress on {topic}, though not yet on everything.",
    "If there is a ceasefire, it has to hold on land, at sea and in the air.",
    "These are not negotiations about us without us.",
)
PARAPHRASE_SENTENCES = (
    "{a} said that progress had been made on {topic} but that key questions remained open.",
    "According to the source, {a} rejected the proposal as premature.",
    "{a} claimed that {b} had violated the arrangement on {topic}; the claim could not be independently verified.",
    "{a} dismissed reports of a breakthrough as speculation.",
    "The remarks were made in response to a question about {topic}.",
    "{a} repeated earlier demands concerning {topic}.",
    "{a} added that {b} had been informed in advance.",
    "The source reports the statement without giving the exact words.",
    "{a} said a decision on {topic2} would follow consultations with partners.",
)
DESCRIPTION_SENTENCES = (
    "The tracker records statements on {topic} and participation in the talks since {year}.",
    "{a} took part in several rounds of talks on {topic}.",
    "Sources describe {a} as one of the main voices on {topic2}.",
    "The position of {a} on {topic} has shifted over the period covered.",
    "The record lists only roles and memberships that a cited source names.",
    "Earlier positions are recorded as statements, each with its source.",
)
COMMITMENT_SENTENCES = (
    "{a} would provide {topic} once a ceasefire is in place.",
    "The source does not say how many troops or how much money would be involved.",
    "Details of command, funding and duration are still under discussion.",
    "{b} has asked for the commitment to be written into a binding agreement.",
    "Officials describe it as part of a wider package on {topic2}.",
    "It would be reviewed after {n} years, according to the draft.",
    "The commitment depends on the approval of national parliaments.",
    "Critics say it repeats earlier promises without new enforcement.",
)
CONDITIONS = (
    "a ceasefire agreed by both parties", "approval by the parliaments of the contributing states", "a mandate defined in writing",
    "continued US support for intelligence and air defence", "the withdrawal of heavy weapons from the line of contact",
    "an independent monitoring mission in place", "funding agreed for at least {n} years",
)
QUESTIONS = (
    "Which states would contribute troops, and how many?", "Who would command the force, and under which rules of engagement?",
    "What would trigger a response if the ceasefire were breached?", "How would the package be funded after the first {n} years?",
    "Would the guarantee be legally binding, and ratified by parliaments?", "What role would the United Nations play, if any?",
    "How would {topic} be monitored, and by whom?",
)
HEADLINES = (
    "{a} and {b} to meet in {place} as talks on {topic} intensify", "{a} says {topic} must come first", "Talks on {topic} enter final stretch",
    "{a} rejects {b}'s proposal on {topic}", "What we know about the {place} meeting", "{a} signals flexibility on {topic}",
    "Inside the negotiations over {topic}", "{b} warns against a rushed deal", "Allies weigh {topic} ahead of the summit in {place}",
    "{a}: \"We will not accept a frozen conflict\"",
)
ORDINALS = ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")


class SynthError(ValueError):
    """Arguments this tool refuses (too few records, an output folder it must not touch)."""


def counts_for(n: int) -> dict[str, int]:
    """How many records of each kind make up n (largest remainders, with a small minimum each)."""
    if n < MIN_RECORDS:
        raise SynthError(f"N must be at least {MIN_RECORDS}")
    exact = {k: n * s for k, s in SHARES.items()}
    counts = {k: max(MINIMUM[k], int(v)) for k, v in exact.items()}
    order = sorted(SHARES, key=lambda k: (-(exact[k] - int(exact[k])), KINDS.index(k)))
    i = 0
    while sum(counts.values()) < n:
        counts[order[i % len(order)]] += 1
        i += 1
    while sum(counts.values()) > n:  # minimums pushed it over: take from statements, the largest share
        counts["statements"] -= 1
    return counts


def iso(day: date) -> str:
    return day.isoformat()


class Synth:
    """Builds the records of one dataset as plain dicts, in schema field order."""

    def __init__(self, n: int, seed: int, vocabulary: dict):
        self.n = n
        self.rng = random.Random(f"tracker-synth:{seed}:{n}")
        self.counts = counts_for(n)
        self.vocab = {name: list(vocabulary.get(name) or {}) for name in ("topics", "event_kinds", "mechanisms", "domains", "issues")}
        self.labels = {name: {k: (v or {}).get("label", k) for k, v in (vocabulary.get(name) or {}).items()} for name in self.vocab}
        self.records: dict[str, list[dict]] = {kind: [] for kind in KINDS}
        self.used_ids: dict[str, set] = {kind: set() for kind in KINDS}
        self.topic_weights = [TOPIC_WEIGHTS.get(t, 2) for t in self.vocab["topics"]]
        self.kind_weights = [EVENT_KIND_WEIGHTS.get(k, 3) for k in self.vocab["event_kinds"]]

    # --- small helpers ------------------------------------------------------------------------

    def unique_id(self, kind: str, base: str) -> str:
        base = slugify(base)[:90].strip("-") or kind[:-1]
        candidate, i = base, 2
        while candidate in self.used_ids[kind]:
            candidate, i = f"{base}-{i}", i + 1
        self.used_ids[kind].add(candidate)
        return candidate

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def day(self) -> date:
        return FIRST_DAY + timedelta(days=self.rng.randrange((LAST_DAY - FIRST_DAY).days + 1))

    def sorted_days(self, count: int) -> list[date]:
        return sorted(self.day() for _ in range(count))

    def weighted_sample(self, population: list, weights: list[float], k: int) -> list:
        """k distinct items, popular ones more likely (Efraimidis-Spirakis keys; deterministic)."""
        k = min(k, len(population))
        if k <= 0:
            return []
        if len(population) > 64 * k:  # large pools: draw with replacement until k distinct
            picked: list = []
            seen: set = set()
            while len(picked) < k:
                for item in self.rng.choices(population, weights, k=k):
                    if item not in seen and len(picked) < k:
                        seen.add(item)
                        picked.append(item)
            return picked
        keys = [math.log(self.rng.random() or 1e-300) / w for w in weights]
        order = sorted(range(len(population)), key=lambda i: -keys[i])
        return [population[i] for i in order[:k]]

    def topic(self) -> str:
        return self.rng.choices(self.vocab["topics"], self.topic_weights)[0] if self.vocab["topics"] else "diplomacy"

    def topics(self, low: int = 1, high: int = 3) -> list[str]:
        k = self.rng.randint(low, high)
        return self.weighted_sample(self.vocab["topics"], self.topic_weights, k)

    def phrase(self, topic: str) -> str:
        options = TOPIC_PHRASES.get(topic) or (self.labels["topics"].get(topic, topic).lower(),)
        return self.rng.choice(options)

    def fill(self, template: str, names: dict) -> str:
        # names["topic"] is a vocabulary term; the text gets one of its phrases.
        values = {
            "topic": self.phrase(names.get("topic") or self.topic()), "topic2": self.phrase(self.topic()),
            "n": str(self.rng.choice((2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 27, 30, 40, 90))), "month": self.rng.choice(MONTHS),
            "ordinal": self.rng.choice(ORDINALS), "pub": self.rng.choice(PUBLISHERS), "weapon": self.rng.choice(WEAPONS),
            "year": str(self.rng.randint(2014, 2025)), "city": self.rng.choice(self.cities) if getattr(self, "cities", None) else "the capital",
            "a": "the government", "b": "its partners", "place": "the capital", "dem": "European",
        }
        values.update({k: v for k, v in names.items() if v and k != "topic"})
        return template.format(**values)

    def text(self, bank: tuple[str, ...], low: int, high: int, names: dict, first: str | None = None) -> str:
        """Sentences from a bank until the length lands in [low, high]."""
        target = self.rng.randint(low, high)
        parts: list[str] = []
        length = 0
        pool: list[str] = []
        if first:
            parts.append(self.fill(first, names))
            length = len(parts[0])
        while length < target:
            if not pool:  # each sentence of the bank once before any repeats
                pool = list(bank)
                self.rng.shuffle(pool)
            sentence = self.fill(pool.pop(), names)
            added = len(sentence) + (1 if parts else 0)
            if length + added > high:
                if length >= low:
                    break
                room = high - length - (1 if parts else 0) - 1
                sentence = sentence[:room].rsplit(" ", 1)[0].rstrip(",;:") + "."
                added = len(sentence) + (1 if parts else 0)
            parts.append(sentence)
            length += added
        result = " ".join(parts)
        if len(result) > high:
            result = result[: high - 1].rsplit(" ", 1)[0].rstrip(",;:") + "."
        return result

    def name_of(self, actor_id: str) -> str:
        return self.actor_names.get(actor_id, actor_id)

    # --- actors -------------------------------------------------------------------------------

    def make_actors(self) -> None:
        total = self.counts["actors"]
        kinds = CALIBRATION["actors"]
        n_states = max(2, round(total * kinds["state"]))
        n_orgs = max(1, round(total * kinds["organisation"]))
        n_coalitions = max(1, round(total * kinds["coalition"]))
        n_people = max(1, total - n_states - n_orgs - n_coalitions)
        n_states = total - n_orgs - n_coalitions - n_people
        self.actor_names: dict[str, str] = {}
        self.actor_kind: dict[str, str] = {}
        self.states: list[str] = []
        self.state_cities: dict[str, list[str]] = {}
        self.demonyms: dict[str, str] = {}
        names_seen: set = set()
        while len(self.states) < n_states:
            name = self.rng.choice(STATE_START) + self.rng.choice(STATE_MID) + self.rng.choice(STATE_END)
            if name in names_seen or re.search(r"([aeiou])\1", name.lower()):
                continue
            names_seen.add(name)
            actor_id = self.unique_id("actors", name)
            self.states.append(actor_id)
            self.actor_names[actor_id] = name
            self.actor_kind[actor_id] = "state"
            self.demonyms[actor_id] = name[:-1] + "an" if name.endswith("a") else name + "ian"
            cities = []
            for _ in range(self.rng.randint(3, 6)):
                cities.append(self.rng.choice(STATE_START) + self.rng.choice(("", "o", "e", "a")) + self.rng.choice(CITY_END))
            self.state_cities[actor_id] = list(dict.fromkeys(cities))
        self.cities = [c for s in self.states for c in self.state_cities[s]]
        # Popularity: a fixed Zipf rank per kind; the first state is the "home" state most talks concern.
        self.state_weight = {s: 1.0 / (i + 1) for i, s in enumerate(self.states)}
        self.home = self.states[0]

        self.orgs: list[str] = []
        self.org_country: dict[str, str | None] = {}
        while len(self.orgs) < n_orgs:
            if self.chance(0.3):
                name = self.rng.choice(INTERNATIONAL_ORGS)
                country = None
            else:
                country = self.pick_states(1)[0]
                name = f"{self.rng.choice(ORG_KINDS)} of {self.actor_names[country]}"
            if name in names_seen:
                name = f"{self.rng.choice(QUALIFIERS)} {name}" if country is None else name
                if name in names_seen:
                    continue
            names_seen.add(name)
            actor_id = self.unique_id("actors", name)
            self.orgs.append(actor_id)
            self.org_country[actor_id] = country
            self.actor_names[actor_id] = name
            self.actor_kind[actor_id] = "organisation"

        self.coalitions: list[str] = []
        while len(self.coalitions) < n_coalitions:
            name = self.rng.choice(COALITION_NAMES)
            if name in names_seen:
                name = f"{self.rng.choice(QUALIFIERS)} {name}"
            if name in names_seen:  # the word banks run out at a few dozen coalitions
                name = f"{self.rng.choice(COALITION_NAMES)} for {self.actor_names[self.rng.choice(self.states)]}"
            if name in names_seen:
                continue
            names_seen.add(name)
            actor_id = self.unique_id("actors", name)
            self.coalitions.append(actor_id)
            self.actor_names[actor_id] = name
            self.actor_kind[actor_id] = "coalition"

        self.people: list[str] = []
        self.person_country: dict[str, str] = {}
        while len(self.people) < n_people:
            name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
            if name in names_seen:
                continue
            names_seen.add(name)
            actor_id = self.unique_id("actors", name)
            self.people.append(actor_id)
            self.actor_names[actor_id] = name
            self.actor_kind[actor_id] = "person"
            # The first people lead the most prominent states.
            i = len(self.people) - 1
            self.person_country[actor_id] = self.states[i] if i < min(3, len(self.states)) else self.pick_states(1)[0]

        # Who appears in events and statements: people and states above all, with Zipf weights.
        self.prominence: dict[str, float] = {}
        for i, p in enumerate(self.people):
            self.prominence[p] = 1.0 / (i + 1)
        for i, s in enumerate(self.states):
            self.prominence[s] = 0.8 / (i + 1)
        for i, o in enumerate(self.orgs):
            self.prominence[o] = 0.3 / (i + 1)
        for i, c in enumerate(self.coalitions):
            self.prominence[c] = 0.5 / (i + 1)
        self.actor_pool = list(self.prominence)
        self.actor_pool_weights = [self.prominence[a] for a in self.actor_pool]
        self.speaker_pool = [a for a in self.actor_pool if self.actor_kind[a] != "coalition"]
        self.speaker_weights = [self.prominence[a] for a in self.speaker_pool]
        self.offerer_pool = [*self.states, *self.coalitions, *self.orgs]
        self.offerer_weights = [self.prominence[a] for a in self.offerer_pool]

    def pick_states(self, k: int) -> list[str]:
        return self.weighted_sample(self.states, [self.state_weight[s] for s in self.states], k)

    def pick_actors(self, k: int, pool: str = "actor") -> list[str]:
        population, weights = {"actor": (self.actor_pool, self.actor_pool_weights), "speaker": (self.speaker_pool, self.speaker_weights),
                               "offerer": (self.offerer_pool, self.offerer_weights)}[pool]
        return self.weighted_sample(population, weights, k)

    def write_actors(self) -> None:
        """Actor records; written after the sources exist, because every role cites one."""
        for actor_id in [*self.states, *self.orgs, *self.coalitions, *self.people]:
            kind = self.actor_kind[actor_id]
            name = self.actor_names[actor_id]
            since = self.day()
            rec: dict = {"id": actor_id, "kind": kind, "name": name}
            if kind == "person" and self.chance(0.3):
                last = name.split()[-1]
                rec["aliases"] = list(dict.fromkeys([name.replace("y", "i") if "y" in name else name + "y", f"{name.split()[0][0]}. {last}"]))
            if kind == "person":
                rec["country"] = self.person_country[actor_id]
            elif kind == "organisation" and self.org_country[actor_id]:
                rec["country"] = self.org_country[actor_id]
            names = {"a": name, "b": self.name_of(self.pick_states(1)[0])}
            if kind == "person":
                country = self.person_country[actor_id]
                lead = f"{name} is a {self.demonyms[country]} official who has taken part in the talks."
            elif kind == "state":
                lead = f"{name} is a state whose government takes part in the talks, directly or through its partners."
            elif kind == "organisation":
                lead = f"The {name} is an organisation that the sources cite on the talks."
            else:
                lead = f"The {name} is a group of states coordinating their support and commitments."
            rec["description"] = self.text(DESCRIPTION_SENTENCES + EVENT_SENTENCES[:6], 100, 600, names, first=lead)
            if kind == "person":
                rec["roles"] = self.roles(actor_id, since)
            if kind == "coalition":
                members = self.pick_states(self.rng.randint(min(3, len(self.states)), min(25, len(self.states))))
                rec["members"] = [
                    {"actor": m, **({"role": "co-lead"} if i < 2 and self.chance(0.7) else {}), "sources": self.citations(since, 1)}
                    for i, m in enumerate(members)
                ]
            rec["sources"] = self.citations(since, self.rng.randint(1, 2))
            self.records["actors"].append(rec)

    def roles(self, person: str, since: date) -> list[dict]:
        country = self.person_country[person]
        rank = self.people.index(person)
        orgs = [o for o in self.orgs if self.org_country.get(o) == country]
        roles = []
        count = self.rng.choices((1, 2, 3), (6, 3, 1))[0]
        start = since
        for i in range(count):
            current = i == count - 1
            if rank < 3 and current:
                title = self.rng.choice(("President", "Prime Minister")) + f" of {self.actor_names[country]}"
                organisation = country
            else:
                title = self.rng.choice(PERSON_TITLES)
                organisation = self.rng.choice(orgs) if orgs and self.chance(0.6) else country
            role: dict = {"title": title, "organisation": organisation,
                          "state": "current" if current else "former"}
            if current and self.chance(0.05):
                role["state"] = "proposed"
            if self.chance(0.7):
                role["start"] = iso(start)
                if self.chance(0.1):
                    role["start_approximate"] = True
            if not current:
                end = min(start + timedelta(days=self.rng.randint(60, 500)), LAST_DAY)
                role["end"] = iso(end)
                if self.chance(0.3):
                    role["end_note"] = self.fill("The source reports the departure on this day; the decree may be dated earlier.", {})
                start = end
            if self.chance(0.15):
                role["note"] = self.text(PARAPHRASE_SENTENCES, 60, 200, {"a": self.actor_names[person]})
            role["sources"] = self.citations(start, 1)
            roles.append(role)
        return roles

    # --- sources ------------------------------------------------------------------------------

    def make_sources(self) -> None:
        total = self.counts["sources"]
        n_cited_only = max(1, round(total * 0.06))
        publisher_weights = [1.0 / (i + 1) for i in range(len(PUBLISHERS))]
        days = self.sorted_days(total)
        cited_only_slots = set(self.rng.sample(range(total), n_cited_only))
        self.consulted: list[str] = []
        self.consulted_days: list[int] = []
        self.cited_only: list[str] = []
        for i, day in enumerate(days):
            publisher = self.rng.choices(PUBLISHERS, publisher_weights)[0]
            consulted = i not in cited_only_slots
            a, b = self.pick_actors(2, "speaker")
            names = {"a": self.name_of(a), "b": self.name_of(b), "place": self.rng.choice(self.cities)}
            title = self.fill(self.rng.choice(HEADLINES), names)
            month_only = self.chance(0.08)
            base = f"{slugify(publisher).removeprefix('the-')}-{iso(day)}-{' '.join(slugify(title).split('-')[:4])}"
            source_id = self.unique_id("sources", base)
            kind = self.rng.choices(("news-article", "official", "transcript", "social-media", "report", "other"), (70, 10, 8, 5, 5, 2))[0]
            rec: dict = {"id": source_id, "kind": kind, "publisher": publisher}
            if consulted or self.chance(0.3):
                rec["title"] = title
            if consulted or self.chance(0.5):
                rec["published"] = iso(day)[:7] if month_only else iso(day)
                if month_only:
                    rec["published_approximate"] = True
                    rec["published_note"] = self.fill("The copy prints no date; it refers to events of {month} in the past tense, hence month precision.", {})
            if consulted:
                rec["url"] = f"https://www.{slugify(publisher).removeprefix('the-')}.example/{day.year}/{day.month:02d}/{slugify(title)[:60].strip('-')}"
                rec["accessed"] = iso(min(day + timedelta(days=self.rng.randint(0, 10)), LAST_DAY))
            rec["consulted"] = consulted
            rec["language"] = self.rng.choices(("en", "uk", "fr", "de", "pl"), (85, 8, 3, 2, 2))[0]
            if not consulted:
                rec["notes"] = f"Known to the tracker only as cited by other articles; {'title and date are' if 'title' not in rec else 'the full text is'} not given there."
            elif self.chance(0.25):
                rec["notes"] = self.text(("Locators count text paragraphs from the dateline.", "The copy has no byline.",
                                          "An updated version of the article changed the headline.", "Quotes are translated by the publisher.",
                                          "The article was read in the version archived on the day of access."), 40, 300, {})
            self.records["sources"].append(rec)
            if consulted:
                self.consulted.append(source_id)
                self.consulted_days.append(day.toordinal())
            else:
                self.cited_only.append(source_id)

    def citations(self, when: date, k: int, window: int = 14) -> list:
        """k citations of sources published on or shortly after `when` (short or long form)."""
        lo = bisect.bisect_left(self.consulted_days, when.toordinal())
        hi = bisect.bisect_right(self.consulted_days, when.toordinal() + window)
        if hi - lo < k:
            lo, hi = max(0, lo - k), min(len(self.consulted), hi + k)
        picked = self.rng.sample(range(lo, hi), min(k, hi - lo))
        cites: list = []
        for i in sorted(picked):
            source_id = self.consulted[i]
            roll = self.rng.random()
            if roll < 0.35:
                cites.append(source_id)
                continue
            cite: dict = {"source": source_id}
            if self.cited_only and self.chance(0.07):
                cite["via"] = [self.rng.choice(self.cited_only)]
            cite["locator"] = self.rng.choice(("paragraph {}", "paragraphs {}-{}", "section {}")).format(
                *(lambda p: (p, p + self.rng.randint(1, 3)))(self.rng.randint(1, 30)))
            if self.chance(0.05):
                cite["note"] = self.text(("The source gives the figure without a date.", "The wording differs slightly between editions.",
                                          "The passage is attributed to an unnamed official."), 40, 160, {})
            cites.append(cite)
        return cites

    # --- events -------------------------------------------------------------------------------

    def make_events(self) -> None:
        days = self.sorted_days(self.counts["events"])
        self.event_ids: list[str] = []
        self.event_days: list[int] = []
        self.event_participants: dict[str, list[str]] = {}
        for i, day in enumerate(days):
            kind = self.rng.choices(self.vocab["event_kinds"], self.kind_weights)[0] if self.vocab["event_kinds"] else "meeting"
            n_participants = {"call": 2, "address": 1, "strike": self.rng.randint(0, 1), "battlefield": 0, "evacuation": self.rng.randint(0, 1),
                              "summit": self.rng.randint(3, 8), "appointment": 1, "resignation": 1}.get(kind, self.rng.randint(2, 5))
            participants = self.pick_actors(n_participants)
            host_state = self.pick_states(1)[0]
            place = self.rng.choice(self.state_cities[host_state])
            names = {"a": self.name_of(participants[0]) if participants else self.name_of(host_state),
                     "b": self.name_of(participants[1]) if len(participants) > 1 else self.name_of(self.home),
                     "place": place, "topic": self.topic()}
            title = self.event_title(kind, names)
            event_id = self.unique_id("events", f"{iso(day)} {title}"[:70])
            rec: dict = {"id": event_id, "kind": kind, "title": title}
            month_only = self.chance(0.05)
            rec["date"] = iso(day)[:7] if month_only else iso(day)
            if month_only or self.chance(0.05):
                rec["date_approximate"] = True
            if month_only or self.chance(0.12):
                rec["date_note"] = self.fill("The source says \"{when}\" in an article of {d}; the date is worked out from that.", {
                    "when": self.rng.choice(("on Thursday", "last week", "earlier this month", "at the weekend")), "d": iso(day)})
            if kind in ("summit", "visit", "meeting") and not month_only and self.chance(0.2):
                rec["end_date"] = iso(day + timedelta(days=self.rng.randint(1, 3)))
            if day > AS_OF:
                status = "scheduled"
            elif kind == "strike":
                status = self.rng.choices(("held", "reported", "claimed"), (4, 3, 3))[0]
            else:
                status = self.rng.choices(("held", "reported", "postponed", "cancelled", "scheduled"), (75, 12, 6, 3, 4))[0]
            rec["status_history"] = self.event_status_history(day, status, month_only)
            fmt = {"call": "phone", "address": "virtual", "conversation": "unknown"}.get(kind) or self.rng.choices(
                ("in-person", "virtual", "hybrid", "unknown"), (70, 10, 10, 10))[0]
            if fmt in ("in-person", "hybrid") or kind in ("strike", "evacuation", "battlefield"):
                rec["location"] = {"place": place, "country": host_state}
            if kind not in ("strike", "battlefield", "evacuation"):
                rec["format"] = fmt
            if participants:
                rec["participants"] = []
                for j, actor in enumerate(participants):
                    p: dict = {"actor": actor}
                    if fmt == "hybrid":
                        p["mode"] = self.rng.choice(("in-person", "remote"))
                    elif fmt == "in-person" and self.chance(0.5):
                        p["mode"] = "in-person"
                    if j == 0 and kind in ("meeting", "summit") and self.chance(0.5):
                        p["role"] = self.rng.choice(("host", "chair", "host; co-chair"))
                    if self.chance(0.05):
                        p["note"] = self.fill("The source says {a} was expected to attend; it does not confirm attendance.", {"a": self.name_of(actor)})
                    rec["participants"].append(p)
            rec["topics"] = self.topics()
            names["topic"] = rec["topics"][0]
            bank = STRIKE_SENTENCES + EVENT_SENTENCES[10:14] if kind == "strike" else EVENT_SENTENCES
            rec["summary"] = self.text(bank, 200, 600, names)
            if self.chance(0.12):
                rec["figures"] = self.figures(day)
            if self.event_ids and self.chance(0.3):
                recent = self.event_ids[max(0, len(self.event_ids) - 60):]
                rec["related_events"] = self.rng.sample(recent, min(len(recent), self.rng.randint(1, 3)))
            rec["sources"] = self.citations(day, self.rng.choices((1, 2, 3), (5, 3, 1))[0])
            self.records["events"].append(rec)
            self.event_ids.append(event_id)
            self.event_days.append(day.toordinal())
            self.event_participants[event_id] = participants

    def event_title(self, kind: str, names: dict) -> str:
        templates = {
            "meeting": ("{a} and {b} meet in {place} on {topic}", "Talks in {place} on {topic}", "Security advisers meet in {place}"),
            "call": ("{a}–{b} phone call on {topic}", "{a} calls {b} about {topic}"),
            "summit": ("Leaders' summit in {place} on {topic}", "{a} hosts summit in {place}"),
            "visit": ("{a} visits {place}", "{a} travels to {place} for talks on {topic}"),
            "announcement": ("{a} announces plan on {topic}", "{a} sets out position on {topic}"),
            "strike": ("{weapon} attack on {place}", "Overnight {weapon} strike on {place}"),
            "appointment": ("{a} appointed to lead talks on {topic}", "{a} named special envoy"),
            "resignation": ("{a} resigns", "{a} steps down after criticism"),
            "evacuation": ("Evacuation ordered in {place} area",),
            "battlefield": ("Front-line changes near {place}",),
            "address": ("{a} address on {topic}", "{a} evening address"),
            "conversation": ("{a} and {b} talk about {topic}",),
        }.get(kind, ("{a} and {b}: {topic}",))
        title = self.fill(self.rng.choice(templates), names)
        return title[0].upper() + title[1:]

    def figures(self, day: date) -> list[dict]:
        figures = []
        for _ in range(self.rng.randint(1, 2)):
            fig: dict = {"label": self.rng.choice(("people evacuated", "drones launched", "drones shot down", "prisoners exchanged",
                                                    "square kilometres taken", "civilians injured", "homes without power")),
                         "value": self.rng.choice((3, 12, 27, 45, 90, 130, 310, 1200, 4500, 20000)), "unit": self.rng.choice(("people", "drones", "km2", "homes"))}
            if self.chance(0.5):
                fig["precision"] = self.rng.choice(("about", "more-than", "at-least", "up-to"))
            if self.chance(0.3):
                fig["period_start"] = iso(day - timedelta(days=self.rng.randint(1, 60)))
                fig["period_end"] = iso(day)
            figures.append(fig)
        return figures

    # --- commitments --------------------------------------------------------------------------

    def make_commitments(self) -> None:
        total = self.counts["commitments"]
        days = self.sorted_days(total)
        self.commitment_ids: list[str] = []
        self.commitment_days: list[int] = []
        packages: list[tuple[str, str]] = []  # (id, area)
        mechanisms = self.vocab["mechanisms"] or ["economic-package"]
        for day in days:
            # Packages (a layered guarantee design, an economic package, a peace plan) and their
            # parts; the first commitment is a security package, as in the talks themselves.
            is_package = not packages or self.chance(0.2)
            area = "security" if not packages else self.rng.choices(AREAS, [CALIBRATION["commitments"][a] for a in AREAS])[0]
            part_of = None
            if not is_package and self.chance(0.6):
                security = [p for p in packages[-20:] if p[1] == "security"]
                part_of, area = self.rng.choice(security) if security and self.chance(0.4) else self.rng.choice(packages[-20:])
            if is_package:
                wanted = {"security": "security-guarantee-package", "economic": "economic-package"}.get(area, "peace-agreement")
            else:
                wanted = {"security": self.rng.choice(("tripwire-guarantee", "european-led-force", "us-backstop", "sustained-military-support",
                                                       "ceasefire-enforcement", "deconfliction-mechanism", "ukrainian-armed-forces")),
                          "economic": self.rng.choice(("economic-package", "asset-transfer"))}.get(area, "peace-agreement")
            mechanism = wanted if wanted in mechanisms else self.rng.choice(mechanisms)
            offered_by = self.pick_actors(self.rng.choices((0, 1, 2, 3), (1, 5, 3, 1))[0], "offerer")
            offerer = self.name_of(offered_by[0]) if offered_by else "Partners"
            label = self.labels["mechanisms"].get(mechanism, mechanism.replace("-", " "))
            title = f"{label} for {self.name_of(self.home)}" + (f" offered by {offerer}" if offered_by else "")
            if self.chance(0.5):
                title = f"{title}: {self.phrase(self.topic())}"
            commitment_id = self.unique_id("commitments", title[:70])
            rec: dict = {"id": commitment_id, "title": title[:200], "area": area, "mechanism": mechanism}
            if part_of and area == "security" and self.chance(0.8):
                rec["layer"] = self.rng.randint(1, 3)
            if part_of:
                rec["part_of"] = part_of
            if offered_by:
                rec["offered_by"] = offered_by
            rec["offered_to"] = [self.home] + ([self.pick_states(1)[0]] if self.chance(0.1) and self.pick_states(1)[0] != self.home else [])
            rec["offered_to"] = list(dict.fromkeys(rec["offered_to"]))
            if area == "security" and self.vocab["domains"] and self.chance(0.5):
                rec["domains"] = self.rng.sample(self.vocab["domains"], self.rng.randint(1, len(self.vocab["domains"])))
            if area == "economic" and self.chance(0.7):
                years = self.rng.choice((3, 5, 10))
                rec["amount"] = {"value": self.rng.choice((5, 20, 50, 100, 200, 800)) * 10**9, "currency": self.rng.choice(("USD", "EUR")),
                                 "precision": self.rng.choice(("exact", "about", "up-to")), "period": f"over {years} years", "period_years": years}
            names = {"a": offerer, "b": self.name_of(self.home), "topic": self.topic()}
            rec["description"] = self.text(COMMITMENT_SENTENCES, 200, 600, names)
            if self.chance(0.5):
                rec["conditions"] = list(dict.fromkeys(self.fill(self.rng.choice(CONDITIONS), {}) for _ in range(self.rng.randint(1, 3))))
            if self.chance(0.5):
                rec["open_questions"] = [{"question": q, "sources": self.citations(day, 1)}
                                         for q in dict.fromkeys(self.fill(self.rng.choice(QUESTIONS), {}) for _ in range(self.rng.randint(1, 3)))]
            rec["status_history"] = self.status_history(day)
            rec["topics"] = list(dict.fromkeys(["security-guarantees" if area == "security" and "security-guarantees" in self.vocab["topics"] else self.topic(), *self.topics(0, 2)]))
            lo = bisect.bisect_left(self.event_days, day.toordinal() - 30)
            hi = bisect.bisect_right(self.event_days, day.toordinal())
            if hi > lo and self.chance(0.5):
                rec["related_events"] = self.rng.sample(self.event_ids[lo:hi], min(hi - lo, self.rng.randint(1, 3)))
            rec["sources"] = self.citations(day, self.rng.randint(1, 3))
            self.records["commitments"].append(rec)
            self.commitment_ids.append(commitment_id)
            self.commitment_days.append(day.toordinal())
            if is_package:
                packages.append((commitment_id, area))

    def event_status_history(self, day: date, status: str, month_only: bool) -> list[dict]:
        """An event announced some days ahead a third of the time, then held, called off ..."""
        history = []
        if status != "scheduled" and self.chance(0.3):
            announced = day - timedelta(days=self.rng.randint(1, 20))
            history.append({"status": "scheduled", "date": iso(announced), "sources": self.citations(announced, 1)})
        as_of = min(day + timedelta(days=self.rng.randint(0, 5)), LAST_DAY)
        history.append({"status": status, "date": iso(day)[:7] if month_only else iso(as_of), "sources": self.citations(as_of, 1)})
        return history

    def status_history(self, start: date) -> list[dict]:
        path = ["proposed", "discussed", "pledged", "agreed", "in-force", "fulfilled"]
        first = self.rng.randint(0, 2)
        length = self.rng.choices((1, 2, 3, 4, 5), (4, 3, 2, 1, 1))[0]
        statuses = path[first:first + length]
        if self.chance(0.08):
            statuses.append(self.rng.choice(("withdrawn", "broken")))
        history, day = [], start
        for status in statuses:
            entry: dict = {"status": status, "date": iso(day)}
            if self.chance(0.1):
                entry["date_approximate"] = True
                entry["date_note"] = "The announcement is undated; this is the date of the article that reports it."
            if self.chance(0.6):
                entry["note"] = self.text(PARAPHRASE_SENTENCES, 60, 250, {"a": self.name_of(self.pick_actors(1, "speaker")[0])})
            entry["sources"] = self.citations(day, 1)
            history.append(entry)
            day = min(day + timedelta(days=self.rng.randint(5, 120)), LAST_DAY)
        return history

    # --- statements ---------------------------------------------------------------------------

    def make_statements(self) -> None:
        days = self.sorted_days(self.counts["statements"])
        recent_claims: list[tuple[int, str, str]] = []  # (day, id, speaker)
        commitment_weights = [1.0 / (i + 1) ** 0.5 for i in range(len(self.commitment_ids))]
        for day in days:
            kind = self.rng.choices(("remark", "announcement", "claim", "denial"), (42, 20, 26, 12))[0]
            named = self.chance(0.88)
            speaker = self.pick_actors(1, "speaker")[0] if named else None
            affiliation = self.pick_states(1)[0] if not named and self.chance(0.8) else None
            denies: list[str] = []
            if kind == "denial":
                window = [c for c in recent_claims[-40:] if c[0] >= day.toordinal() - 90 and c[2] != (speaker or affiliation)]
                if window:
                    denies = [c[1] for c in self.rng.sample(window, 2 if len(window) > 1 and self.chance(0.1) else 1)]
                else:
                    kind = "remark"
            other = self.pick_actors(1, "speaker")[0]
            who = self.name_of(speaker) if speaker else self.name_of(affiliation) if affiliation else "the official"
            names = {"a": who, "b": self.name_of(other) if other != speaker else self.name_of(self.home), "topic": self.topic(),
                     "dem": self.demonyms.get(affiliation or self.home, "European"), "city": self.rng.choice(self.cities)}
            words = self.rng.sample(("talks", "guarantees", "ceasefire", "framework", "pressure", "deal", "troops", "aid", "drones",
                                     "territory", "summit", "envoy", "sanctions", "plan", "exchange"), 3)
            speaker_slug = (speaker or affiliation or "unnamed").split("-")[-1]
            statement_id = self.unique_id("statements", f"{iso(day)} {speaker_slug} {kind} {' '.join(words)}")
            rec: dict = {"id": statement_id, "kind": kind}
            if speaker:
                rec["speaker"] = speaker
            else:
                rec["speaker_unnamed"] = self.fill(self.rng.choice(UNNAMED), names)
                if affiliation:
                    rec["speaker_affiliation"] = affiliation
            if self.chance(0.2):
                rec["addressees"] = [a for a in self.pick_actors(self.rng.randint(1, 2), "speaker") if a != speaker] or [self.home]
            rec["date"] = iso(day)
            if self.chance(0.1):
                rec["date_approximate"] = True
                rec["date_note"] = f"Not stated in the source; {iso(day)} is the date of the article that reports it, the latest it can have been said."
            if self.chance(0.5):
                rec["setting"] = self.fill(self.rng.choice(SETTINGS), {**names, "pub": self.rng.choice(PUBLISHERS)})
            near = bisect.bisect_left(self.event_days, day.toordinal() - 3), bisect.bisect_right(self.event_days, day.toordinal() + 1)
            if near[1] > near[0] and self.chance(0.4):
                rec["event"] = self.event_ids[self.rng.randrange(*near)]
            before = bisect.bisect_left(self.event_days, day.toordinal() - 30), bisect.bisect_right(self.event_days, day.toordinal())
            if before[1] > before[0] and self.chance(0.15):
                about = self.rng.sample(self.event_ids[before[0]:before[1]], min(before[1] - before[0], self.rng.randint(1, 2)))
                rec["about_events"] = [e for e in about if e != rec.get("event")] or about
            known = bisect.bisect_right(self.commitment_days, day.toordinal())
            if known and self.chance(0.15):
                rec["about_commitments"] = self.weighted_sample(self.commitment_ids[:known], commitment_weights[:known], self.rng.randint(1, 2))
            if kind != "denial" and self.chance(0.65):
                rec["quote"] = self.text(QUOTE_SENTENCES, 50, 300, names)
            if "quote" not in rec or self.chance(0.4):
                rec["paraphrase"] = self.text(PARAPHRASE_SENTENCES, 100, 400, names)
            if denies:
                rec["denies"] = denies
            rec["topics"] = self.topics()
            if self.chance(0.05):
                rec["figures"] = self.figures(day)
            if self.vocab["issues"] and self.chance(0.3):
                rec["positions"] = self.positions()
            rec["sources"] = self.citations(day, self.rng.choices((1, 2), (4, 1))[0])
            self.records["statements"].append(rec)
            if kind == "claim":
                recent_claims.append((day.toordinal(), statement_id, speaker or affiliation))

    def positions(self) -> list[dict]:
        """One or two coded positions on distinct issues; a few of them inferred."""
        found = []
        for issue in self.rng.sample(self.vocab["issues"], min(len(self.vocab["issues"]), self.rng.choices((1, 2), (4, 1))[0])):
            stance = self.rng.choices(STANCES, [STANCE_WEIGHTS.get(s, 10) for s in STANCES])[0]
            label = self.labels["issues"].get(issue, issue).lower()
            position = {"issue": issue, "stance": stance, "summary": f"{stance.capitalize()} a course on {label}, as the source reports it."}
            if self.chance(0.1):
                position["inferred"] = True
                position["note"] = f"The source does not name {label}; the coding is the editors' reading of the context."
            found.append(position)
        return found

    # --- all ----------------------------------------------------------------------------------

    def build(self) -> dict[str, list[dict]]:
        self.make_actors()
        self.make_sources()
        self.write_actors()
        self.make_events()
        self.make_commitments()
        self.make_statements()
        return self.records


# --- YAML, written the way contributors write it ---------------------------------------------

_RESOLVER = Resolver()
_PLAIN_SAFE = re.compile(r"^[A-Za-z0-9][^\n]*$")
FOLDED_KEYS = {"summary", "description", "paraphrase", "quote", "notes", "note", "date_note", "published_note", "end_note",
               "start_note", "question"}


def _scalar(value) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    plain_ok = (
        _PLAIN_SAFE.match(text) and ": " not in text and " #" not in text and not text.endswith((":", " "))
        and not re.search(r"[\[\]{}\"`|>%@&*!]", text)
    )
    if plain_ok:
        tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))
        if tag == "tag:yaml.org,2002:str" or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
            return text
    return json.dumps(text, ensure_ascii=False)


def dump_record(kind: str, record: dict) -> str:
    lines = [f"# yaml-language-server: $schema=../../schemas/{kind[:-1]}.schema.json"]
    lines.extend(_mapping_lines(record, 0))
    return "\n".join(lines) + "\n"


def _mapping_lines(mapping: dict, indent: int, first_prefix: str | None = None) -> list[str]:
    lines: list[str] = []
    pad = " " * indent
    for i, (key, value) in enumerate(mapping.items()):
        lead = (first_prefix if (i == 0 and first_prefix is not None) else pad) + f"{key}:"
        if isinstance(value, dict):
            lines.append(lead)
            lines.extend(_mapping_lines(value, indent + 2))
        elif isinstance(value, list):
            lines.append(lead)
            for item in value:
                if isinstance(item, dict):
                    lines.extend(_mapping_lines(item, indent + 4, first_prefix=pad + "  - "))
                else:
                    lines.append(f"{pad}  - {_scalar(item)}")
        elif isinstance(value, str) and key in FOLDED_KEYS and len(value) > 90 - indent:
            lines.append(lead + " >-")
            for line in textwrap.wrap(value, width=96 - indent - 2, break_long_words=False, break_on_hyphens=False):
                lines.append(f"{pad}  {line}")
        else:
            lines.append(f"{lead} {_scalar(value)}")
    return lines


# --- files ---------------------------------------------------------------------------------

def load_vocabulary(path: Path = VOCABULARY) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def generate(n: int, seed: int = 1, vocabulary_path: Path = VOCABULARY) -> dict[str, list[dict]]:
    """The records of a synthetic dataset of n records, by kind (plain dicts, schema field order)."""
    return Synth(n, seed, load_vocabulary(vocabulary_path)).build()


def write_dataset(n: int, outdir: Path, seed: int = 1, vocabulary_path: Path = VOCABULARY) -> dict[str, list[dict]]:
    """Write a dataset to outdir (refusing data/ and folders this tool did not make); return the records."""
    outdir = Path(outdir).resolve()
    data = (ROOT / "data").resolve()
    if outdir == data or outdir.is_relative_to(data) or data.is_relative_to(outdir):
        raise SynthError(f"{outdir} is or contains the real data folder; write synthetic data elsewhere")
    if outdir.exists() and any(outdir.iterdir()) and not (outdir / MARKER).exists():
        raise SynthError(f"{outdir} is not empty and was not made by tools.synth; choose an empty or new folder")
    records = generate(n, seed, vocabulary_path)
    if outdir.exists():
        shutil.rmtree(outdir)
    outdir.mkdir(parents=True)
    (outdir / MARKER).write_text(f"python -m tools.synth {n} --seed {seed}\n")
    shutil.copyfile(vocabulary_path, outdir / "vocabulary.yml")
    for kind in KINDS:
        folder = outdir / kind
        folder.mkdir()
        for record in records[kind]:
            (folder / f"{record['id']}.yml").write_text(dump_record(kind, record), encoding="utf-8")
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.synth", description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, nargs="?", help=f"total number of records (at least {MIN_RECORDS})")
    parser.add_argument("outdir", type=Path, nargs="?", help="folder to write; must not be data/")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--calibration", action="store_true", help="print the proportions taken from data/ and stop")
    args = parser.parse_args(argv)
    if args.calibration:
        print("proportions from data/ (add-one smoothed): " + calibration_table(CALIBRATION))
        return 0
    if args.n is None or args.outdir is None:
        parser.error("N and OUTDIR are needed")
    try:
        records = write_dataset(args.n, args.outdir, args.seed)
    except SynthError as err:
        parser.error(str(err))
    summary = ", ".join(f"{len(records[k])} {k}" for k in KINDS)
    print(f"wrote {args.n} records to {args.outdir}: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
