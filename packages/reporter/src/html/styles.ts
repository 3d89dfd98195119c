/**
 * The report's stylesheet: a neutral palette, system fonts only (nothing is fetched), numbers
 * in tabular figures, series colours `series-0..4`, and print rules (no shadows, sections kept
 * whole where they fit).
 */
export const REPORT_CSS = String.raw`
:root {
  --bg: #f4f5f7; --card: #ffffff; --border: #dde1e6; --rule: #eceef1;
  --text: #1c2128; --muted: #5c6775; --faint: #8c96a3;
  --accent: #2b5bb5;
  --ok: #1a7f37; --ok-bg: #e7f4eb; --warn: #8a5300; --warn-bg: #fff3d6; --bad: #c42b38; --bad-bg: #fde9eb;
  --c0: #2f6fdf; --c1: #12958a; --c2: #e0890b; --c3: #cf3c56; --c4: #7d5bc6;
  --mono: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace;
}
* { box-sizing: border-box; }
html { background: var(--bg); }
body {
  margin: 0; color: var(--text); background: var(--bg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "DejaVu Sans", Arial, sans-serif;
  -webkit-font-smoothing: antialiased;
}
.page { max-width: 1240px; margin: 0 auto; padding: 28px 28px 40px; }
header.top { display: flex; align-items: baseline; gap: 16px; flex-wrap: wrap; margin-bottom: 18px; }
header.top h1 { font-size: 22px; font-weight: 650; margin: 0; letter-spacing: -0.01em; }
header.top .subtitle { color: var(--muted); font-size: 13px; }
footer { color: var(--faint); font-size: 12px; margin-top: 24px; text-align: center; }
noscript p { background: var(--warn-bg); color: var(--warn); padding: 10px 14px; border-radius: 6px; }

.section { background: var(--card); border: 1px solid var(--border); border-radius: 10px; padding: 18px 22px 20px; margin-bottom: 18px; }
.section h2 { font-size: 16px; font-weight: 650; margin: 0 0 14px; }
.section h3 { font-size: 13px; font-weight: 650; margin: 20px 0 8px; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; }
.block h3 { margin-top: 4px; }
.note, .empty { color: var(--muted); margin: 0 0 12px; font-size: 13px; }
.render-error { color: var(--bad); }

.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin-bottom: 16px; }
.tile { border: 1px solid var(--border); border-radius: 8px; padding: 12px 14px; background: #fafbfc; }
.tile-value { font-size: 24px; font-weight: 650; font-variant-numeric: tabular-nums; line-height: 1.2; }
.tile-label { color: var(--muted); font-size: 12px; margin-top: 2px; }
.tile.ok .tile-value { color: var(--ok); }
.tile.warn { background: var(--warn-bg); border-color: #f0d9a0; }
.tile.warn .tile-value { color: var(--warn); }
.tile.bad { background: var(--bad-bg); border-color: #f3c0c6; }
.tile.bad .tile-value { color: var(--bad); }

.banner { border-radius: 8px; padding: 10px 14px; margin-bottom: 12px; font-weight: 550; }
.banner::before { content: "⚠ "; }
.banner.warn { background: var(--warn-bg); color: var(--warn); border: 1px solid #f0d9a0; }
.banner.bad { background: var(--bad-bg); color: var(--bad); border: 1px solid #f3c0c6; }

.details { display: grid; grid-template-columns: max-content 1fr; gap: 6px 20px; margin: 4px 0 18px; }
.details dt { color: var(--muted); }
.details dd { margin: 0; overflow-wrap: anywhere; }
.details ul.mix { margin: 0; padding: 0; list-style: none; }

.table-wrap { overflow-x: auto; }
table.data { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
table.data th, table.data td { padding: 5px 10px; border-bottom: 1px solid var(--rule); white-space: nowrap; }
table.data th { font-size: 12px; font-weight: 600; color: var(--muted); text-align: right; border-bottom-color: var(--border); }
table.data th:first-child, table.data th.text { text-align: left; }
table.data th.group { text-align: center; border-bottom: 1px solid var(--border); color: var(--faint); font-weight: 500; }
table.data th.group:first-child { border-bottom: 0; }
table.data tbody tr:hover { background: #f7f9fc; }
table.data td { text-align: left; }
table.data td.num { text-align: right; }
table.data td.zero { color: var(--faint); }
table.data td.bad { color: var(--bad); font-weight: 600; }
table.data td.warn { color: var(--warn); font-weight: 600; }
table.compact { width: auto; min-width: 60%; }
table.compact td:first-child { white-space: normal; overflow-wrap: anywhere; }
table.overview td a { color: var(--accent); text-decoration: none; font-weight: 550; }
table.overview td a:hover { text-decoration: underline; }
td.name { max-width: 380px; overflow: hidden; text-overflow: ellipsis; }
td.reason, td.mono, .mono { font-family: var(--mono); font-size: 12.5px; white-space: normal; overflow-wrap: anywhere; }
tr.level-workflow td { font-weight: 600; background: #f8f9fb; }
tr.level-step td.name { padding-left: 26px; }
tr.level-request td.name { padding-left: 46px; }
tr.level-request td { color: #39424e; }
.tag { display: inline-block; font-size: 10.5px; font-weight: 600; color: var(--muted); background: #eef0f3; border-radius: 4px; padding: 0 5px; text-transform: uppercase; letter-spacing: 0.03em; vertical-align: 1px; }
.method { display: inline-block; min-width: 44px; font-family: var(--mono); font-size: 11.5px; font-weight: 600; color: var(--accent); }
.endpoint { font-family: var(--mono); font-size: 12.5px; }
.tags { font-family: var(--mono); font-size: 11.5px; color: var(--muted); }

.pill { display: inline-block; border-radius: 999px; padding: 1px 9px; font-size: 12px; font-weight: 600; background: #eef0f3; color: var(--muted); }
.pill.ok { background: var(--ok-bg); color: var(--ok); }
.pill.warn { background: var(--warn-bg); color: var(--warn); }
.pill.bad { background: var(--bad-bg); color: var(--bad); }
table.thresholds .pill { text-transform: uppercase; }
table.thresholds td[data-col="expr"] { width: 70%; }

.workflow-head { display: flex; align-items: center; justify-content: space-between; gap: 12px; margin-bottom: 8px; }
.workflow-head h2 { margin: 0; overflow-wrap: anywhere; }
.facts { display: flex; flex-wrap: wrap; gap: 6px 18px; color: var(--muted); margin-bottom: 14px; font-variant-numeric: tabular-nums; }
.facts b { color: var(--text); font-weight: 650; }
.facts .bad b { color: var(--bad); }
.facts .warn b { color: var(--warn); }
.split { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 24px; align-items: start; }
.split.even { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); margin-top: 8px; }
.split .table-wrap table.compact { width: 100%; }
.picker { display: block; color: var(--muted); font-size: 12px; margin-bottom: 4px; }
.picker select { font: inherit; color: var(--text); padding: 2px 4px; border: 1px solid var(--border); border-radius: 5px; background: #fff; max-width: 80%; }

.chart-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 22px 28px; }
figure.chart { margin: 0; }
figure.chart figcaption { font-weight: 600; font-size: 13px; margin-bottom: 4px; overflow-wrap: anywhere; }
.chart-svg { width: 100%; height: auto; display: block; overflow: visible; }
.chart-svg text { font-size: 11px; fill: var(--muted); font-variant-numeric: tabular-nums; }
.chart-svg .axis-title { fill: var(--faint); font-size: 11px; }
.chart-svg .grid { stroke: var(--rule); stroke-width: 1; }
.chart-svg .axis-line, .chart-svg .tick { stroke: #b8bfc8; stroke-width: 1; }
.chart-svg .line { fill: none; stroke-width: 2; stroke-linejoin: round; stroke-linecap: round; }
.chart-svg .line.dashed { stroke-dasharray: 5 4; }
.chart-svg .point { stroke: #fff; stroke-width: 1; }
.chart-svg .bar { opacity: 0.9; }
.chart-svg .bar:hover { opacity: 1; }
.chart-svg .bar-value { fill: var(--text); font-size: 10.5px; }
.series-0 .line { stroke: var(--c0); } .series-0 .point, .series-0 .bar, .swatch.series-0 { fill: var(--c0); background: var(--c0); }
.series-1 .line { stroke: var(--c1); } .series-1 .point, .swatch.series-1 { fill: var(--c1); background: var(--c1); }
.series-2 .line { stroke: var(--c2); } .series-2 .point, .swatch.series-2 { fill: var(--c2); background: var(--c2); }
.series-3 .line { stroke: var(--c3); } .series-3 .point, .swatch.series-3 { fill: var(--c3); background: var(--c3); }
.series-4 .line { stroke: var(--c4); } .series-4 .point, .swatch.series-4 { fill: var(--c4); background: var(--c4); }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 12px; color: var(--muted); margin-top: 2px; padding-left: 66px; }
.legend-item { display: inline-flex; align-items: center; gap: 6px; overflow-wrap: anywhere; }
.swatch { width: 14px; height: 3px; border-radius: 2px; display: inline-block; }
.swatch.dashed { background-image: linear-gradient(90deg, transparent 55%, var(--card) 55%); background-size: 7px 3px; }
.chart-svg .mark { fill: var(--bad); stroke: #fff; stroke-width: 1.5; }
.swatch.mark { width: 10px; height: 10px; border-radius: 50%; background: var(--bad); }

@media (max-width: 860px) {
  .split, .split.even { grid-template-columns: minmax(0, 1fr); }
  .page { padding: 16px; }
}
@media print {
  html, body { background: #fff; }
  .page { max-width: none; padding: 0; }
  .section { border-color: #ccc; break-inside: avoid; }
  .workflow { break-inside: auto; }
  .picker, noscript { display: none; }
  table.data tbody tr:hover { background: none; }
}
`;

/**
 * What the trend page (`renderTrendReport`) adds to {@link REPORT_CSS}: the baseline drawn in grey,
 * regression rows tinted.
 */
export const TREND_CSS = String.raw`
.trend .series-1 .line { stroke: var(--faint); }
.trend .series-1 .point, .trend .swatch.series-1 { fill: var(--faint); background: var(--faint); }
.trend .chart { margin-bottom: 14px; }
table.data tr.regression td { background: var(--bad-bg); }
table.data td.worse { color: var(--bad); }
table.data td.better { color: var(--ok); }
`;

/** What the diff page (`renderDiffReport`) adds to {@link REPORT_CSS}: changes coloured, rows past a bound tinted. */
export const DIFF_CSS = String.raw`
table.data tr.regression td { background: var(--bad-bg); }
table.data td.worse { color: var(--bad); font-weight: 600; }
table.data td.better { color: var(--ok); }
table.data td.noise, table.data td.same { color: var(--faint); }
table.data td .values { font-size: 11px; color: var(--faint); font-weight: 400; }
`;
