"""Skills as an editor offers them: the vocabulary's labels for completion, and what a typed skill is
recognised as (the application's one skill resolver: synonyms, compounds, typos)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matchdesk.app import App


@dataclass(frozen=True)
class SkillPreview:
    """A typed skill as it will be stored: the vocabulary's label, or the text itself when not known."""

    text: str
    label: str
    known: bool

    @property
    def recognised(self) -> bool:
        """Known under another spelling (a synonym or a typo): worth telling the user."""
        return self.known and self.label.casefold() != self.text.casefold()


def skill_labels(app: App) -> tuple[str, ...]:
    """The vocabulary's skill labels, sorted, for completion. Also readies the resolver (``resolve_skill``
    is then an in-memory look-up that needs no database)."""
    labels = tuple(sorted({skill.label for skill in app.vocabulary.skills.values()}))
    app.resolver  # noqa: B018 - built now, off the GUI thread, not on the first typed skill
    return labels


def resolve_skill(app: App, text: str) -> SkillPreview:
    """What ``text`` is recognised as (no database: the vocabulary and the resolver are in memory)."""
    text = text.strip()
    resolution = app.resolver.resolve(text)
    skill = app.vocabulary.get(resolution.skill_id) if resolution.skill_id else None
    return SkillPreview(text, skill.label if skill else text, skill is not None)
