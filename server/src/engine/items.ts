/**
 * The items left to fill in a note, in reading order: what "next item" moves through and what the
 * editor counts ("12 items left").
 *
 * - Every placeholder outside comments (`{{label}}`, `${label}`) is an item; selecting its range
 *   whole and typing replaces it.
 * - Every completeness finding (something not written yet: a "to do" in a draft, an error or
 *   warning in a final note) is an item at its range. When that range contains placeholders the
 *   placeholders are the items (the finding's message goes with the first of them), so a field
 *   written as `Safety: {{skin checks}}` is one item, where typing replaces the placeholder.
 * - Findings at the same range (several parts of an absent section, all on the front matter's
 *   first line) are one item.
 *
 * Correctness findings (something written that is wrong) are not items to fill: they are errors
 * and warnings in the Problems panel.
 */
import type { Note } from './parse/note';
import type { Finding, Range } from './types';

export interface NoteItem {
  /** What to select (a placeholder, whole) or where to go (a finding's range). */
  range: Range;
  /** `placeholder`: typing over the selected range fills it; `todo`: something to add at or near the range. */
  kind: 'placeholder' | 'todo';
  /** The placeholder's label, or the rule id of the finding. */
  label: string;
  /** What to do: the finding's message, or "Fill in `label`." for a bare placeholder. */
  message: string;
  /** Rule ids of the findings this item stands for (none for a bare placeholder). */
  rules: string[];
}

const PLACEHOLDER_RULE = 'unresolved-placeholder';

function inside(inner: Range, outer: Range): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

function fillMessage(label: string): string {
  const l = label.trim().replace(/`/g, "'");
  return l ? `Fill in \`${l}\`.` : 'Fill in the empty placeholder.';
}

/**
 * The items left in a note (see the module comment), sorted by position. `findings` are the
 * note's findings after its status was applied (the lint result's, plus any cross-note ones).
 */
export function noteItems(note: Note, findings: readonly Finding[]): NoteItem[] {
  const items: NoteItem[] = note.placeholders.map((p) => ({
    range: { start: p.start, end: p.end },
    kind: 'placeholder' as const,
    label: p.label.trim(),
    message: fillMessage(p.label),
    rules: [],
  }));
  const byStart = new Map(items.map((i) => [i.range.start, i]));
  const todo = new Map<string, NoteItem>();
  for (const f of findings) {
    if (f.kind !== 'completeness') continue;
    if (f.ruleId === PLACEHOLDER_RULE) {
      // Its placeholder is already an item; keep the rule id and the draft's wording.
      const item = byStart.get(f.range.start);
      if (item && item.rules.length === 0) {
        item.rules.push(f.ruleId);
        item.message = f.message;
      }
      continue;
    }
    const within = items.filter((i) => i.kind === 'placeholder' && inside(i.range, f.range));
    if (within.length > 0) {
      const first = within[0];
      if (first.rules.every((r) => r === PLACEHOLDER_RULE)) first.message = f.message;
      for (const i of within) if (!i.rules.includes(f.ruleId)) i.rules.push(f.ruleId);
      continue;
    }
    const key = `${f.range.start}:${f.range.end}`;
    const same = todo.get(key);
    if (same) {
      if (!same.message.includes(f.message)) same.message += `\n${f.message}`;
      if (!same.rules.includes(f.ruleId)) same.rules.push(f.ruleId);
      continue;
    }
    const item: NoteItem = { range: { start: f.range.start, end: f.range.end }, kind: 'todo', label: f.ruleId, message: f.message, rules: [f.ruleId] };
    todo.set(key, item);
  }
  return [...items, ...todo.values()].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
}
