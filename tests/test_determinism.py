"""The same content builds byte-identical files, so a rebuild changes only what the content changed."""

from conftest import run_cli

# Pagefind writes its filter and metadata files in a varying order; its index is checked by the search tests.
NOT_COMPARED = ("pagefind/",)


def published_files(output) -> dict[str, bytes]:
    return {
        path.relative_to(output).as_posix(): path.read_bytes()
        for path in sorted(output.rglob("*"))
        if path.is_file() and not path.relative_to(output).as_posix().startswith(NOT_COMPARED)
    }


def test_two_cold_builds_of_the_same_site_are_byte_identical(site):
    # Two copies in different folders, each with an empty cache, built in separate processes (so with
    # different string-hash seeds): nothing may depend on the folder, the cache, set order or the clock.
    first, second = site(), site()
    for root in (first, second):
        result = run_cli("build", "--root", str(root))
        assert result.returncode == 0, result.output
    one, two = published_files(first / "public"), published_files(second / "public")
    assert sorted(one) == sorted(two), set(one) ^ set(two)
    differing = sorted(name for name in one if one[name] != two[name])
    assert differing == [], f"{len(differing)} files differ between identical builds, e.g. {differing[:5]}"
    assert any(name.endswith("kartu.png") for name in one) and "data/inovasi.csv" in one
