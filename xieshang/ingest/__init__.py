"""Reading what analysts give: files of every office format into typed tables, every problem
with file, row and column."""
