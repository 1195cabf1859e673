"""Small projects written for one test: an agenda, a position per dossier, footnotes, and the
repository's templates. Tests edit these, never the shipped examples, so changing an example
breaks no test; the examples are tested as examples (they render, check clean, and the GA
reproduces the reference text)."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

from helpers import REPO, briefgen, edit

ID = "raad-2030-03-12"
AGENDA = f"agendas/{ID}.yaml"
OUT = Path("build") / ID
GA = OUT / "geannoteerde-agenda.docx"
DOSSIERS = ("bodem", "water", "lucht", "natuur", "klimaat", "afval")
NOTES = "positions/_voetnoten.yaml"

HEAD = f"""id: {ID}
raad: {{raad}}
datum: 2030-03-12
plaats: Brussel
voorzitterschap: Cypriotische
agendastatus: concept
punten:
"""

ITEM = """  - dossier: {dossier}
    soort: {soort}
    onderwerp: het onderwerp {dossier}
"""

LETTER = """brief:
  datum: 2030-03-01
  kenmerk: IENW/BSK-2030/2
  afzender:
    - Ministerie van Infrastructuur en Waterstaat
  ondertekenaars:
    - functie: de Minister van Klimaat
      naam: A. Minister
  alineas:
    - >-
      Hierbij ontvangt u het rapport.
"""

NOTA = """nota:
  datum: 2030-02-25
  referentie: IENW/BSK-2030/1
  opgesteld_door:
    - Directie Milieu
  beslistermijn: 2030-02-28
  geadviseerd_besluit:
    - Akkoord te gaan met de Kamerbrieven.
  toelichting:
    - kop: Afstemming
      tekst: >-
        De GA is afgestemd met de andere ministeries.
  bijlagen:
    - naam: Het rapport
      informatie: Een rapport.
"""

VERSLAG = """verslag:
  datum: 2030-03-20
  kenmerk: IENW/BSK-2030/3
  alineas:
    - Daarnaast treft u in de bijlage de rapportage aan.
  samenvatting: >-
    De Raad vergaderde.
"""

POSITION = f"""id: {{dossier}}
titel: Titel van {{dossier}}
kort: Kort {{dossier}}
portefeuille: IenW
voetnoten:
  stuk:
    kamerstuk: {{{{kamer: II, vergaderjaar: 2029-2030, dossier: 21 501-08, nr: 1011}}}}
standpunten:
  - raad: {ID}
    introductie: >-
      Introductie van {{dossier}}.[^stuk] Hiervoor zijn nog geen stukken gedeeld.
    inzet: >-
      Inzet van {{dossier}}.[^gedeeld]
    kern: >-
      Kern van {{dossier}}.
    krachtenveld: >-
      Krachtenveld van {{dossier}}.
{{uitkomst}}"""

SHARED_NOTES = """voetnoten:
  gedeeld: >-
    Een voetnoot die elk dossier kan gebruiken.
"""


def empty(root: Path) -> Path:
    """Write into ``root`` the repository's templates and empty agenda and position folders."""
    shutil.copytree(REPO / "templates", root / "templates")
    (root / "agendas").mkdir()
    (root / "positions").mkdir()
    return root


def project(
    root: Path,
    items: int | Sequence[str] = 1,
    *,
    letter: bool = False,
    nota: bool = False,
    verslag: bool = False,
    raad: str = "Milieuraad",
) -> Path:
    """Write into ``root`` an agenda with ``items`` items (a number of policy debates, or one
    item per type named), each on its own dossier with a position for this Council and a
    Kamerstuk footnote; the shared footnotes file; and the repository's templates, which
    ``raad`` chooses among. ``letter``, ``nota`` and ``verslag`` add those sections to the
    agenda (a verslag also gives each position an outcome)."""
    empty(root)
    kinds = ["beleidsdebat"] * items if isinstance(items, int) else list(items)
    dossiers = DOSSIERS[: len(kinds)]
    agenda = HEAD.format(raad=raad) + "".join(
        ITEM.format(dossier=d, soort=k) for d, k in zip(dossiers, kinds, strict=True)
    )
    agenda += (LETTER if letter else "") + (NOTA if nota else "") + (VERSLAG if verslag else "")
    (root / AGENDA).write_text(agenda, encoding="utf-8")
    outcome = "    uitkomst: De Raad sprak erover.\n" if verslag else ""
    for dossier in dossiers:
        text = POSITION.format(dossier=dossier, uitkomst=outcome)
        (root / "positions" / f"{dossier}.yaml").write_text(text, encoding="utf-8")
    (root / NOTES).write_text(SHARED_NOTES, encoding="utf-8")
    return root


def with_link(root: Path) -> None:
    """Put a Markdown link in the first position and in the shared footnote, and render."""
    edit(root, "positions/bodem.yaml", "Hiervoor zijn nog geen stukken gedeeld.", LINK)
    edit(root, NOTES, "    Een voetnoot", "    [Een](https://example.org/c) voetnoot")
    assert briefgen(root, "render", AGENDA).exit_code == 0


LINK = "Zie [het **voorstel**](https://eur-lex.europa.eu/x?a=1&b=2)."
