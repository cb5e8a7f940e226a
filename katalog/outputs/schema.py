"""/schema/inovasi.json and /schema/opd.json: the content contract, published as open data."""

from __future__ import annotations

import copy
import json

from ..config import SiteConfig
from ..schemas import load_schema


def schema_files(config: SiteConfig) -> list[tuple[str, bytes]]:
    """The schemas with this site's urusan list filled in, so others can validate offline."""
    inovasi = copy.deepcopy(load_schema("inovasi"))
    inovasi["$id"] = f"{config.base_url}schema/inovasi.json"
    inovasi["properties"]["urusan"]["items"]["enum"] = list(config.urusan)
    opd = copy.deepcopy(load_schema("opd"))
    opd["$id"] = f"{config.base_url}schema/opd.json"
    return [
        (f"schema/{name}.json", (json.dumps(schema, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
        for name, schema in (("inovasi", inovasi), ("opd", opd))
    ]
