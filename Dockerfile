# Cluster 6 Monitor: one image for the dashboard (default command) and the one-shot ETL commands.
#   docker compose build && docker compose run --rm etl build && docker compose up -d app
# See README, "Operating it".
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HOME=/tmp \
    C6_APP_DIR=/app \
    C6_DB=/data/cluster6.duckdb \
    C6_PORT=8501

WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt

# Code and the shipped data (data/ without the built database or kept files: see .dockerignore).
COPY dashboard.py ./
COPY assets/ assets/
COPY monitor/ monitor/
COPY pages/ pages/
COPY etl/ etl/
COPY data/ data/
COPY deploy/entrypoint.sh /usr/local/bin/c6

# A fixed non-root user; the code is root-owned and read-only to it. Only /data (the volume) is its own.
RUN groupadd --system --gid 10001 c6 \
    && useradd --system --uid 10001 --gid 10001 --home-dir /tmp --no-create-home --shell /usr/sbin/nologin c6 \
    && mkdir -p /data /app/.streamlit \
    && chown 10001:10001 /data \
    && chmod 0755 /usr/local/bin/c6
USER 10001:10001

VOLUME ["/data"]
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 CMD ["c6", "health"]
ENTRYPOINT ["c6"]
CMD ["serve"]
