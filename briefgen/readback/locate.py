"""Find the build a returned document belongs to, and which of its documents it is."""

from __future__ import annotations

from pathlib import Path

from ..changes.manifest import Manifest
from ..compose import markdown
from ..errors import Location, fail
from ..word.reader import Reading

RECOGNISED = 0.3
"""The share of a built document's paragraphs a returned one must still have to be it."""


def display_path(root: Path, path: Path) -> str:
    """``path`` as the user sees it: relative to the project when inside it."""
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def build_beside(path: Path, display: str) -> Manifest:
    """The manifest of the build in the document's folder."""
    manifest = Manifest.read(path.parent)
    if manifest is None:
        raise fail(
            Location(display),
            "no manifest.json beside it: absorb reads a document in the build folder briefgen "
            "rendered it to (build/<agenda>/); put the returned file there",
        )
    return manifest


def which_document(manifest: Manifest, path: Path, reading: Reading, display: str) -> str:
    """Which document of the build this is: by file name, else by its text."""
    names = sorted(manifest.documenten, key=len, reverse=True)
    if path.name in manifest.documenten:
        return path.name
    for name in names:
        if path.stem.startswith(Path(name).stem):
            return name
    texts = {p.text for p in reading.paragraphs if p.text.strip()}
    best, score = None, 0.0
    for name in names:
        built = [p.text for p in markdown.parse(manifest.documenten[name]).paragraphs if p.text.strip()]
        found = sum(1 for text in built if text in texts) / max(1, len(built))
        if found > score:
            best, score = name, found
    if best is None or score < RECOGNISED:
        raise fail(Location(display), "cannot tell which document of the build in its folder this is")
    return best
