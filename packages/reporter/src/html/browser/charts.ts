// Browser code: bundled by esbuild into the page's inline script (see ../browser-bundles.d.ts).
// ---- charts ----------------------------------------------------------------------------
import { arr, isNum } from './format.js';
import { h, svg } from './dom.js';
/** A y scale: its tick values, and where a value sits from 0 (bottom) to 1 (top). */
export interface Scale {
  ticks: number[];
  at(y: number): number;
}

export const MARGIN = { top: 16, right: 20, bottom: 46, left: 66 };
export const MAX_MARKERS = 150; // above this many points a line is drawn without dots

/**
 * A round step (1, 2, 2.5 or 5 times a power of ten) that cuts 0..range into about count parts;
 * with integer, never below 1 and never 2.5 (axes of counts).
 */
export function niceStep(range: number, count: number, integer?: boolean): number {
  if (!(range > 0)) return 1;
  const raw = range / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / magnitude;
  const quarter = !(integer && magnitude === 1);
  const factor = norm <= 1 ? 1 : norm <= 2 ? 2 : quarter && norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10;
  return integer ? Math.max(1, factor * magnitude) : factor * magnitude;
}

/** A linear y scale from 0 to a round value at or above max: { ticks, at(y) in 0..1 }. */
export function linearScale(max: number, count: number, integer?: boolean): Scale {
  const top = max > 0 ? max : 1;
  const step = niceStep(top, count, integer);
  const last = Math.max(1, Math.ceil(top / step - 1e-9));
  const ticks: number[] = [];
  for (let i = 0; i <= last; i++) ticks.push(Number((i * step).toPrecision(12)));
  const end = ticks[ticks.length - 1];
  return { ticks: ticks, at: (y) => y / end };
}

/** 1, 2 and 5 times each power of ten from below lo to above hi. */
export function steps125(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)) - 1; e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) out.push(Number((m * 10 ** e).toPrecision(12)));
  }
  return out;
}

/**
 * A log10 y scale over the positive values, from the 1-2-5 value at or below the smallest to
 * the one at or above the largest. Ticks at 1, 2 and 5 times each power of ten, or, when that
 * is more than 8 ticks, at the powers of ten plus both ends. Values at or below the bottom
 * (a 0 included) sit on the axis.
 */
export function logScale(values: number[]): Scale {
  const positive = values.filter((v) => v > 0);
  if (positive.length === 0) return linearScale(1, 4, false);
  const min = Math.min.apply(null, positive);
  const max = Math.max.apply(null, positive);
  const candidates = steps125(min, max);
  // steps125 starts a decade below min and ends one above max: both exist.
  const lo = candidates.filter((v) => v <= min).pop()!;
  let hi = candidates.find((v) => v >= max)!;
  if (hi <= lo) hi = candidates[candidates.indexOf(lo) + 1];
  let ticks = candidates.filter((v) => v >= lo && v <= hi);
  if (ticks.length > 8) {
    ticks = ticks.filter((v, i) => i === 0 || i === ticks.length - 1 || Number.isInteger(Math.log10(v)));
  }
  const span = Math.log10(hi / lo);
  return { ticks: ticks, at: (y) => (y > lo ? Math.min(1, Math.log10(y / lo) / span) : 0) };
}

/** Seconds steps people read: 1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min, 1 h, ... */
export const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];
export function timeTicks(min: number, max: number, count: number): number[] {
  const range = max - min;
  const step = TIME_STEPS.find((s) => range / s <= count) || Math.ceil(range / count);
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + 1e-9; t += step) ticks.push(t);
  return ticks;
}

/** Seconds as an axis label: "45 s", then "1:30", "1:00:00". */
export function formatSeconds(sec: number): string {
  if (sec < 60) return sec + ' s';
  const two = (n) => String(n).padStart(2, '0');
  const h = Math.floor(sec / 3600);
  const m = Math.floor((sec % 3600) / 60);
  return h > 0 ? h + ':' + two(m) + ':' + two(sec % 60) : m + ':' + two(sec % 60);
}

export const fixed = (n: number): string => n.toFixed(1);

/** The figure around a chart: caption, then the SVG (or a note when there is nothing to draw), then the legend. */
export function chartFigure(spec, root, legend) {
  return h('figure', { class: 'chart', 'data-chart': spec.id }, [h('figcaption', null, spec.title), root || h('p', { class: 'empty' }, spec.emptyText || 'No data yet.'), legend || null]);
}

