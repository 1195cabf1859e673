"""The preview's style sheet: the house style of the Word documents, for screen and print.

A sans-serif text face at the GA's sizes (title 12 pt bold; heading levels bold, italic,
underlined; footnotes small), a letter's narrow column with its reference column beside
it, a review copy's red shading and the wijzigingen document's insertions and deletions;
printed on A4 with the Word documents' margins.
"""

from __future__ import annotations

from typing import Final

from ..word.contract import LINK_COLOUR, REVIEW_COLOUR, SHADING

CSS: Final = f"""
html{{background:#f3f3f3}}
body{{font-family:Verdana,"RO Sans","DejaVu Sans",Arial,sans-serif;font-size:9pt;line-height:1.5;color:#000;
background:#fff;max-width:42em;margin:1.5em auto;padding:2.5em 3em;box-shadow:0 0 .4em #bbb}}
body.brief{{max-width:48em}}
body.brief main{{margin-right:15em}}
h1,h2,h3,h4{{font-size:9pt;margin:1.5em 0 0}}
h1{{font-size:12pt;font-weight:bold;margin:0 0 1.25em}}
h2{{font-weight:bold}}
h3{{font-weight:normal;font-style:italic}}
h4{{font-weight:normal;text-decoration:underline}}
p,ul,ol,table,pre,blockquote{{margin:0 0 1.25em}}
h2+p,h3+p,h4+p{{margin-top:0}}
ul,ol{{padding-left:1.75em}}
li>ul,li>ol{{margin-bottom:0}}
ol.niveau-1{{list-style-type:lower-alpha}}
ol.niveau-2{{list-style-type:lower-roman}}
ul.niveau-1{{list-style-type:"– "}}
ol.haakje>li::marker{{content:counter(list-item) ") "}}
ol.haakje.niveau-1>li::marker{{content:counter(list-item,lower-alpha) ") "}}
ol.haakje.niveau-2>li::marker{{content:counter(list-item,lower-roman) ") "}}
blockquote{{font-style:italic;margin-left:2.5em}}
pre{{font-family:"Courier New",monospace;white-space:pre-wrap}}
a{{color:#{LINK_COLOUR}}}
table{{border-collapse:collapse;width:100%}}
th,td{{border:1px solid #999;padding:.2em .4em;vertical-align:top;text-align:left}}
th p,td p{{margin:0}}
sup{{line-height:0}}
sup.noot a{{text-decoration:none}}
nav.terug{{font-size:8pt;margin-bottom:2em}}
.reviewregel{{color:#{REVIEW_COLOUR};font-weight:bold;text-transform:uppercase;text-align:center;font-size:8pt}}
.arcering{{background:#{SHADING}}}
ins{{color:#1a5e1a;text-decoration:underline}}
del{{color:#a00;text-decoration:line-through}}
p.ins,li.ins,tr.ins{{border-left:.25em solid #1a5e1a;padding-left:.4em}}
p.del,li.del,tr.del{{border-left:.25em solid #a00;padding-left:.4em;text-decoration:line-through}}
.briefhoofd{{text-align:center;font-size:10pt;margin-bottom:2em}}
.briefhoofd img{{display:block;margin:0 auto .5em;height:5em}}
.stijl-referentiegegevens{{float:right;clear:right;width:13em;margin-right:-15em;font-size:6.5pt}}
.stijl-retouradres{{font-size:6.5pt}}
.stijl-adres{{margin-bottom:2.5em}}
.stijl-kenmerk{{margin:0;white-space:pre-wrap;tab-size:10}}
.stijl-aanhef{{margin-top:3em}}
.stijl-rubricering{{font-weight:bold;text-transform:uppercase}}
.stijl-ondertekening{{margin-top:1.5em;margin-bottom:4em}}
.stijl-ondertekenaar,.stijl-besluitenlijst,.stijl-slot{{margin-bottom:0}}
.voetnoten{{font-size:7pt;border-top:1px solid #000;margin-top:3em;padding-top:.5em}}
.voetnoten ol{{padding-left:2em}}
.voetnoten p{{margin:0}}
.voetnoten li.del{{text-decoration:line-through;color:#a00}}
.terugnaarnoot{{text-decoration:none}}
ul.documenten li{{margin-bottom:.5em}}
@page{{size:A4;margin:4cm 2cm 2.5cm 2.5cm}}
@media print{{
html{{background:none}}
body{{max-width:none;margin:0;padding:0;box-shadow:none}}
nav.terug{{display:none}}
a{{color:inherit;text-decoration:none}}
h1,h2,h3,h4{{break-after:avoid}}
br.pagina{{break-after:page}}
.arcering{{print-color-adjust:exact;-webkit-print-color-adjust:exact}}
}}
"""
"""One line per rule; the page's Content-Security-Policy names it by hash."""
