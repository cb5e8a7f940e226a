"""`.github/CODEOWNERS` from the OPD records: each OPD's team reviews its own folder, the admin team everything."""

from __future__ import annotations

from .config import SiteConfig
from .locale import Locale
from .model import Opd

CODEOWNERS_FILE = ".github/CODEOWNERS"


def codeowners_text(config: SiteConfig, opds: tuple[Opd, ...], locale: Locale) -> str:
    """The whole file; later lines win in CODEOWNERS, so the catch-all rule comes first."""
    header = locale.ui["codeowners_kepala"].format(command="python build.py generate")
    lines = ["# " + line if line else "#" for line in header.splitlines()]
    admin = config.github_admin_team
    if not admin and not any(opd.github_team for opd in opds):
        lines += ["#", "# " + locale.ui["codeowners_belum_ada_tim"]]
    if admin:
        lines += ["", f"* {admin}"]
    teams = [(opd.slug, opd.github_team) for opd in sorted(opds, key=lambda o: o.slug) if opd.github_team]
    if teams:
        lines.append("")
    for slug, team in teams:
        # The admin team stays a co-owner, so Bapperida can still approve when an OPD team cannot.
        owners = " ".join(dict.fromkeys(owner for owner in (team, admin) if owner))
        lines.append(f"/content/inovasi/{slug}/ {owners}")
    return "\n".join(lines) + "\n"
