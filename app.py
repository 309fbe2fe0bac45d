"""xieshang (协商): the entry point.

`app` is the ASGI application (Streamlit's `st.App`) carrying the server's lifespan; Streamlit
finds it whichever way the app is started: `streamlit run app.py` (what `make run` does),
`python app.py` or `uvicorn app:app`; with it the identity gate of a protected deployment
(middleware) and the JSON API (routes), see xieshang.web.server. Each session's script run
then only routes: the pages and shared controls are in xieshang.web.router.route, so a page
opened directly hands over to the same router.
"""

import streamlit as st

from xieshang.web import server

app = st.App(
    __file__,
    lifespan=server.lifespan,
    routes=server.routes(),
    middleware=server.middleware(),
)

if __name__ == "__main__":
    from streamlit import runtime

    if runtime.exists():  # a session's script run
        from xieshang.web import router

        router.route()
    else:  # `python app.py`: serve it
        app.run()
