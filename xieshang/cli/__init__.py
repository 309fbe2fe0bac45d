"""`xieshang`, the command line."""
