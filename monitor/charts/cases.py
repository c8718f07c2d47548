"""Charts and summaries of the case tracker (casusaanpak). Plain functions: DataFrame in, DataFrame or Figure out."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from monitor import formatting
from monitor.cache import figure as cached_figure
from monitor.charts.style import STATUS_COLOURS, base_layout, text_colour_on
from monitor.config import BOTTLENECKS, CASE_STATUSES

FUNNEL = ("aangemeld", "intake", "in behandeling", "opgelost")
DIMENSION_LABELS = {"province": "provincie", "sector": "sector", "route": "route"}
BOTTLENECK_PALETTE = dict(zip(BOTTLENECKS, px.colors.qualitative.Safe, strict=False))


@cached_figure
def funnel(reached: pd.DataFrame, source: str = "") -> go.Figure:
    """reached: status, cases (ever reached). The main path as a funnel; side exits in the hover text."""
    counts = reached.set_index("status")["cases"].reindex(CASE_STATUSES, fill_value=0)
    values = [int(counts[s]) for s in FUNNEL]
    first = values[0] or 1
    figure = go.Figure(
        go.Funnel(
            y=list(FUNNEL),
            x=values,
            marker=dict(color=[STATUS_COLOURS[s] for s in FUNNEL]),
            textfont=dict(color=[text_colour_on(STATUS_COLOURS[s]) for s in FUNNEL]),
            text=[f"{formatting.number(v)} ({formatting.percent(v / first, 0, signed=False)})" for v in values],
            textinfo="text",
            hovertemplate="%{y}: %{x} casussen<extra></extra>",
        )
    )
    exits = f"Uitgestroomd zonder oplossing: {int(counts['doorverwezen'])} doorverwezen, {int(counts['gestopt'])} gestopt"
    figure.add_annotation(text=exits, xref="paper", yref="paper", x=1, y=-0.02, showarrow=False, xanchor="right", yanchor="top")
    return base_layout(figure, source=source)


def stage_summary(durations: pd.DataFrame) -> pd.DataFrame:
    """status, cases, median_days, p75_days: time spent per status, completed stages only, without cases
    whose dates are unknown. durations: case_id, status, left_on, days, dates_unknown."""
    done = durations[durations["left_on"].notna() & ~durations["dates_unknown"]]
    summary = done.groupby("status")["days"].agg(cases="count", median_days="median", p75_days=lambda d: d.quantile(0.75))
    order = [s for s in CASE_STATUSES if s in summary.index]
    return summary.reindex(order).reset_index()


MAX_BOX_POINTS = 1000  # up to this many stages per status, every one is drawn as a point beside its box


@cached_figure
def stage_chart(durations: pd.DataFrame, source: str = "") -> go.Figure:
    """Box per status of the days spent in it (completed stages, known dates)."""
    done = durations[durations["left_on"].notna() & ~durations["dates_unknown"]]
    figure = go.Figure()
    for status in [s for s in CASE_STATUSES if s in set(done["status"])]:
        days = done.loc[done["status"] == status, "days"]
        if len(days) <= MAX_BOX_POINTS:
            figure.add_trace(go.Box(x=days, name=status, marker_color=STATUS_COLOURS[status], boxpoints="all", jitter=0.4))
            continue
        # Many stages: send the box's statistics, not every point (what is sent does not grow with the cases).
        q1, median, q3 = days.quantile([0.25, 0.5, 0.75])
        inside = days[(days >= q1 - 1.5 * (q3 - q1)) & (days <= q3 + 1.5 * (q3 - q1))]
        figure.add_trace(
            go.Box(
                y=[status],
                q1=[q1],
                median=[median],
                q3=[q3],
                lowerfence=[inside.min()],
                upperfence=[inside.max()],
                name=status,
                orientation="h",
                marker_color=STATUS_COLOURS[status],
            )
        )
    figure.update_layout(showlegend=False)
    figure.update_xaxes(title="dagen in deze status (afgeronde fasen)", rangemode="tozero")
    figure.update_yaxes(autorange="reversed")
    return base_layout(figure, source=source)


def bottlenecks_over_time(table: pd.DataFrame) -> pd.DataFrame:
    """quarter ('2024-K1'), bottleneck, cases: cases registered per quarter and bottleneck."""
    if table.empty:
        return pd.DataFrame(columns=["quarter", "bottleneck", "cases"])
    opened = pd.to_datetime(table["opened_on"])
    frame = table.assign(quarter=opened.dt.year.astype(str) + "-K" + opened.dt.quarter.astype(str))
    return frame.groupby(["quarter", "bottleneck"]).size().rename("cases").reset_index().sort_values("quarter")


@cached_figure
def bottleneck_time_chart(per_quarter: pd.DataFrame, source: str = "") -> go.Figure:
    figure = px.bar(
        per_quarter,
        x="quarter",
        y="cases",
        color="bottleneck",
        color_discrete_map=BOTTLENECK_PALETTE,
        category_orders={"bottleneck": list(BOTTLENECKS)},
        labels={"quarter": "kwartaal van aanmelding", "cases": "casussen", "bottleneck": "knelpunt"},
    )
    return base_layout(figure, source=source)


def bottlenecks_by(table: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """<dimension>, bottleneck, cases, solved, open: cases per value of the dimension and bottleneck."""
    counted = table.assign(solved=table["status"] == "opgelost")  # vectorised: no Python call per group
    grouped = counted.groupby([dimension, "bottleneck"])
    return pd.DataFrame(
        {
            "cases": grouped.size(),
            "solved": grouped["solved"].sum().astype(int),
            "open": grouped["is_open"].sum().astype(int),
        }
    ).reset_index()


@cached_figure
def bottleneck_dimension_chart(frame: pd.DataFrame, dimension: str, source: str = "") -> go.Figure:
    order = frame.groupby(dimension)["cases"].sum().sort_values().index.tolist()
    figure = px.bar(
        frame,
        y=dimension,
        x="cases",
        color="bottleneck",
        orientation="h",
        color_discrete_map=BOTTLENECK_PALETTE,
        category_orders={dimension: order, "bottleneck": list(BOTTLENECKS)},
        labels={dimension: DIMENSION_LABELS[dimension], "cases": "casussen", "bottleneck": "knelpunt"},
    )
    return base_layout(figure, source=source)


def solved_by_bottleneck(table: pd.DataFrame, lead: pd.DataFrame) -> pd.DataFrame:
    """bottleneck, cases, open, solved, referred_or_stopped, solved_share (of all cases), median_days_to_solve
    (known dates only). lead: case_id, bottleneck, days, dates_unknown."""
    counted = table.assign(
        solved=table["status"] == "opgelost", referred_or_stopped=table["status"].isin(["doorverwezen", "gestopt"])
    )
    grouped = counted.groupby("bottleneck")
    out = pd.DataFrame(
        {
            "cases": grouped.size(),
            "open": grouped["is_open"].sum().astype(int),
            "solved": grouped["solved"].sum().astype(int),
            "referred_or_stopped": grouped["referred_or_stopped"].sum().astype(int),
        }
    )
    out["solved_share"] = out["solved"] / out["cases"]
    known = lead[~lead["dates_unknown"]].groupby("bottleneck")["days"].median()
    out["median_days_to_solve"] = known.reindex(out.index)
    return out.sort_values("cases", ascending=False).reset_index()


@cached_figure
def history_chart(history: pd.DataFrame) -> go.Figure:
    """Timeline of one case: a marker per status change."""
    figure = go.Figure(
        go.Scatter(
            x=history["event_date"],
            y=history["status"],
            mode="lines+markers+text",
            text=pd.to_datetime(history["event_date"]).dt.strftime("%d-%m-%Y"),
            textposition="top center",
            cliponaxis=False,  # the date over the top status stands in the margin instead of being cut off
            marker=dict(size=12, color=[STATUS_COLOURS.get(s, "#999") for s in history["status"]]),
            line=dict(color="#bbb"),
        )
    )
    figure.update_yaxes(categoryorder="array", categoryarray=list(CASE_STATUSES), title=None)
    dates = pd.to_datetime(history["event_date"])
    if not dates.empty:  # at least a two-month window, so same-day histories do not zoom in to hours
        first, last = dates.min(), dates.max()
        pad = max(pd.Timedelta(days=30), (last - first) * 0.08)
        figure.update_xaxes(range=[first - pad, last + pad])
    figure.update_xaxes(tickformat="%d-%m-%Y", nticks=8, title=None)
    base_layout(figure)
    figure.update_layout(height=300, margin=dict(t=40))
    return figure
