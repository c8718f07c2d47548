"""The trivial Streamlit page that benchmarks/scale.py measures beside every dashboard page: a title and
one line. Served twice, at '/' and at '/diep', with no navigation drawn: a page opened at its own address
(a bookmark, a shared link) costs Streamlit's frontend a failed first probe of the server under that
path and a fixed 100 ms wait before it tries the root, whatever the page holds. The dashboard's pages
other than Overzicht are opened at such an address, so they are compared with the trivial page at '/diep'."""

import streamlit as st


def trivial() -> None:
    st.title("Triviale pagina")
    st.write("Eén regel tekst: wat Streamlit zelf kost.")


def deep() -> None:
    trivial()


st.navigation(
    [st.Page(trivial, title="Triviale pagina", default=True), st.Page(deep, title="Triviale pagina", url_path="diep")],
    position="hidden",
).run()
