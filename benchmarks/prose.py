"""Seeded Indonesian prose for the benchmark corpus: Zipf-weighted vocabulary filled into sentence templates."""

from __future__ import annotations

import random
import re
import string
from bisect import bisect
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
VOCABULARY = Path(__file__).with_name("vocabulary.yaml")
SECTIONS = ("Latar Belakang", "Rancang Bangun", "Tujuan", "Manfaat", "Hasil")
MARKUP_TOKENS = frozenset({"|", "-", "*", "+", ">", "#", "—", "–", "|---|", "---", "***"})  # as katalog/validate.py
VOWELS = frozenset("aeiou")
ZIPF_EXPONENT = 1.05
DEMO_SHARE = 0.18  # sentences taken from the demo entries, for their wider vocabulary


class Pool:
    """Items sampled with Zipf-like weights by rank (their order, or a seeded shuffle): a few common, most rare."""

    def __init__(self, items, rng: random.Random | None = None, exponent: float = ZIPF_EXPONENT) -> None:
        self.items = list(dict.fromkeys(items))  # vocabulary.yaml lists the commonest first
        if rng:
            rng.shuffle(self.items)
        self.cumulative = list(accumulate(1 / (rank + 1) ** exponent for rank in range(len(self.items))))

    def pick(self, rng: random.Random):
        return self.items[bisect(self.cumulative, rng.random() * self.cumulative[-1])]


def _prefix(root: str, nasal: bool) -> str:
    """meN- (nasal) or peN- before `root`, with Indonesian nasal assimilation (periksa -> memeriksa, pemeriksa)."""
    me = "me" if nasal else "pe"
    first, second = root[0], root[1:2]
    if root.startswith("per") and root[3] not in VOWELS:  # per- verbs: perbaiki -> memperbaiki
        return (me + "m" if nasal else "pe") + root
    if sum(1 for a, b in zip(" " + root, root) if b in VOWELS and a not in VOWELS) == 1:
        return me + "nge" + root  # one syllable: cek -> mengecek
    if first in VOWELS or first in "gh":
        return me + "ng" + root
    if first in "bfv":
        return me + "m" + root
    if first in "dcjz":
        return me + "n" + root
    dropped = second in VOWELS  # p, t, k, s melt into the nasal before a vowel, not before a consonant
    if first == "p":
        return me + "m" + (root[1:] if dropped else root)
    if first == "t":
        return me + "n" + (root[1:] if dropped else root)
    if first == "k":
        return me + "ng" + (root[1:] if dropped else root)
    if first == "s":
        return me + ("ny" + root[1:] if dropped else "n" + root)
    return me + root


@dataclass(frozen=True)
class Verb:
    """The forms of one verb root the templates use."""

    active: str  # memeriksa
    passive: str  # diperiksa
    noun: str  # pemeriksaan
    state: str  # terperiksa


def verb(entry: str) -> Verb:
    """A Verb from a vocabulary entry such as "salur+kan" or "layan+i|pelayanan"."""
    stem, _, noun = entry.partition("|")
    root, _, suffix = stem.partition("+")
    full = root + suffix
    return Verb(_prefix(root, True) + suffix, "di" + full, noun or _prefix(root, False) + "an", "ter" + full)


@dataclass(frozen=True)
class Topic:
    """A field of work: its urusan, SDGs, tags and word pools."""

    name: str
    urusan: tuple[str, ...]
    sdgs: tuple[int, ...]
    tags: tuple[str, ...]
    pools: dict  # slot -> Pool


