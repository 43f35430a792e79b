"""What the main window asks of a workspace (Plan, Explore, Study), as typing Protocols.

The window holds its workspaces in a stack and talks to them through these protocols
only; everything else a workspace does stays behind its own widgets. What they really
share is small, and the protocols say no more than that:

- every workspace is a ``QWidget`` built as ``Cls(pack)`` and recoloured with
  :meth:`Workspace.set_theme` when the OS switches between light and dark;
- a workspace that shows a diagram of its own (Explore's neighbourhood graph) offers it
  for File > Export through :class:`ShowsOwnDiagram`; otherwise the window exports the
  Plan's recommendation;
- opening, saving and undo belong to the project document
  (:class:`~assistant.gui.document.ProjectDocument`), which only Plan edits; Explore and
  Study read the pack and keep no project state, so they are not part of the protocol.

Conformance is structural (a Qt class cannot also subclass a Protocol: the metaclasses
clash); mypy checks it through :data:`CONFORMING` below and tests/gui/test_workspace.py
checks the built widgets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from ..core.diagram.scene import Diagram
    from .explore import ExploreWorkspace
    from .plan import PlanWorkspace
    from .study import StudyWorkspace
    from .theme import Theme

__all__ = ["ShowsOwnDiagram", "Workspace"]


@runtime_checkable
class Workspace(Protocol):
    """A workspace of the main window."""

    def set_theme(self, theme: Theme) -> None:
        """Recolour everything drawn with theme colours (light or dark)."""


@runtime_checkable
class ShowsOwnDiagram(Protocol):
    """A workspace whose diagram on screen is what File > Export writes."""

    def diagram_on_screen(self) -> Diagram | None:
        """The diagram shown now, or None when there is none to export."""


if TYPE_CHECKING:
    # The declaration of conformance, checked by mypy.
    CONFORMING: tuple[type[Workspace], ...] = (PlanWorkspace, ExploreWorkspace, StudyWorkspace)
    DIAGRAM_OWNERS: tuple[type[ShowsOwnDiagram], ...] = (ExploreWorkspace,)
