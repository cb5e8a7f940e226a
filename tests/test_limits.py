"""Resource limits: hostile files are refused in words, or rendered within bounded time and memory (issue 10).

Each build runs the real CLI in a subprocess with a memory cap (RLIMIT_AS) and a timeout: a blow-up
shows as a failed test (killed, out of memory or timed out), not as a slow suite. No timing is asserted.
"""

from __future__ import annotations

import json
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO, SITES

MEMORY_CAP = 1536 * 1024 * 1024  # bytes of address space for build.py and Pagefind
TIMEOUT = 300  # seconds; generous for a loaded 2-core machine, far below what the blow-ups took
ENTRY = (SITES / "mini/content/inovasi/dinas-contoh/antrean-daring-puskesmas.md").read_text(encoding="utf-8")
FRONT, BODY = ENTRY.split("\n---\n", 1)[0] + "\n---\n", ENTRY.split("\n---\n", 1)[1]


def run_bounded(*args: str) -> subprocess.CompletedProcess:
    """build.py in a fresh process under the memory cap; fails the test if it does not finish in time."""

    def cap_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    try:
        return subprocess.run(
            [sys.executable, str(REPO / "build.py"), *args], capture_output=True, text=True,
            timeout=TIMEOUT, preexec_fn=cap_memory,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"build.py {' '.join(args)} did not finish within {TIMEOUT} s")


def with_body(extra: str) -> str:
    """The mini site's entry with `extra` Markdown added to its Manfaat section."""
    return FRONT + BODY.replace("## Manfaat\n", f"## Manfaat\n\n{extra}\n", 1)


def with_front(field: str) -> str:
    """The entry with one more front matter line."""
    return FRONT.replace("\n---\n", f"\n{field}\n---\n", 1) + BODY


def billion_laughs() -> str:
    lines = ['a0: &a0 ["ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha"]']
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    return "\n".join(lines)


def nested_list(depth: int) -> str:
    return "\n".join("    " * level + "- butir" for level in range(depth))


# file name -> (content, the problem code that must refuse it)
REFUSED = {
    "berkas-besar.md": (with_body("kata " * 230_000), "berkas-terlalu-besar"),
    "bom-alias.md": (with_front(billion_laughs()), "yaml-alias"),
    "yaml-alir-10000.md": (with_front("kontak: " + "[" * 10_000 + "]" * 10_000), "yaml-terlalu-dalam"),
    "yaml-peta-10000.md": (with_front("kontak: " + "{a: " * 10_000 + "1" + "}" * 10_000), "yaml-terlalu-dalam"),
    "yaml-blok-10000.md": (with_front("tag:\n  " + "- " * 10_000 + "x"), "yaml-terlalu-dalam"),
    "yaml-blok-200000.md": (with_front("tag:\n  " + "- " * 200_000 + "x"), "yaml-terlalu-dalam"),
    "kutipan-50000.md": (with_body(">" * 50_000 + " kutipan"), "isi-terlalu-bertingkat"),
    "daftar-500.md": (with_body(nested_list(500)), "isi-terlalu-bertingkat"),
    "daftar-sebaris.md": (with_body("- " * 10_000 + "butir"), "isi-terlalu-bertingkat"),
    "kurung-100000.md": (with_body("[" * 100_000), "isi-kurung-bertumpuk"),
    "gambar-kurung.md": (with_body("![" * 50_000), "isi-kurung-bertumpuk"),
    "tautan-bertumpuk.md": (with_body("[" * 20_000 + "x" + "](y)" * 20_000), "isi-kurung-bertumpuk"),
    "tangga-penekanan.md": (with_body("*a " * 50_000 + "b" + " a*" * 50_000), "isi-penekanan-bertumpuk"),
    "garis-bawah.md": (with_body("_" * 100_000 + "x" + "_" * 100_000), "isi-penekanan-bertumpuk"),
    "penekanan-campur.md": (with_body("*_" * 100_000), "isi-penekanan-berlebihan"),
    "html-bertumpuk.md": (with_body("<div>" * 50_000), "isi-html-berlebihan"),
    "tag-berantai.md": (with_body("<a" * 16_000), "isi-html-berlebihan"),
    "autolink-berantai.md": (with_body("<http://" * 5_000), "isi-html-berlebihan"),
    "judul-20000.md": (with_body("#\n" * 20_000), "isi-judul-berlebihan"),
    "garis-16000.md": (with_body("-\n" * 16_000), "isi-judul-berlebihan"),
}


