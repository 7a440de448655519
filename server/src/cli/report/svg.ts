/**
 * Small inline-SVG charts for the HTML report: horizontal (stacked) bars, a ring and a line chart.
 * Each returns SVG markup with its numbers in `data-*` attributes (tests read them) and a <title>
 * per mark (the browser's tooltip). All text goes through {@link esc}.
 */

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Shortens a label to `max` characters with an ellipsis. */
export function clip(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1).trimEnd() + '\u2026';
}

const fmt = (n: number) => Math.round(n * 10) / 10;

export interface Segment {
  value: number;
  /** CSS class of the segment (its colour). */
  cls: string;
  /** What the segment counts, for its tooltip ("errors"). */
  name: string;
}

export interface Bar {
  key: string;
  label: string;
  /** Tooltip of the whole bar. */
  title: string;
  segments: Segment[];
  /** Clicking the bar filters the notes table: by `rule`, `provider` or `month`. */
  filter?: { by: 'rule' | 'provider' | 'month'; value: string };
}

export interface BarOptions {
  chart: string;
  /** Accessible name of the chart. */
  label: string;
  labelWidth?: number;
  width?: number;
  /** Text after the total at the bar's end: singular and plural, e.g. ["note", "notes"]. */
  unit?: [string, string];
}

const BAR_H = 20;
const BAR_GAP = 8;

/** Horizontal bars, one per item, each made of stacked segments; the total written at its end. */
export function barChart(bars: readonly Bar[], o: BarOptions): string {
  const width = o.width ?? 560;
  const labelW = o.labelWidth ?? 210;
  const valueW = 70;
  const plotW = width - labelW - valueW;
  const height = Math.max(1, bars.length) * (BAR_H + BAR_GAP) + BAR_GAP;
  const max = Math.max(1, ...bars.map((b) => b.segments.reduce((s, x) => s + x.value, 0)));
  const out: string[] = [];
  out.push(`<svg class="chart" data-chart="${esc(o.chart)}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(o.label)}" xmlns="http://www.w3.org/2000/svg">`);
  out.push(`<line class="axis" x1="${labelW}" y1="0" x2="${labelW}" y2="${height}"/>`);
  if (bars.length === 0) out.push(`<text class="empty" x="${labelW + 10}" y="${BAR_GAP + BAR_H * 0.7}">none</text>`);
  bars.forEach((b, i) => {
    const y = BAR_GAP + i * (BAR_H + BAR_GAP);
    const total = b.segments.reduce((s, x) => s + x.value, 0);
    const filter = b.filter ? ` data-filter="${b.filter.by}" data-filter-value="${esc(b.filter.value)}" tabindex="0" role="button"` : '';
    out.push(`<g class="bar" data-key="${esc(b.key)}" data-value="${total}"${filter}>`);
    out.push(`<title>${esc(b.title)}</title>`);
    out.push(`<text class="label" x="${labelW - 8}" y="${y + BAR_H * 0.7}" text-anchor="end">${esc(b.label)}</text>`);
    let x = labelW;
    for (const s of b.segments) {
      if (s.value <= 0) continue;
      const w = (s.value / max) * plotW;
      out.push(
        `<rect class="seg ${esc(s.cls)}" data-series="${esc(s.cls)}" data-value="${s.value}" x="${fmt(x)}" y="${y}" width="${fmt(Math.max(w, 1))}" height="${BAR_H}"><title>${esc(`${b.label}: ${s.value} ${s.name}`)}</title></rect>`,
      );
      x += w;
    }
    out.push(`<text class="value" x="${fmt(x + 6)}" y="${y + BAR_H * 0.7}">${total}${o.unit ? ' ' + esc(o.unit[total === 1 ? 0 : 1]) : ''}</text>`);
    out.push('</g>');
  });
  out.push('</svg>');
  return out.join('');
}