/** What chartFrame reads of a chart's spec: size in px (default 560×250), label and axis titles. */
interface FrameSpec {
  width?: number;
  height?: number;
  title?: string;
  yTitle?: string;
  xTitle?: string;
  formatY: (value: number) => string;
}

/** The SVG element and the y axis (grid lines with labels from scale.ticks), axis titles. Returns { root, sy, plot }. */
export function chartFrame(spec: FrameSpec, scale: Scale) {
  const width = spec.width || 560;
  const height = spec.height || 250;
  const inner = { left: MARGIN.left, top: MARGIN.top, width: width - MARGIN.left - MARGIN.right, height: height - MARGIN.top - MARGIN.bottom };
  const plot = { ...inner, bottom: inner.top + inner.height, right: inner.left + inner.width };
  const root = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, class: 'chart-svg', role: 'img', 'aria-label': spec.title });
  const sy = (y) => plot.bottom - scale.at(y) * plot.height;
  const grid = svg('g', { class: 'axis axis-y' });
  for (const tick of scale.ticks) {
    const y = fixed(sy(tick));
    if (y !== fixed(plot.bottom)) grid.appendChild(svg('line', { class: 'grid', x1: plot.left, x2: plot.right, y1: y, y2: y }));
    grid.appendChild(svg('text', { x: plot.left - 8, y: y, dy: '0.32em', 'text-anchor': 'end' }, spec.formatY(tick)));
  }
  grid.appendChild(svg('line', { class: 'axis-line', x1: plot.left, x2: plot.right, y1: fixed(plot.bottom), y2: fixed(plot.bottom) }));
  root.appendChild(grid);
  if (spec.yTitle) {
    const x = 14;
    const y = fixed(plot.top + plot.height / 2);
    root.appendChild(svg('text', { class: 'axis-title', x: x, y: y, transform: 'rotate(-90 ' + x + ' ' + y + ')', 'text-anchor': 'middle' }, spec.yTitle));
  }
  if (spec.xTitle) {
    root.appendChild(svg('text', { class: 'axis-title', x: fixed(plot.left + plot.width / 2), y: height - 6, 'text-anchor': 'middle' }, spec.xTitle));
  }
  return { root: root, sy: sy, plot: plot };
}

/**
 * A line chart of series over time.
 * spec: { id, title, series: [{ name, points: [[x, y], ...], dashed }], formatY, xTitle, yTitle, width, height,
 * emptyText, integer (y is a count: whole ticks), scale ('linear', the default, from 0, or 'log') }.
 * x is seconds (the axis starts at 0). A point shows a tooltip with its value.
 * Other x axes: xDomain ([min, max]), xTicks (the x values to label) and formatX (a tick's label;
 * describeX, defaulting to it, names a point's x in tooltips), e.g. run indexes labelled by date.
 * marks: { name, points: [{ x, y, title }] } draws those points on top as larger dots (class
 * "mark", red), with a legend entry: regressions on a trend.
 */
