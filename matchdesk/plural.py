"""Dutch counts for the core and the command line: "1 vacature", "2 vacatures", "1.234 kandidaten".

The window uses Qt's own plural forms (``self.tr("%n vacancies", "", n)``); texts built outside Qt (core
messages, the command line's text output) use ``plural``.

    plural(1, "vacature", "vacatures")      -> "1 vacature"
    plural(1234, "kandidaat", "kandidaten") -> "1.234 kandidaten"
"""

from __future__ import annotations

from matchdesk.dates import format_number_nl


def plural(count: int, singular: str, plural_form: str) -> str:
    """``count`` in Dutch notation followed by the singular (exactly one) or the plural form."""
    return f"{format_number_nl(count)} {singular if count == 1 else plural_form}"


def capitalised(text: str) -> str:
    """``text`` with its first letter in upper case (the rest untouched): messages start with a capital."""
    return text[:1].upper() + text[1:]




def after_colon(text: str) -> str:
    """A message quoted after a colon ("Niet opgeslagen: ..."), its first letter in lower case as Dutch writes
    it there; a word in capitals (BSN, KvK) keeps them."""
    word = text.split(maxsplit=1)[0] if text.strip() else ""
    if len(word) > 1 and word[0].isupper() and word[1:].replace("-", "").islower():
        return text[0].lower() + text[1:]
    return text


__all__ = ["after_colon", "capitalised", "plural"]
