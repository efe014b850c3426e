"""What both example integrations share and neither judges: reading ORGS.json and sending one HTTP request.

Politeness (tokens, retries, pacing) is deliberately NOT here: it is what the two examples do differently.
ORGS.json is the format of client/README.md ("ORGS.json"); `mock-gc check` writes one and passes its path.
"""
from __future__ import annotations

import argparse
import base64
import http.client
import json
import os
import ssl
import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any, Optional

ORG_KEYS = {"name", "region", "base_url", "login_url", "client_id", "client_secret", "ca_file", "requests_per_minute"}
REQUIRED_KEYS = ("name", "region", "base_url", "client_id", "client_secret")


@dataclass(frozen=True)
class Org:
    name: str
    region: str
    base_url: str          # API requests go to base_url + /api/v2/…
    login_url: str         # POST login_url + /oauth/token
    client_id: str
    client_secret: str
    requests_per_minute: int
    ssl_context: Optional[ssl.SSLContext]

    def basic_auth(self) -> str:
        pair = f"{self.client_id}:{self.client_secret}".encode()
        return "Basic " + base64.b64encode(pair).decode()


def default_login_url(base_url: str) -> str:
    """login.<env> when the API host is api.<env> (real Genesys Cloud), else the base URL itself (a mock)."""
    parts = urllib.parse.urlsplit(base_url)
    host = parts.hostname or ""
    if host.startswith("api."):
        netloc = "login." + host[len("api."):] + (f":{parts.port}" if parts.port else "")
        return urllib.parse.urlunsplit((parts.scheme, netloc, "", "", ""))
    return base_url.rstrip("/")


def argument_parser(doc: str) -> argparse.ArgumentParser:
    """A command line whose first argument is ORGS.json (optional: $MOCKGC_ORGS, as `mock-gc check` sets)."""
    p = argparse.ArgumentParser(description=doc.splitlines()[0])
    p.add_argument("orgs", nargs="?", help="ORGS.json (default: $MOCKGC_ORGS)")
    return p


def load_orgs(path: Optional[str]) -> list[Org]:
    """Reads ORGS.json from `path`, else from $MOCKGC_ORGS; exits 2 with a message naming the problem."""
    path = path or os.environ.get("MOCKGC_ORGS")
    if not path:
        sys.exit("usage: give the ORGS.json path as the first argument or in MOCKGC_ORGS")
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        sys.exit(f"{path}: {e}")
    if not isinstance(doc, dict) or set(doc) != {"orgs"} or not isinstance(doc["orgs"], list):
        sys.exit(f'{path}: expected {{"orgs": [...]}}')
    orgs = []
    for i, entry in enumerate(doc["orgs"]):
        unknown = set(entry) - ORG_KEYS
        missing = [k for k in REQUIRED_KEYS if k not in entry]
        if unknown or missing:
            sys.exit(f"{path}: orgs[{i}]: unknown keys {sorted(unknown)} / missing keys {missing}")
        context = None
        if entry["base_url"].startswith("https:"):
            context = ssl.create_default_context()
            if "ca_file" in entry:
                context.load_verify_locations(cafile=entry["ca_file"])
        base = entry["base_url"].rstrip("/")
        orgs.append(Org(entry["name"], entry["region"], base, entry.get("login_url", default_login_url(base)).rstrip("/"),
                        entry["client_id"], entry["client_secret"], int(entry.get("requests_per_minute", 300)),
                        context))
    return orgs


@dataclass
class Response:
    status: int
    headers: dict[str, str]   # lower-case names
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None

    def error_code(self) -> str:
        """The ErrorBody `code` of an error answer ("" when there is none)."""
        try:
            doc = self.json()
        except ValueError:
            return ""
        return str(doc.get("code", "")) if isinstance(doc, dict) else ""


def send(org: Org, method: str, url: str, headers: dict[str, str], body: Optional[bytes] = None,
         timeout: float = 30.0) -> Response:
    """One HTTP exchange, no retries. Every HTTP status is a Response; transport failures raise OSError."""
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout, context=org.ssl_context) as r:
            return Response(r.status, {k.lower(): v for k, v in r.headers.items()}, r.read())
    except urllib.error.HTTPError as e:
        with e:
            return Response(e.code, {k.lower(): v for k, v in e.headers.items()}, e.read())
    except urllib.error.URLError as e:
        raise OSError(f"{method} {url}: {e.reason}") from e
    except http.client.HTTPException as e:   # a body cut short, a malformed status line
        raise OSError(f"{method} {url}: {type(e).__name__}") from e


def json_body(value: Any) -> tuple[bytes, dict[str, str]]:
    return json.dumps(value).encode(), {"Content-Type": "application/json"}
