"""The big screen for chairs' meetings: what it shows (the model), how (HTML), and its page."""