class Vocabulary:
    """Every word list of vocabulary.yaml as Zipf pools, plus the demo entries' sentences and Bontang's places."""

    def __init__(self, seed: int, kelurahan: list[str]) -> None:
        data = yaml.load(VOCABULARY.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        self.function_words = frozenset(data["function_words"])
        self.verbs = Pool([verb(entry) for entry in data["verbs"]])
        self.adjectives = Pool([tuple(entry.split("|")) for entry in data["adjectives"]])
        names = ("people", "partners", "tools", "problems", "facilities", "regulations", "funds", "awards", "levels",
                 "periods", "details", "title_heads", "title_modifiers", "tags_general", "summaries", "steps", "alts")
        self.pools = {name: Pool(data[name]) for name in names}
        rng = random.Random(f"{seed}/vocabulary")  # which places and demo sentences are common varies with the seed
        self.kelurahan = Pool(kelurahan, rng)
        self.places = Pool([f"Kelurahan {name}" for name in kelurahan] + data["streets"] + data["landmarks"]
                           + [f"Posyandu {name}" for name in data["flowers"]], rng)
        self.months = tuple(data["months"])
        self.sections = {name: [_compile(text) for text in data["sections"][name]] for name in SECTIONS}
        self.summaries = [_compile(text) for text in data["summaries"]]
        self.steps = [_compile(text) for text in data["steps"]]
        self.alts = [_compile(text) for text in data["alts"]]
        self.topics = {
            name: Topic(name, tuple(spec["urusan"]), tuple(spec["sdgs"]), tuple(spec["tags"]),
                        {slot: Pool(spec[slot]) for slot in ("people", "objects", "facilities", "title_words", "problems")})
            for name, spec in data["topics"].items()
        }
        self.topic_opds = {name: tuple(spec["opd"]) for name, spec in data["topics"].items()}
        self.demo = Pool(demo_sentences(), rng)
        # every real word the text can hold (not the acronyms coined per entry)
        texts = [re.sub(r"\{\w+\}", " ", text) for text in _strings(data)] + self.demo.items + list(kelurahan)
        texts += [f"{v.active} {v.passive} {v.noun} {v.state}" for v in self.verbs.items]
        self.words = frozenset(word for text in texts for word in re.findall(r"[a-z]+", text.lower()))


def _strings(value) -> list[str]:
    """Every string value in parsed YAML (keys left out)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def demo_sentences() -> list[str]:
    """Plain sentences of the demo entries, without the names of particular innovations (all-caps words)."""
    sentences = []
    for path in sorted((REPO / "content" / "inovasi").glob("*/*.md")):
        body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
        for line in body.split("\n"):
            if line and not line.startswith(("#", "|", "-")) and not re.match(r"\d+\.", line):
                sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+", line)
                              if len(s.split()) >= 6 and not re.search(r"\b[A-Z]{4,}", s)]
    return sentences


def _compile(template: str) -> tuple:
    """A template as (literal, slot) pairs; slot is None after the last literal."""
    return tuple((literal, field) for literal, field, _, _ in string.Formatter().parse(template))


def count_words(text: str) -> int:
    """Words as katalog's validation counts them: whitespace tokens that are not Markdown punctuation."""
    tokens = text.split()
    return len(tokens) - sum(map(MARKUP_TOKENS.__contains__, tokens))


def rupiah(amount: int) -> str:
    return f"Rp {amount:,}".replace(",", ".")


def _picker(pool: Pool, rnd):
    """A fast no-argument pick() bound to one entry's random source."""
    items, cumulative = pool.items, pool.cumulative
    total = cumulative[-1]
    return lambda: items[bisect(cumulative, rnd() * total)]


def _either(first, second, share: float, rnd):
    return lambda: first() if rnd() < share else second()


class Writer:
    """Text of one entry: its own seeded choices, its topic's words, and a few theme words it keeps coming back to."""

    def __init__(self, vocabulary: Vocabulary, rng: random.Random, topic: Topic, name: str, agency: str, year: int) -> None:
        self.v, self.rng, self.topic, self.name, self.year = vocabulary, rng, topic, name, year
        rnd = rng.random
        self.theme_objects = [topic.pools["objects"].pick(rng) for _ in range(rng.randint(2, 5))]
        self.theme_people = [topic.pools["people"].pick(rng) for _ in range(rng.randint(1, 3))]
        others = [t for t in vocabulary.topics.values() if t is not topic]
        self.other = others[rng.randrange(len(others))]  # the neighbouring field an entry sometimes touches
        self.unused: dict[str, list[int]] = {}
        own, other, general = topic.pools, self.other.pools, vocabulary.pools
        theme_objects, theme_people = self.theme_objects, self.theme_people
        verbs, adjectives = _picker(vocabulary.verbs, rnd), _picker(vocabulary.adjectives, rnd)
        months = vocabulary.months

        def integer(low: int, high: int):
            return lambda: str(low + int(rnd() * (high - low + 1)))

        def pick(items):
            return items[int(rnd() * len(items))]

        self.fill = {
            "name": lambda: name if rnd() < 0.75 else pick(("inovasi ini", "layanan ini", "program ini")),
            "agency": lambda: agency,
            # an entry keeps coming back to its own theme, then its topic, rarely a neighbouring one or anything
            "people": _either(lambda: pick(theme_people), _either(_picker(own["people"], rnd), _either(
                _picker(other["people"], rnd), _picker(general["people"], rnd), 0.4, rnd), 0.75, rnd), 0.45, rnd),
            "object": _either(lambda: pick(theme_objects), _either(
                _picker(own["objects"], rnd), _picker(other["objects"], rnd), 0.75, rnd), 0.6, rnd),
            "facility": _either(_picker(own["facilities"], rnd), _picker(general["facilities"], rnd), 0.6, rnd),
            "problem": _either(_picker(own["problems"], rnd), _picker(general["problems"], rnd), 0.5, rnd),
            "verb": lambda: verbs().active, "passive": lambda: verbs().passive,
            "action": lambda: verbs().noun, "state": lambda: verbs().state,
            "adj": lambda: adjectives()[0], "quality": lambda: adjectives()[1],
            "place": _picker(vocabulary.places, rnd), "kelurahan": _picker(vocabulary.kelurahan, rnd),
            "count": lambda: f"{int(10 ** (1 + 2.8 * rnd())):,}".replace(",", "."),
            "small": integer(2, 12), "hours": integer(1, 48), "number": integer(1, 60),
            "percent": lambda: f"{5 + int(rnd() * 92)} persen" if rnd() < 0.7 else f"{5 + int(rnd() * 92)},{1 + int(rnd() * 9)} persen",
            "money": self._money,
            "date": lambda: f"{1 + int(rnd() * 28)} {pick(months)} {min(year + (rnd() < 0.5), 2026)}",
            "month": lambda: pick(months), "year": lambda: str(year),
            "prevyear": lambda: str(year - 1), "nextyear": lambda: str(year + 1),
        }
        for slot, pool in (("partner", "partners"), ("tool", "tools"), ("period", "periods"), ("regulation", "regulations"),
                           ("fund", "funds"), ("award", "awards"), ("level", "levels"), ("detail", "details")):
            self.fill[slot] = _picker(general[pool], rnd)

    def _money(self) -> str:
        millions = int(10 ** self.rng.uniform(1, 3.5))
        if self.rng.random() < 0.5:
            return rupiah(millions * 1_000_000)
        return f"Rp {millions / 1000:.1f} miliar".replace(".", ",") if millions >= 1000 else f"Rp {millions} juta"

    def render(self, template: tuple) -> str:
        fill = self.fill
        text = "".join([literal + fill[slot]() if slot else literal for literal, slot in template])
        return text[0].upper() + text[1:]

    def sentence(self, section: str) -> str:
        if self.rng.random() < DEMO_SHARE:
            return self.v.demo.pick(self.rng)
        templates = self.v.sections[section]
        if not self.unused.get(section):  # every template once before any is used again
            self.unused[section] = list(range(len(templates)))
            self.rng.shuffle(self.unused[section])
        return self.render(templates[self.unused[section].pop()])

    def paragraphs(self, section: str, words: int) -> list[str]:
        """Paragraphs of 2-5 sentences until the section has at least `words` words."""
        paragraphs, current, count, size = [], [], 0, self.rng.randint(2, 5)
        while count < words:
            sentence = self.sentence(section)
            current.append(sentence)
            count += sentence.count(" ") + 1
            if len(current) >= size:
                paragraphs.append(" ".join(current))
                current, size = [], self.rng.randint(2, 5)
        if current:
            paragraphs.append(" ".join(current))
        return paragraphs

    def section(self, section: str, words: int) -> str:
        """One section's Markdown: paragraphs, and in some entries a list of steps or a table of results."""
        roll, extra = self.rng.random(), ""
        if section == "Rancang Bangun" and roll < 0.55:
            steps = [self.render(self.rng.choice(self.v.steps)) for _ in range(self.rng.randint(3, 6))]
            extra = "Langkah-langkahnya sebagai berikut:\n\n" + "\n".join(
                f"{i}. {s}" if roll < 0.35 else f"- {s}" for i, s in enumerate(steps, 1))
        elif section == "Hasil" and roll < 0.1:
            fill = self.fill
            rows = [f"| {fill['kelurahan']()} | {fill['count']()} | {fill['percent']()} |" for _ in range(self.rng.randint(2, 5))]
            extra = "| Wilayah | Jumlah | Capaian |\n|---|---|---|\n" + "\n".join(rows)
        blocks = self.paragraphs(section, words - count_words(extra))
        if extra:
            blocks.insert(self.rng.randint(1, len(blocks)), extra)
        return "\n\n".join(blocks)

    def summary(self) -> str:
        """A ringkasan of 30-200 characters."""
        for _ in range(20):
            text = self.render(self.rng.choice(self.v.summaries))
            if 30 <= len(text) <= 200:
                return text
        return f"Layanan {self.theme_objects[0]} yang lebih mudah bagi warga."

    def alt(self) -> str:
        return self.render(self.rng.choice(self.v.alts))
