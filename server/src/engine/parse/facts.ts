import type { Document, Node, Pair } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from '../yaml';
import type { Range } from '../types';
import { itemsOf, nodeRange, pairsOf, resolveNode, scalarValue, type FmItem, type FmValue, type FrontMatterBlock } from './frontMatter';

export interface Charge {
  index: number;
  /** The whole list item. */
  range: Range;
  node: Node | null;
  /** False when the item is not a mapping (a scalar or a nested list). */
  isMapping: boolean;
  entries: Map<string, FmValue>;
  /** Normalized code (upper case, trimmed), when present and not a placeholder. */
  code?: string;
  codeValue?: FmValue;
  /** Normalized modifiers (upper case). */
  modifiers: { code: string; item: FmItem }[];
  modifiersValue?: FmValue;
  units?: FmValue;
  minutes?: FmValue;
  region?: FmValue;
  /** v2: minutes of the line an assistant furnished apart from the therapist (not checked yet beyond its format). */
  assistantMinutes?: FmValue;
}

export interface Facts {
  /** Top-level keys, lower-cased. */
  entries: Map<string, FmValue>;
  charges: Charge[];
  chargesValue?: FmValue;
  diagnoses: { code: string; item: FmItem }[];
  diagnosesValue?: FmValue;
  /** Upper-cased discipline when it is a string. */
  discipline?: string;
  encounter?: string;
  furnishedBy?: string;
  payer?: string;
  date?: string;
  /** v2: lower-cased `status` when it is a string (`draft`, `final`, `template`); absent = final. */
  status?: string;
}

const EMPTY: Facts = { entries: new Map(), charges: [], diagnoses: [] };

function overlapsAny(r: Range, placeholders: Range[]): boolean {
  return placeholders.some((p) => p.start < r.end && r.start < p.end);
}

function lowerString(v: unknown): string | undefined {
  return typeof v === 'string' ? v.trim().toLowerCase() : undefined;
}

/**
 * A value's range without trailing white space: yaml ends a block list or mapping after the line
 * break of its last line, which would put findings on the line below.
 */
function trimEnd(r: Range, text: string): Range {
  let end = r.end;
  while (end > r.start && /\s/.test(text[end - 1])) end--;
  return end === r.end ? r : { start: r.start, end };
}