/** A ring: `part` of `whole` in the `cls` colour over a base ring, the percentage in the middle. */
export function ringChart(o: { chart: string; label: string; part: number; whole: number; cls: string; baseCls: string; partName: string; restName: string }): string {
  const pct = o.whole ? (o.part / o.whole) * 100 : 0;
  const r = 70;
  const c = 100;
  const out: string[] = [];
  out.push(`<svg class="chart ring" data-chart="${esc(o.chart)}" viewBox="0 0 200 200" role="img" aria-label="${esc(o.label)}" xmlns="http://www.w3.org/2000/svg">`);
  out.push(
    `<circle class="slice ${esc(o.baseCls)}" data-series="${esc(o.baseCls)}" data-value="${o.whole - o.part}" cx="${c}" cy="${c}" r="${r}"><title>${o.whole - o.part} ${esc(o.restName)}</title></circle>`,
  );
  if (o.part > 0) {
    out.push(
      `<circle class="slice ${esc(o.cls)}" data-series="${esc(o.cls)}" data-value="${o.part}" cx="${c}" cy="${c}" r="${r}" pathLength="100" stroke-dasharray="${fmt(pct)} ${fmt(100 - pct)}" transform="rotate(-90 ${c} ${c})"><title>${o.part} ${esc(o.partName)}</title></circle>`,
    );
  }
  out.push(`<text class="ring-pct" x="${c}" y="${c + 4}" text-anchor="middle">${o.whole ? Math.round(pct) : 0}%</text>`);
  out.push(`<text class="ring-sub" x="${c}" y="${c + 26}" text-anchor="middle">${esc(o.partName)}</text>`);
  out.push('</svg>');
  return out.join('');
}

export interface Series {
  name: string;
  cls: string;
  values: number[];
}

/**
 * A count axis: a step of 1, 2 or 5 times a power of ten (at least 1: counts are whole numbers)
 * giving about four intervals, and the first multiple of it at or above `max`.
 */
export function countAxis(max: number): { max: number; step: number } {
  if (max <= 0) return { max: 1, step: 1 };
  const raw = max / 4;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(
    1,
    [1, 2, 5, 10].map((f) => f * p).find((s) => s >= raw)!,
  );
  return { max: Math.ceil(max / step) * step, step };
}

/** Lines over categories (months) on one count axis, a point with a tooltip per value. */
export function lineChart(categories: readonly string[], series: readonly Series[], o: { chart: string; label: string; filterBy?: 'month'; width?: number }): string {
  const width = o.width ?? 560;
  const height = 260;
  const left = 40;
  const right = 32;
  const top = 16;
  const bottom = 40;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const axis = countAxis(Math.max(0, ...series.flatMap((s) => s.values)));
  const max = axis.max;
  const inset = 14; // the first and last points clear the axis labels
  const xs = categories.map((_, i) => left + inset + (categories.length === 1 ? (plotW - 2 * inset) / 2 : (i / (categories.length - 1)) * (plotW - 2 * inset)));
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const out: string[] = [];
  out.push(`<svg class="chart" data-chart="${esc(o.chart)}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(o.label)}" xmlns="http://www.w3.org/2000/svg">`);
  const ticks = Array.from({ length: max / axis.step + 1 }, (_, i) => i * axis.step);
  for (const t of ticks) {
    out.push(`<line class="grid" x1="${left}" y1="${fmt(y(t))}" x2="${width - right}" y2="${fmt(y(t))}"/>`);
    out.push(`<text class="tick" x="${left - 6}" y="${fmt(y(t) + 4)}" text-anchor="end">${fmt(t)}</text>`);
  }
  if (categories.length === 0) out.push(`<text class="empty" x="${left + 10}" y="${top + plotH / 2}">no dated notes</text>`);
  const every = Math.max(1, Math.ceil(categories.length / 12));
  categories.forEach((c, i) => {
    if (i % every === 0 || i === categories.length - 1) out.push(`<text class="tick" x="${fmt(xs[i])}" y="${height - bottom + 18}" text-anchor="middle">${esc(c)}</text>`);
  });
  for (const s of series) {
    if (categories.length > 1) out.push(`<polyline class="line ${esc(s.cls)}" data-series="${esc(s.cls)}" points="${s.values.map((v, i) => `${fmt(xs[i])},${fmt(y(v))}`).join(' ')}"/>`);
    s.values.forEach((v, i) => {
      const filter = o.filterBy ? ` data-filter="${o.filterBy}" data-filter-value="${esc(categories[i])}" tabindex="0" role="button"` : '';
      out.push(
        `<circle class="point ${esc(s.cls)}" data-series="${esc(s.cls)}" data-key="${esc(categories[i])}" data-value="${v}" cx="${fmt(xs[i])}" cy="${fmt(y(v))}" r="4.5"${filter}><title>${esc(`${categories[i]}: ${v} ${s.name}`)}</title></circle>`,
      );
    });
  }
  out.push('</svg>');
  return out.join('');
}
