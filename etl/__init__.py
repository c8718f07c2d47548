"""ETL for Cluster 6 Monitor: source files in data/ -> validated -> data/cluster6.duckdb."""