/** Extracts typed facts with positions from the parsed front matter. */
export function extractFacts(fm: FrontMatterBlock | undefined, text: string, placeholders: Range[]): Facts {
  if (!fm || !fm.isMapping) return EMPTY;
  const base = fm.contentRange.start;
  const doc = fm.doc;
  const valueOf = (pair: Pair): FmValue => {
    const key = pair.key as Node | null;
    const value = pair.value as Node | null;
    const keyRange = nodeRange(key, base, base);
    const range = value ? trimEnd(nodeRange(value, base, keyRange.end), text) : { start: keyRange.end, end: keyRange.end };
    const src = text.slice(range.start, range.end);
    return {
      value: scalarValue(value, doc),
      text: src.trim(),
      range,
      keyRange,
      pairRange: { start: keyRange.start, end: Math.max(range.end, keyRange.end) },
      node: value,
      placeholder: overlapsAny(range, placeholders),
    };
  };
  const itemOf = (node: Node | null): FmItem => {
    const range = trimEnd(nodeRange(node, base, base), text);
    return {
      value: scalarValue(node, doc),
      text: text.slice(range.start, range.end).trim(),
      range,
      node,
      placeholder: overlapsAny(range, placeholders),
    };
  };
  const entries = mapEntries(doc.contents, valueOf);
  const facts: Facts = { entries, charges: [], diagnoses: [] };
  const get = (k: string) => {
    const v = entries.get(k);
    return v && !v.placeholder ? v.value : undefined;
  };
  const discipline = get('discipline');
  if (typeof discipline === 'string') facts.discipline = discipline.trim().toUpperCase();
  facts.encounter = lowerString(get('encounter'));
  facts.furnishedBy = lowerString(get('furnished_by'));
  facts.payer = lowerString(get('payer'));
  facts.status = lowerString(get('status'));
  const date = get('date');
  if (typeof date === 'string') facts.date = date.trim();

  const dx = entries.get('diagnoses');
  if (dx) {
    facts.diagnosesValue = dx;
    const dxNode = resolveNode(dx.node, doc);
    const nodes = dxNode && isSeq(dxNode) ? itemsOf(dxNode) : dxNode && isScalar(dxNode) && dx.value !== null ? [dxNode] : [];
    for (const n of nodes) {
      const item = itemOf(n);
      if (item.placeholder || item.value === null || item.value === undefined) continue;
      facts.diagnoses.push({ code: String(item.value).trim().toUpperCase(), item });
    }
  }

  const ch = entries.get('charges');
  if (ch) {
    facts.chargesValue = ch;
    itemsOf(resolveNode(ch.node, doc)).forEach((item, index) => {
      const n = resolveNode(item, doc) ?? null;
      const range = nodeRange(item, base, ch.range.start);
      const chargeEntries = n && isMap(n) ? mapEntries(n, valueOf) : new Map<string, FmValue>();
      // Every property set here, in one order (the optional ones undefined): all charges share one
      // hidden class, so the rules' reads of them stay monomorphic.
      const charge: Charge = {
        index,
        range,
        node: n,
        isMapping: !!n && isMap(n),
        entries: chargeEntries,
        code: undefined,
        codeValue: undefined,
        modifiers: [],
        modifiersValue: undefined,
        units: undefined,
        minutes: undefined,
        region: undefined,
        assistantMinutes: undefined,
      };
      const code = chargeEntries.get('code');
      if (code) {
        charge.codeValue = code;
        if (!code.placeholder && code.value !== null && code.value !== undefined && typeof code.value !== 'object') {
          charge.code = String(code.value).trim().toUpperCase();
        }
      }
      const mods = chargeEntries.get('modifiers');
      if (mods) {
        charge.modifiersValue = mods;
        const modNode = resolveNode(mods.node, doc);
        const modNodes = modNode && isSeq(modNode) ? itemsOf(modNode) : modNode && isScalar(modNode) && mods.value !== null ? [modNode] : [];
        for (const m of modNodes) {
          const item = itemOf(m);
          if (item.placeholder || item.value === null || item.value === undefined) continue;
          // A scalar like "GP, CQ" lists several modifiers.
          for (const part of String(item.value)
            .split(/[\s,]+/)
            .filter(Boolean))
            charge.modifiers.push({ code: part.toUpperCase(), item });
        }
      }
      charge.units = chargeEntries.get('units');
      charge.minutes = chargeEntries.get('minutes');
      charge.region = chargeEntries.get('region');
      charge.assistantMinutes = chargeEntries.get('assistant_minutes');
      facts.charges.push(charge);
    });
  }
  return facts;
}

function mapEntries(node: Node | null, valueOf: (p: Pair) => FmValue): Map<string, FmValue> {
  const out = new Map<string, FmValue>();
  for (const pair of pairsOf(node)) {
    if (!isPair(pair)) continue;
    const key = pair.key as Node | null;
    const k =
      key && isScalar(key)
        ? String(key.value ?? '')
            .trim()
            .toLowerCase()
        : undefined;
    if (k === undefined || out.has(k)) continue;
    out.set(k, valueOf(pair));
  }
  return out;
}

/**
 * Reads a whole-number fact (units, minutes): a non-negative integer, or a string of digits.
 * Undefined when absent, not numeric or negative (invalid-field-value reports those; callers such
 * as unitsForMinutes throw on negative minutes).
 */
export function intValue(v: FmValue | undefined): number | undefined {
  if (!v || v.placeholder) return undefined;
  if (typeof v.value === 'number' && Number.isSafeInteger(v.value) && v.value >= 0) return v.value;
  if (typeof v.value === 'string' && /^\s*\d+\s*$/.test(v.value) && Number.isSafeInteger(Number(v.value))) return Number(v.value);
  return undefined;
}

export type { Document };
