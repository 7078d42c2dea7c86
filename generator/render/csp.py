"""A Content-Security-Policy for every page: the second wall behind the sanitizer.

Content is sanitized (stages/body.py) so that no script can be written into a page; the policy
makes the browser refuse one anyway should a way through the sanitizer ever be found: no inline
script runs but the theme's own (each allowed by its hash, computed from the page as built), no
inline event handler, no `javascript:` link, nothing loaded from another origin, no `<base>`.

Only the template's scripts are hashed: those outside the page's `<article>`, where content
lives. A script in the article is never allowed, whatever the sanitizer let through.
"""

from __future__ import annotations

import base64
import hashlib
import re

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_ARTICLE = re.compile(r"<article\b.*</article\s*>", re.S | re.I)
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)


def _inline_scripts(html: str) -> list[str]:
    """The texts of the executable inline scripts of the template (outside the article)."""
    outside = _ARTICLE.sub("", html)
    out = []
    for attrs, body in _SCRIPT.findall(outside):
        if re.search(r"\bsrc\s*=", attrs, re.I):
            continue
        kind = re.search(r"""\btype\s*=\s*["']?([^"'\s>]+)""", attrs, re.I)
        if kind and kind.group(1).lower() not in ("text/javascript", "module", "application/javascript"):
            continue  # data (Material's __config JSON) is not run
        out.append(body)
    return out


def policy(html: str) -> str:
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
                     for s in _inline_scripts(html)})
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' " + " ".join(hashes) if hashes else "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",  # the theme sets styles inline; styles cannot run script
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ])


def with_policy(html: str) -> str:
    """The page with its policy as the first element after <meta charset>, before any script."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    m = _CHARSET.search(html)
    if m is None:
        return html  # not an HTML page of the theme's
    return html[: m.end()] + "\n    " + meta + html[m.end():]
