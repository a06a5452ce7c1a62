"""Forms that keep the focused field in view, with its label and its problem line.

Textual scrolls a newly focused widget into view only when it is off the
screen, not when the scrolling box around it hides it: at 80x24 the card
form's lower fields sit below the box's visible part while still inside the
screen, and a user tabbing to them typed blind. A screen built on
``KeepsFocusInView`` scrolls the box itself, whatever moved the focus (tab,
shift+tab, a click, a field just added, a refused save), once the layout
is current.
"""

from __future__ import annotations

from typing import TypeVar

from textual.containers import ScrollableContainer
from textual.screen import ModalScreen
from textual.widget import Widget

ResultT = TypeVar("ResultT")

#: Classes of the lines that belong to the field next to them.
LABEL, PROBLEM = "field-label", "field-problem"


class KeepsFocusInView(ModalScreen[ResultT]):
    """A modal screen whose focused field is always scrolled into view."""

    def set_focus(
        self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False
    ) -> None:
        """Focus ``widget`` and bring it into view, even when a click focused it half hidden.

        Textual's own scrolling (centred, animated, and only when off the
        screen; never after a click) is replaced.
        """
        super().set_focus(widget, scroll_visible=False, from_app_focus=from_app_focus)
        if widget is not None:
            self.call_after_refresh(self.keep_in_view, widget)

    def keep_in_view(self, widget: Widget) -> None:
        """Scroll ``widget`` (with the lines that go with it, when they fit) into its box's view."""
        if self.focused is not widget or not widget.is_attached:
            return  # the focus moved on (keys typed ahead): that field is the one to show
        box = next((a for a in widget.ancestors if isinstance(a, ScrollableContainer)), None)
        if box is None:
            return
        view = box.scrollable_content_region.height
        group = field_group(widget)
        if group is not widget and group.outer_size.height <= view:
            box.scroll_to_widget(group, animate=False, immediate=True)
        else:
            siblings = _with_its_lines(widget)
            region = siblings[0].virtual_region_with_margin
            for sibling in siblings[1:]:
                region = region.union(sibling.virtual_region_with_margin)
            if widget.parent is box and region.height <= view:
                box.scroll_to_region(region, animate=False, immediate=True)
        box.scroll_to_widget(widget, animate=False, immediate=True)


def field_group(widget: Widget) -> Widget:
    """The block a field belongs to (``.field-group``, such as one interviewer), else the field."""
    for ancestor in widget.ancestors:
        if isinstance(ancestor, Widget) and ancestor.has_class("field-group"):
            return ancestor
    return widget


def _with_its_lines(widget: Widget) -> list[Widget]:
    """``widget`` with its label just above and its problem line just below, when it has them."""
    parent = widget.parent
    if parent is None:
        return [widget]
    siblings = list(parent.children)
    at = siblings.index(widget)
    group = [widget]
    if at > 0 and siblings[at - 1].has_class(LABEL):
        group.insert(0, siblings[at - 1])
    if at + 1 < len(siblings) and siblings[at + 1].has_class(PROBLEM):
        group.append(siblings[at + 1])
    return group
