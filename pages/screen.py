"""大屏 Screen: rotating panels for a chairs' meeting, read from across the room."""

from xieshang.screen import page
from xieshang.web.router import view

page.show(view())
