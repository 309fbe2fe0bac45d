"""xieshang (协商): the entry point. It only routes; the pages and shared controls are in
xieshang.ui.route, so a page opened directly can hand over to the same router."""

from xieshang import ui

ui.route()
