"""xieshang (协商): oversight dashboard for CPPCC grass-roots consultation platforms."""

__version__ = "0.1.0"
