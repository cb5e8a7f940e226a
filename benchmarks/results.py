"""Benchmark runs -> summaries (median, min, max), targets met or not, and the JSON and Markdown reports."""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass
from pathlib import Path

SEARCH_STAGE = "indeks cari"  # the build's Pagefind stage (stage names are printed by the CLI)
SCENARIOS = {
    "cold": "full build, cache folder and output deleted first",
    "nothing-changed": "build again right after, nothing changed",
    "edit-entry": "build after appending a sentence to one entry",
    "edit-template": "build after adding a comment to layouts/innovation.html",
    "preview-edit": "`build.py serve` running: a sentence appended to one entry, until the served page shows it",
    "check": "`build.py check` alone",
    "pagefind": "Pagefind alone, over a copy of the built site, as one index (the reference)",
}
# Not held to the memory target: one Pagefind index over the whole site is the reference the targets
# were set against (about 0.3 MB per page); builds index one shard per year above search_split_above.
REFERENCE = ("pagefind",)


@dataclass(frozen=True)
class Target:
    label: str
    scenario: str  # "" for every scenario
    metric: str  # "seconds", "without_search_s", "page_s" or "peak_mb"
    limit: float
    unit: str


TARGETS_10K = (
    Target("cold build without the search index", "cold", "without_search_s", 20, "s"),
    Target("nothing changed", "nothing-changed", "seconds", 3, "s"),
    Target("one entry edited, until the preview serves its updated page", "preview-edit", "seconds", 1, "s"),
    Target("check", "check", "seconds", 5, "s"),
    Target("peak memory of the builds, check and preview", "", "peak_mb", 1000, "MB"),
)
TARGETS_100K = (
    Target("cold build with the search index", "cold", "seconds", 900, "s"),
    Target("peak memory of the builds, check and preview", "", "peak_mb", 12000, "MB"),
)


def targets_for(entries: int) -> tuple[tuple[Target, ...], str]:
    """The targets that apply at this size: 10,000 entries' up to that size, 100,000 entries' above it."""
    if entries <= 10_000:
        return TARGETS_10K, "10,000"
    return TARGETS_100K, "100,000"


def spread(values: list[float], digits: int = 2) -> dict | None:
    values = [v for v in values if v is not None]
    if not values:
        return None
    return {"median": round(statistics.median(values), digits), "min": round(min(values), digits), "max": round(max(values), digits)}


def summarise(runs: list[dict]) -> dict:
    """Median, min and max of each measured value over a scenario's runs; per-stage times by stage name."""
    summary = {"runs": len(runs)}
    for key in ("seconds", "without_search_s", "page_s", "peak_mb"):
        if any(run.get(key) is not None for run in runs):
            summary[key] = spread([run.get(key) for run in runs], 0 if key == "peak_mb" else 2)
    names = list(dict.fromkeys(name for run in runs for name in run.get("stages", {})))
    if names:
        summary["stages"] = {name: spread([run["stages"].get(name) for run in runs]) for name in names}
    summary["each_run"] = runs
    return summary


def judge(scenarios: dict, entries: int) -> list[dict]:
    """Each target that applies, with the measured median (or peak) and whether it is met."""
    targets, scale = targets_for(entries)
    verdicts = []
    for target in targets:
        if target.metric == "peak_mb":
            peaks = [s["peak_mb"]["max"] for name, s in scenarios.items() if "peak_mb" in s and name not in REFERENCE]
            value = max(peaks) if peaks else None
        else:
            measured = scenarios.get(target.scenario, {}).get(target.metric)
            value = measured["median"] if measured else None
        verdicts.append({
            "target": target.label, "scenario": target.scenario or "all", "metric": target.metric,
            "limit": target.limit, "unit": target.unit, "set_for_entries": scale, "value": value,
            "met": None if value is None else value <= target.limit,
        })
    return verdicts


def times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


def entries(n: int) -> str:
    return "1 entry" if n == 1 else f"{n:,} entries"


def mark(met: bool | None) -> str:
    return "?" if met is None else "✓" if met else "✗"