def test_hostile_files_are_refused_with_a_clear_message(site):
    files = {f"content/inovasi/dinas-contoh/{name}": content for name, (content, _) in REFUSED.items()}
    files["content/opd/opd-dalam.yaml"] = "nama: " + "[" * 100_000 + "]" * 100_000 + "\nsingkatan: X\njenis: dinas\n"
    root = site(files)
    result = run_bounded("build", "--format", "json", "--root", str(root))
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    problems = json.loads(result.stdout)
    codes: dict[str, set[str]] = {}
    for problem in problems:
        codes.setdefault(problem["file"], set()).add(problem["code"])
    for name, (_, code) in REFUSED.items():
        assert code in codes.get(f"content/inovasi/dinas-contoh/{name}", set()), (name, codes.get(f"content/inovasi/dinas-contoh/{name}"))
    assert "yaml-terlalu-dalam" in codes["content/opd/opd-dalam.yaml"]
    # Every message is worded for a person, in Indonesian, with a suggestion; one per kind of excess.
    for problem in problems:
        assert problem["message"] and problem["suggestion"], problem
    per_file = [p for p in problems if p["file"].endswith("/kurung-100000.md")]
    assert len(per_file) <= 3, per_file
    assert not (root / "public").exists()


def within_limits() -> dict[str, str]:
    """Worst shapes the limits still allow, each over 100 KB."""
    paragraph = "Warga menghemat waktu dan biaya karena layanan ini. " * 40
    table = "| No | Kegiatan | Anggaran | Keterangan |\n|---|---|---|---|\n" + "".join(
        f"| {n} | Kegiatan {n} | Rp {n * 1000} | {'**selesai**' if n % 10 == 0 else 'selesai'} |\n" for n in range(1, 2501)
    )
    nested = ("> " * 8 + "- " * 8 + "butir bertingkat\n\n") * 3000
    brackets = "[" * 6 + "teks biasa tanpa penutup " * 8000
    emphasis = ("*a " * 10 + "b" + " a*" * 10 + "\n\n") * 240
    html_tags = "<div>" * 95 + "<a" + " kata" * 30_000  # each < rescans its paragraph
    headings = "".join(f"### Rincian {n % 7}\n\n" for n in range(190))  # repeated titles: numbered anchors
    backslashes = "\\" * 150_000
    long_line = "kata" * 40_000
    return {
        "tabel-besar.md": with_body(table),
        "bertingkat-16.md": with_body(nested),
        "kurung-6.md": with_body(brackets),
        "penekanan-10.md": with_body(emphasis),
        "html-95.md": with_body(html_tags),
        "judul-190.md": with_body(headings),
        "garis-miring.md": with_body(backslashes + "\n\n" + long_line + "\n\n" + paragraph),
    }


def test_the_worst_shapes_within_the_limits_render_within_bounded_time_and_memory(site):
    files = within_limits()
    root = site({f"content/inovasi/dinas-contoh/{name}": content for name, content in files.items()})
    result = run_bounded("build", "--root", str(root))
    assert result.returncode == 0, result.stderr[-2000:]
    table = (root / "public/inovasi/tabel-besar/index.html").read_text(encoding="utf-8")
    rows = files["tabel-besar.md"].count("\n| ")  # header and data rows, counted from the source
    assert table.count("<tr>") == rows
    nested = (root / "public/inovasi/bertingkat-16/index.html").read_text(encoding="utf-8")
    assert nested.count("<blockquote>") >= 8


def test_complexity_limits_are_documented_for_contributors():
    contributing = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    from katalog import complexity

    limits = [complexity.MAX_NESTING, complexity.MAX_BRACKET_DEPTH, complexity.MAX_EMPHASIS_DEPTH,
              complexity.MAX_EMPHASIS_MARKS, complexity.MAX_HTML_TAGS, complexity.MAX_HEADINGS]
    section = contributing.split("#### Batas isi tulisan", 1)[1].split("\n## ", 1)[0]
    for limit in limits:
        assert re.search(rf"\b{limit}\b", section), f"CONTRIBUTING.md does not state the limit {limit}"
    for code in ("isi-terlalu-bertingkat", "isi-kurung-bertumpuk", "isi-penekanan-bertumpuk", "isi-penekanan-berlebihan",
                 "isi-html-berlebihan", "isi-judul-berlebihan"):
        assert f"`{code}`" in section, code
