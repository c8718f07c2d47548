"""Shared code of the Cluster 6 Monitor app: config, database access, queries, builders."""
