"""The trivial Streamlit page that benchmarks/scale.py measures beside every dashboard page."""

import streamlit as st

st.title("Triviale pagina")
st.write("Eén regel tekst: wat Streamlit zelf kost.")
