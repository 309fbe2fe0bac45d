"""大屏 Screen: rotating panels for a chairs' meeting, read from across the room."""

from xieshang import screen_ui, ui

screen_ui.show(ui.view())
