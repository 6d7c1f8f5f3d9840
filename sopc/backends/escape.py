"""Text made safe inside XML written as text (the DOCX body, the SVG): the one place a back-end
turns user text into markup-free characters.

Hand-written rather than `xml.sax.saxutils.escape`: importing that module loads urllib.request,
http.client and ssl, a fifth of the time a one-SOP `sopc build` spends importing (measured with
`python -X importtime`); the replacements are the same, so the bytes are too.
"""

from __future__ import annotations


def text(value: str) -> str:
    """`value` for element content: &, < and > as entities."""
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    return value


def quoted(value: str) -> str:
    """`value` for a double-quoted attribute: as element content, and the double quote."""
    value = text(value)
    return value.replace('"', "&quot;") if '"' in value else value
