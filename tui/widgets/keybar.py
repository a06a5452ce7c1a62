"""The key line at the bottom of every screen: the keys that make sense now.

One widget drawing one line. Textual's own Footer mounts a widget per key and
rebuilds them all whenever the bindings change (each focus move, each new
state); on a board that refreshes its bindings often that cost most of the
start-up time. This bar reads the screen's active bindings, redraws only
when the list of keys actually changed, and turns a click on a key into that
key press, as the Footer does. Keys that do not apply to the focused card are
dimmed, not hidden, so the line does not jump about.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget


class Shown(NamedTuple):
    """One key on the bar."""

    key: str
    display: str
    description: str
    enabled: bool


class KeyBar(Widget):
    """The screen's shown keys, with the command palette's key at the right."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {"keybar--key", "keybar--description", "keybar--palette"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        .keybar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .keybar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .keybar--palette {
            color: $footer-description-foreground;
        }
    }
    """

    show_palette: reactive[bool] = reactive(True)
    """Show the command palette's key at the right end."""

    def __init__(self) -> None:
        super().__init__()
        self._keys: tuple[Shown, ...] = ()
        self._palette: Shown | None = None
        self._spans: list[tuple[int, int, str]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        keys, palette = self._collect(screen)
        if keys != self._keys or palette != self._palette:
            self._keys, self._palette = keys, palette
            self.refresh()

    def _collect(self, screen: Screen[object]) -> tuple[tuple[Shown, ...], Shown | None]:
        app = self.app
        shown: list[Shown] = []
        actions: set[str] = set()
        palette: Shown | None = None
        for _node, binding, enabled, _tooltip in screen.active_bindings.values():
            if binding.key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = Shown(binding.key, app.get_key_display(binding), "palette", enabled)
                continue
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            shown.append(Shown(binding.key, app.get_key_display(binding), binding.description, enabled))
        return tuple(shown), palette

    def watch_show_palette(self) -> None:
        self.refresh()

    def render(self) -> Text:
        """The screen's keys in their order; when they do not all fit, the palette's key ends the line.

        Too long at the usual spacing, the line is drawn tighter; still too
        long, it ends at the last key that fits, then "▏^p all keys": the
        palette lists every command of the screen with its key.
        """
        width = self.size.width
        compact = _length(self._keys, compact=False) > width
        cut = _length(self._keys, compact) > width
        label = ""
        if self._palette is not None and (self.show_palette or cut):
            label = f"▏{self._palette.display} {'all keys' if cut else self._palette.description} "
        room = (width - cell_len(label)) if cut else width
        key_style = self.get_component_rich_style("keybar--key")
        description_style = self.get_component_rich_style("keybar--description")
        dim = Style(dim=True)
        text = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        for item in self._keys:
            key, description = _parts(item, compact)
            if cut and text.cell_len + cell_len(key + description) > room:
                break
            start = text.cell_len
            extra = Style() if item.enabled else dim
            text.append(key, key_style + extra)
            text.append(description, description_style + extra)
            self._spans.append((start, text.cell_len, item.key))
        if label and self._palette is not None:
            gap = width - text.cell_len - cell_len(label)
            if gap >= (0 if cut else 1):  # a whole line of keys keeps a space before it
                start = width - cell_len(label)
                text.append(" " * gap)
                text.append(label, self.get_component_rich_style("keybar--palette"))
                self._spans.append((start, width, self._palette.key))
        return text

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                event.stop()
                self.app.simulate_key(key)
                return


def _parts(item: Shown, compact: bool) -> tuple[str, str]:
    """A key's two pieces on the bar: the key, then what it does."""
    if compact:
        return item.display, f" {item.description} "
    return f" {item.display} ", f"{item.description} "


def _length(keys: tuple[Shown, ...], compact: bool) -> int:
    """The bar's width in cells with every key in ``keys``."""
    return sum(cell_len(key + description) for key, description in (_parts(item, compact) for item in keys))