def markdown(record: dict) -> str:
    """The report: machine, corpus, a table of scenarios against targets, and where a build's time goes."""
    machine, corpus = record["machine"], record["corpus"]
    verdicts = {(v["scenario"], v["metric"]): v for v in record["targets"]}
    lines = [
        f"# Benchmark: {record['entries']:,} entries",
        "",
        f"{record['date']}, commit `{machine['commit']}`; {machine['cpus']} CPUs ({machine['cpu_model']}), "
        f"{machine['memory_gb']} GB RAM, load average {machine['load_before']} before and {machine['load_after']} after; "
        f"Python {machine['python']}, Pagefind {machine['pagefind']}. Each scenario ran {times(record['repeat'])}, "
        f"each time as a fresh `build.py` (or Pagefind) process.",
        "",
        f"Corpus: seed {corpus['seed']}, {corpus['published']:,} published entries of {corpus['body_words']['min']}–"
        f"{corpus['body_words']['max']} words (mean {corpus['body_words']['mean']}), {corpus['distinct_words']:,} distinct words"
        + (f", generated in {corpus['generate_s']} s" if corpus.get("generate_s") is not None else "")
        + ". Search benchmark words: "
        + ", ".join(f"{q['kind']} `{q['word']}` (in {entries(q['entries'])})" for q in corpus["queries"]) + ".",
        "",
        "| Scenario | What | Median (s) | Min (s) | Max (s) | Peak memory (MB) | Target | Met |",
        "|---|---|--:|--:|--:|--:|---|:-:|",
    ]

    def row(name: str, what: str, values: dict | None, peak: str, scenario: str, metric: str) -> str:
        verdict = verdicts.get((scenario, metric))
        target = f"≤ {verdict['limit']:,} {verdict['unit']}" if verdict else ""
        cells = [f"{values[k]:.2f}" for k in ("median", "min", "max")] if values else ["", "", ""]
        return f"| {name} | {what} | {' | '.join(cells)} | {peak} | {target} | {mark(verdict['met']) if verdict else ''} |"

    for name, summary in record["scenarios"].items():
        peak = f"{summary['peak_mb']['max']:,.0f}" if "peak_mb" in summary else ""
        lines.append(row(name, SCENARIOS[name], summary.get("seconds"), peak, name, "seconds"))
        if (name, "without_search_s") in verdicts:  # the JSON has it for every build
            lines.append(row(f"{name}, without search index", f"the same builds less their `{SEARCH_STAGE}` stage",
                             summary["without_search_s"], "", name, "without_search_s"))
        if "page_s" in summary:
            lines.append(row(f"{name}, page updated", "from the edit until the entry's page on disk has the new sentence",
                             summary["page_s"], "", name, "page_s"))
    memory = verdicts.get(("all", "peak_mb"))
    if memory:
        value = f"{memory['value']:,.0f}" if memory["value"] is not None else ""
        lines.append(f"| peak memory | largest of the builds, check and preview (the one-index reference aside) | | | | {value} "
                     f"| ≤ {memory['limit']:,} MB | {mark(memory['met'])} |")
    lines += [
        "",
        f"Targets are those set for {record['targets'][0]['set_for_entries']} entries on a 2-core machine"
        + (" (a smaller catalogue must meet them too, so at this size they are only a sanity check)"
           if record["entries"] < 10_000 else "")
        + ". Peak memory is the larger of the biggest single process (`ru_maxrss`) and the sampled sum over the "
        "process tree (PSS, every 0.1 s), in 10^6 bytes.",
    ]
    staged = {name: s["stages"] for name, s in record["scenarios"].items() if "stages" in s}
    if staged:
        names = list(dict.fromkeys(stage for stages in staged.values() for stage in stages))
        lines += ["", "Where a build's time goes (median seconds per stage, as the build prints them):", "",
                  "| Stage | " + " | ".join(staged) + " |", "|---|" + "--:|" * len(staged)]
        for stage in names:
            cells = [f"{stages[stage]['median']:.2f}" if stages.get(stage) else "" for stages in staged.values()]
            lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def write(record: dict, folder: Path) -> tuple[Path, Path]:
    """bench-<N>.json and bench-<N>.md in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"bench-{record['entries']}"
    json_path, md_path = stem.with_suffix(".json"), stem.with_suffix(".md")
    json_path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    md_path.write_text(markdown(record), encoding="utf-8")
    return json_path, md_path
