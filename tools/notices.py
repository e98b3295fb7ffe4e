"""The packages CarbonMgr runs on, read from the installed metadata.

``runtime_distributions()`` is the closure of what ``pip install carbonmgr[gui]``
installs (CarbonMgr itself left out); ``license_files(dist)`` are the licence files a
package ships.  build.spec copies those files into the one-folder app's ``licenses/``
folder, and tests/test_packaging.py checks that THIRD-PARTY-NOTICES.md names every one
of these packages.

    .venv/bin/python tools/notices.py      # print each package with its declared licence
"""
from __future__ import annotations

import importlib.metadata as md
import re
import sys

EXTRAS = ("gui",)  # the optional dependencies a user installs with the app


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_distributions(root: str = "carbonmgr", extras=EXTRAS) -> dict[str, md.Distribution]:
    from packaging.requirements import Requirement

    found: dict[str, md.Distribution] = {}
    todo = [(root, tuple(extras))]
    while todo:
        name, wanted = todo.pop()
        dist = md.distribution(name)
        for text in dist.requires or []:
            req = Requirement(text)
            if req.marker is not None and not any(req.marker.evaluate({"extra": e}) for e in ("", *wanted)):
                continue
            key = normalize(req.name)
            if key in found:
                continue
            try:
                found[key] = md.distribution(req.name)
            except md.PackageNotFoundError:
                continue  # an optional dependency that is not installed here
            todo.append((req.name, tuple(req.extras)))
    found.pop(normalize(root), None)
    return found


def declared_license(dist: md.Distribution) -> str:
    meta = dist.metadata
    text = meta.get("License-Expression") or meta.get("License") or ""
    text = text.strip().splitlines()[0] if text.strip() else ""
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    return text or ", ".join(classifiers)


def license_files(dist: md.Distribution) -> list:
    """The licence files a package ships: those its metadata names, else the usual names."""
    files = list(dist.files or [])
    named = set(dist.metadata.get_all("License-File") or [])
    out = []
    for f in files:
        parts = f.parts
        in_dist_info = parts[0].endswith((".dist-info", ".egg-info"))
        base = parts[-1]
        if in_dist_info and (f.name in named or "/".join(parts[1:]) in named or "/".join(parts[2:]) in named
                             or re.match(r"(LICEN[CS]E|COPYING|NOTICE|AUTHORS)", base, re.I)):
            out.append(f)
    return out


if __name__ == "__main__":
    for _key, dist in sorted(runtime_distributions().items()):
        print(f"{dist.metadata['Name']:24} {dist.version:10} {declared_license(dist)[:70]}"
              f"  ({len(license_files(dist))} licence files)")
    sys.exit(0)
