"""The validated catalogue: immutable records handed from validation to rendering."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from anyascii import anyascii

from .content import SourceDocument


def slugify(text: object, fallback: str = "") -> str:
    """URL-safe lowercase ASCII words joined by hyphens ("Uji Coba" -> "uji-coba"); `fallback` if none are left."""
    # anyascii transliterates what NFKD cannot split into ASCII (ß, ø, Ł, non-Latin scripts) instead of dropping it.
    ascii_text = anyascii(unicodedata.normalize("NFC", str(text)))
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower())) or fallback


@dataclass(frozen=True)
class Opd:
    """An Organisasi Perangkat Daerah (city agency, office, kecamatan or kelurahan)."""

    slug: str
    name: str
    abbreviation: str
    kind: str
    description: str
    website: str
    address: str
    parent: str  # slug of the parent OPD, or ""
    target_per_tahun: int | None = None  # its own yearly target (0: none); None: the site's target_per_tahun
    github_team: str = ""  # "@org/team" reviewing its innovations (CODEOWNERS), or ""

    @property
    def path(self) -> str:
        return f"/opd/{self.slug}/"


@dataclass(frozen=True)
class Contact:
    name: str
    position: str
    email: str
    phone: str


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Image:
    file: str
    alt: str
    source: Path


@dataclass(frozen=True)
class Innovation:
    """One innovation entry; field meanings are in schema/inovasi.json."""

    slug: str
    opd: str
    source: str  # path relative to the site root
    title: str
    year: int
    stage: str
    kind: str
    form: str
    affairs: tuple[str, ...]
    summary: str
    initiator: str
    date_initiated: dt.date | None
    date_trial: dt.date | None
    date_applied: dt.date | None
    status: str
    tags: tuple[str, ...]
    sdgs: tuple[int, ...]
    budget: int | None
    contact: Contact | None
    links: tuple[Link, ...]
    images: tuple[Image, ...]
    aliases: tuple[str, ...]
    draft: bool
    body: str  # Markdown source
    body_line: int

    @property
    def path(self) -> str:
        """The permanent URL path; the OPD is deliberately not part of it."""
        return f"/inovasi/{self.slug}/"

    @property
    def discontinued(self) -> bool:
        return self.status == "dihentikan"


@dataclass(frozen=True)
class Catalog:
    """Every published OPD and innovation, newest innovations first."""

    opds: tuple[Opd, ...]
    innovations: tuple[Innovation, ...]
    drafts: int

    @property
    def opd_by_slug(self) -> Mapping[str, Opd]:
        return MappingProxyType({opd.slug: opd for opd in self.opds})


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def opd_from_document(document: SourceDocument) -> Opd:
    data = document.parsed.data
    return Opd(
        slug=document.slug,
        name=data["nama"],
        abbreviation=data["singkatan"],
        kind=data["jenis"],
        description=data.get("deskripsi", ""),
        website=data.get("situs", ""),
        address=data.get("alamat", ""),
        parent=data.get("induk", ""),
        target_per_tahun=data.get("target_per_tahun"),
        github_team=data.get("github_team", ""),
    )


def innovation_from_document(document: SourceDocument) -> Innovation:
    data = document.parsed.data
    contact = data.get("kontak")
    return Innovation(
        slug=document.slug,
        opd=document.folder,
        source=document.rel,
        title=data["judul"],
        year=int(data["tahun"]),
        stage=data["tahapan"],
        kind=data["jenis"],
        form=data["bentuk"],
        affairs=tuple(data["urusan"]),
        summary=data["ringkasan"],
        initiator=data.get("inisiator", ""),
        date_initiated=_date(data.get("tanggal_inisiatif")),
        date_trial=_date(data.get("tanggal_uji_coba")),
        date_applied=_date(data.get("tanggal_penerapan")),
        status=data.get("status", "aktif"),
        tags=tuple(data.get("tag", ())),
        sdgs=tuple(int(goal) for goal in data.get("sdgs", ())),
        budget=None if data.get("anggaran") is None else int(data["anggaran"]),  # 1.0 is a valid integer in JSON Schema
        contact=Contact(
            contact.get("nama", ""), contact.get("jabatan", ""), contact.get("email", ""), contact.get("telepon", "")
        ) if contact else None,
        links=tuple(Link(link["label"], link["url"]) for link in data.get("tautan", ())),
        images=tuple(
            Image(image["file"], image["alt"], document.path.parent / image["file"]) for image in data.get("gambar", ())
        ),
        aliases=tuple(data.get("aliases", ())),
        draft=data.get("draft", False),
        body=document.body,
        body_line=document.body_line,
    )


def build_catalog(records: list[Innovation | Opd]) -> Catalog:
    """The published catalogue from validated records (drafts left out), newest innovations first."""
    opds = sorted((r for r in records if isinstance(r, Opd)), key=lambda o: o.name)
    innovations = [r for r in records if isinstance(r, Innovation)]
    published = sorted(
        (item for item in innovations if not item.draft),
        key=lambda item: (-item.year, item.title.lower(), item.slug),
    )
    return Catalog(tuple(opds), tuple(published), drafts=len(innovations) - len(published))
