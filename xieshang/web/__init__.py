"""The Streamlit front end: the server around app.py, the router, the shared view and controls,
tables, tiles and charts."""
