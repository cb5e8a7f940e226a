"""Browser-side protection, defined once: the pages' CSP and referrer meta tags, `_headers` and the preview server.

`_headers` is read by Netlify and Cloudflare Pages; hosts without header files (GitHub Pages) still get
the policy from each page's meta tag, which covers everything except `frame-ancestors`.
"""

from __future__ import annotations

HEADERS_FILE = "_headers"

# Only the site's own scripts, styles, images and data; Pagefind compiles its WebAssembly search index.
CSP_DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),
    ("style-src", "'self'"),
    ("img-src", "'self'"),
    ("connect-src", "'self'"),
    ("font-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
# Browsers ignore these in a meta tag (and say so in the console), so they are sent as headers only.
HEADER_ONLY_DIRECTIVES = (("frame-ancestors", "'none'"),)
REFERRER_POLICY = "strict-origin-when-cross-origin"
# Powerful features no page of the catalogue uses, switched off for the page and anything it embeds.
PERMISSIONS_POLICY = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"


def content_security_policy(header: bool) -> str:
    """The policy as a header (`header=True`) or as the content of the pages' meta tag."""
    directives = CSP_DIRECTIVES + (HEADER_ONLY_DIRECTIVES if header else ())
    return "; ".join(f"{name} {value}" for name, value in directives)


def page_policy() -> dict[str, str]:
    """What base.html puts in every page's meta tags."""
    return {"csp": content_security_policy(header=False), "referrer": REFERRER_POLICY}


def security_headers() -> list[tuple[str, str]]:
    """(name, value) of every header a host should send with each file of the site."""
    return [
        ("Content-Security-Policy", content_security_policy(header=True)),
        ("Referrer-Policy", REFERRER_POLICY),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),  # frame-ancestors for browsers that predate it
        ("Permissions-Policy", PERMISSIONS_POLICY),
    ]


def headers_files() -> list[tuple[str, bytes]]:
    """(output path, bytes) of `_headers`: the security headers for every path of the site."""
    lines = ["# Security headers for hosts that read this file (Netlify, Cloudflare Pages); written by build.py.", "/*"]
    lines += [f"  {name}: {value}" for name, value in security_headers()]
    return [(HEADERS_FILE, ("\n".join(lines) + "\n").encode("utf-8"))]
