"""Builders: plain functions DataFrame -> plotly Figure (or pydeck Deck). No st.*, no SQL."""
