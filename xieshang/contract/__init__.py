"""The data contract: the tables an export holds, the words analysts use for them, the outcome
codebook and the templates. The bottom layer: it imports nothing of the package but the base."""