export function lineChart(spec) {
  const series = arr(spec.series).map((s) => ({ name: s.name, dashed: s.dashed === true, points: arr(s.points).filter((p) => isNum(p[0]) && isNum(p[1])) }));
  const all: number[][] = series.flatMap((s) => s.points);
  if (all.length === 0) return chartFigure(spec, null, null);

  const domain = arr(spec.xDomain);
  const xMin = isNum(domain[0])
    ? domain[0]
    : Math.min(
        0,
        Math.min.apply(
          null,
          all.map((p) => p[0]),
        ),
      );
  const xMax =
    isNum(domain[1]) && domain[1] > xMin
      ? domain[1]
      : Math.max(
          xMin + 1,
          Math.max.apply(
            null,
            all.map((p) => p[0]),
          ),
        );
  const formatX = spec.formatX || formatSeconds;
  const describeX = spec.describeX || formatX;
  const ys = all.map((p) => p[1]);
  const frame = chartFrame(spec, spec.scale === 'log' ? logScale(ys) : linearScale(Math.max.apply(null, ys), 5, spec.integer));
  const plot = frame.plot;
  const sx = (x) => plot.left + ((x - xMin) / (xMax - xMin)) * plot.width;

  const xAxis = svg('g', { class: 'axis axis-x' });
  for (const tick of spec.xTicks ? arr(spec.xTicks).filter(isNum) : timeTicks(xMin, xMax, 8)) {
    const x = fixed(sx(tick));
    xAxis.appendChild(svg('line', { class: 'tick', x1: x, x2: x, y1: plot.bottom, y2: plot.bottom + 5 }));
    xAxis.appendChild(svg('text', { x: x, y: plot.bottom + 18, 'text-anchor': 'middle' }, formatX(tick)));
  }
  frame.root.appendChild(xAxis);

  series.forEach((s, i) => {
    if (s.points.length === 0) return;
    const d = s.points.map((p, j) => (j === 0 ? 'M' : 'L') + fixed(sx(p[0])) + ' ' + fixed(frame.sy(p[1]))).join(' ');
    const group = svg('g', { class: 'series series-' + i, 'data-series': s.name });
    group.appendChild(svg('path', { class: s.dashed ? 'line dashed' : 'line', d: d }));
    if (s.points.length <= MAX_MARKERS) {
      for (const p of s.points) {
        group.appendChild(svg('circle', { class: 'point', cx: fixed(sx(p[0])), cy: fixed(frame.sy(p[1])), r: 2.6 }, svg('title', null, s.name + ' at ' + describeX(p[0]) + ': ' + spec.formatY(p[1]))));
      }
    }
    frame.root.appendChild(group);
  });

  const marks = spec.marks ? arr(spec.marks.points).filter((m) => m && isNum(m.x) && isNum(m.y)) : [];
  if (marks.length > 0) {
    const group = svg('g', { class: 'marks', 'data-marks': spec.marks.name });
    for (const m of marks) {
      group.appendChild(
        svg('circle', { class: 'mark', cx: fixed(sx(m.x)), cy: fixed(frame.sy(m.y)), r: 5.5 }, svg('title', null, m.title || spec.marks.name + ' at ' + describeX(m.x) + ': ' + spec.formatY(m.y))),
      );
    }
    frame.root.appendChild(group);
  }

  const legend = h(
    'div',
    { class: 'legend' },
    series
      .map((s, i) => h('span', { class: 'legend-item' }, [h('span', { class: 'swatch series-' + i + (s.dashed ? ' dashed' : '') }), s.name]))
      .concat(marks.length > 0 ? [h('span', { class: 'legend-item' }, [h('span', { class: 'swatch mark' }), spec.marks.name])] : []),
  );
  return chartFigure(spec, frame.root, legend);
}

/**
 * A bar chart, one bar per category, its count above it.
 * spec: { id, title, bars: [{ label, value, tooltip }], formatY, xTitle, yTitle, width, height, emptyText, integer }.
 * A bar with a value above 0 is at least one unit tall, so a bucket with a few samples still shows.
 */
export function barChart(spec) {
  const bars = arr(spec.bars).filter((b) => isNum(b.value));
  if (bars.length === 0) return chartFigure(spec, null, null);

  const frame = chartFrame(
    spec,
    linearScale(
      Math.max.apply(
        null,
        bars.map((b) => b.value),
      ),
      4,
      spec.integer,
    ),
  );
  const plot = frame.plot;
  const slot = plot.width / bars.length;
  const barWidth = Math.min(64, slot * 0.72);
  const slanted = slot < 58; // labels would touch: turn them
  const group = svg('g', { class: 'series series-0 bars' });
  bars.forEach((b, i) => {
    const center = plot.left + slot * i + slot / 2;
    const top = b.value > 0 ? Math.min(frame.sy(b.value), plot.bottom - 1) : plot.bottom;
    group.appendChild(
      svg(
        'rect',
        { class: 'bar', x: fixed(center - barWidth / 2), y: fixed(top), width: fixed(barWidth), height: fixed(plot.bottom - top) },
        svg('title', null, b.tooltip || b.label + ': ' + spec.formatY(b.value)),
      ),
    );
    if (slot >= 26) {
      group.appendChild(svg('text', { class: 'bar-value', x: fixed(center), y: fixed(top - 5), 'text-anchor': 'middle' }, spec.formatY(b.value)));
    }
    const y = plot.bottom + 17;
    group.appendChild(
      slanted
        ? svg('text', { class: 'bar-label', x: fixed(center), y: y, 'text-anchor': 'end', transform: 'rotate(-30 ' + fixed(center) + ' ' + y + ')' }, b.label)
        : svg('text', { class: 'bar-label', x: fixed(center), y: y, 'text-anchor': 'middle' }, b.label),
    );
  });
  frame.root.appendChild(group);
  return chartFigure(spec, frame.root, null);
}
