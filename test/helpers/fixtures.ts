/**
 * Expected findings of the rule fixtures: reading, comparing and regenerating them. Used by the
 * fixture tests (test/engine/rules.test.ts, workspace-rules.test.ts, robustness/bad-input.test.ts)
 * and by `scripts/update-expectations.js` (`npm run update-expect`), so the test and the update
 * script agree by construction.
 *
 * One finding a line, positions 1-based (columns in UTF-16 code units), the end exclusive as in
 * ESLint (a range covering `## Time` on line 48 is `48:1-48:8`; a range may span lines):
 *
 *     START-END SEVERITY RULE-ID MESSAGE
 *     32:1-32:21 warning missing-instruction-elements 97760 note has no safety instruction: …
 *       related 23:7-23:11 The device side is left.
 *
 * A `related` line (indentation optional) belongs to the finding above it: its related information,
 * `related [FILE ]START-END MESSAGE`. In a workspace case's `expected.txt` every finding and
 * related line names its note first (`a-second-visit.tnote 10:11-10:16 warning …`). Lines starting
 * with `#` are comments. In a message, `\\`, `\n`, `\r`, `\t` and `--\>` stand for a backslash, the
 * line breaks, a tab and `-->` (which would close the HTML comment).
 *
 * The short form `START SEVERITY RULE-ID` (no end, no message, no related lines) is how a new
 * expectation is written by hand: the update script fills in the rest from the engine's output,
 * but only when the starts, severities and rules of every finding agree with what is written, so
 * regenerating can never accept a different set of findings. The tests reject the short form.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  defaultConfig,
  detectEol,
  lintText,
  lintWorkspace,
  type Finding,
  type LintResult,
  type PositionMap,
  type ResolvedConfig,
  type TextEdit,
  type WorkspaceInput,
  type WorkspaceResult,
} from '../../server/src/engine';
import { parseConfigText } from '../../server/src/engine/config/load';

/** 1-based line and column. */
export interface Loc {
  line: number;
  column: number;
}

export interface ExpectedRelated {
  file?: string;
  start: Loc;
  /** Absent in the short form. */
  end?: Loc;
  message?: string;
}

export interface Expectation {
  /** The note (workspace cases only). */
  file?: string;
  start: Loc;
  /** Absent in the short form (then `message` is absent too). */
  end?: Loc;
  severity: string;
  rule: string;
  message?: string;
  related: ExpectedRelated[];
}

export const UPDATE_COMMAND = 'npm run update-expect';

// ---------------------------------------------------------------------------------------------
// Formatting and parsing

export function escapeMessage(message: string): string {
  return message.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t').replace(/-->/g, '--\\>');
}

export function unescapeMessage(text: string): string {
  return text.replace(/\\(.)/g, (all, c: string) => {
    const out = ({ '\\': '\\', n: '\n', r: '\r', t: '\t', '>': '>' } as Record<string, string>)[c];
    if (out === undefined) throw new Error(`unknown escape ${all} in expectation message: ${text}`);
    return out;
  });
}

function checkMessage(message: string, what: string): void {
  if (message.length === 0) throw new Error(`${what} has an empty message`);
  if (message.trim() !== message) throw new Error(`${what} has a message with leading or trailing white space: ${JSON.stringify(message)}`);
}

const loc = (l: Loc) => `${l.line}:${l.column}`;
const span = (start: Loc, end: Loc | undefined) => (end ? `${loc(start)}-${loc(end)}` : loc(start));

/** The lines of one expectation: the finding, then its related lines (indented). */
export function formatExpectation(e: Expectation): string[] {
  const file = e.file !== undefined ? `${e.file} ` : '';
  const message = e.message !== undefined ? ` ${escapeMessage(e.message)}` : '';
  const out = [`${file}${span(e.start, e.end)} ${e.severity} ${e.rule}${message}`];
  for (const r of e.related) {
    out.push(`  related ${r.file !== undefined ? `${r.file} ` : ''}${span(r.start, r.end)}${r.message !== undefined ? ` ${escapeMessage(r.message)}` : ''}`);
  }
  return out;
}

export function isShort(e: Expectation): boolean {
  return e.end === undefined || e.message === undefined || e.related.some((r) => r.end === undefined || r.message === undefined);
}

const SPAN = String.raw`(\d+):(\d+)(?:-(\d+):(\d+))?`;
const FINDING = new RegExp(String.raw`^${SPAN}\s+(error|warning|info)\s+([a-z0-9-]+)(?:\s+(\S.*))?$`);
const FINDING_WITH_FILE = new RegExp(String.raw`^(\S+)\s+${SPAN}\s+(error|warning|info)\s+([a-z0-9-]+)(?:\s+(\S.*))?$`);
const RELATED = new RegExp(String.raw`^related\s+(?:(\S+)\s+)?${SPAN}(?:\s+(\S.*))?$`);

function spanOf(m: RegExpExecArray, i: number, line: string): { start: Loc; end?: Loc } {
  const start = { line: Number(m[i]), column: Number(m[i + 1]) };
  const end = m[i + 2] !== undefined ? { line: Number(m[i + 2]), column: Number(m[i + 3]) } : undefined;
  if (start.line < 1 || start.column < 1 || (end && (end.line < start.line || (end.line === start.line && end.column < start.column)))) {
    throw new Error(`bad range in expectation line: ${line}`);
  }
  return { start, end };
}

/**
 * Parses expectation lines (blank lines and `#` comments skipped). `withFile`: each finding and
 * related line names its note first (workspace cases).
 */
export function parseExpectations(lines: readonly string[], withFile: boolean): Expectation[] {
  const out: Expectation[] = [];
  for (const raw of lines) {
    const l = raw.trim();
    if (!l || l.startsWith('#')) continue;
    if (/^related\b/.test(l)) {
      const m = RELATED.exec(l);
      const owner = out[out.length - 1];
      if (!m || !owner) throw new Error(`bad related line (it must follow a finding): ${l}`);
      if (withFile !== (m[1] !== undefined)) throw new Error(`related line ${withFile ? 'without' : 'with'} a file name: ${l}`);
      const s = spanOf(m, 2, l);
      const message = m[6] !== undefined ? unescapeMessage(m[6]) : undefined;
      if ((s.end === undefined) !== (message === undefined)) throw new Error(`related line with ${s.end ? 'a range end but no message' : 'a message but no range end'}: ${l}`);
      owner.related.push({ file: m[1], start: s.start, end: s.end, message });
      continue;
    }
    const m = (withFile ? FINDING_WITH_FILE : FINDING).exec(l);
    if (!m) throw new Error(`bad expectation line: ${l} (expected ${withFile ? 'FILE ' : ''}LINE:COL-LINE:COL SEVERITY RULE-ID MESSAGE)`);
    const o = withFile ? 1 : 0;
    const s = spanOf(m, 1 + o, l);
    const message = m[7 + o] !== undefined ? unescapeMessage(m[7 + o]) : undefined;
    if ((s.end === undefined) !== (message === undefined)) {
      throw new Error(`expectation line with ${s.end ? 'a range end but no message' : 'a message but no range end'} (write both, or neither and run \`${UPDATE_COMMAND}\`): ${l}`);
    }
    out.push({ file: withFile ? m[1] : undefined, start: s.start, end: s.end, severity: m[5 + o], rule: m[6 + o], message, related: [] });
  }
  return out;
}

const EXPECT_BLOCK = /<!--[ \t]*expect\b([\s\S]*?)-->/;

/** The `<!-- expect … -->` block of a note fixture, or undefined. */
export function readExpectBlock(text: string): { expectations: Expectation[]; start: number; end: number } | undefined {
  const m = EXPECT_BLOCK.exec(text);
  if (!m) return undefined;
  return { expectations: parseExpectations(m[1].split(/\r?\n/), false), start: m.index, end: m.index + m[0].length };
}

/** The block's text for these expectations, with the note's line breaks. */
export function formatExpectBlock(expectations: readonly Expectation[], eol: string): string {
  return ['<!-- expect', ...sortExpectations(expectations).flatMap(formatExpectation), '-->'].join(eol);
}

// ---------------------------------------------------------------------------------------------
// Findings as expectations

function position(lines: PositionMap, offset: number): Loc {
  const p = lines.positionAt(offset);
  return { line: p.line + 1, column: p.character + 1 };
}

/**
 * A finding in expectation form. `file`: the note's name in a workspace case (undefined for a
 * single note); `linesOf` finds the lines of another note of the check for related information.
 */
export function expectationOf(f: Finding, lines: PositionMap, file?: string, linesOf?: (file: string) => PositionMap | undefined): Expectation {
  checkMessage(f.message, `a ${f.ruleId} finding`);
  return {
    file,
    start: position(lines, f.range.start),
    end: position(lines, f.range.end),
    severity: f.severity,
    rule: f.ruleId,
    message: f.message,
    related: (f.related ?? []).map((r) => {
      checkMessage(r.message, `related information of a ${f.ruleId} finding`);
      const target = r.file === undefined || r.file === file ? lines : linesOf?.(r.file);
      if (!target) throw new Error(`a ${f.ruleId} finding relates to ${r.file}, which is not part of the check`);
      return { file: file === undefined ? r.file : (r.file ?? file), start: position(target, r.range.start), end: position(target, r.range.end), message: r.message };
    }),
  };
}

function compareLoc(a: Loc | undefined, b: Loc | undefined): number {
  if (!a || !b) return (a ? 1 : 0) - (b ? 1 : 0);
  return a.line - b.line || a.column - b.column;
}

function compareStrings(a: string | undefined, b: string | undefined): number {
  return (a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0;
}

/** Note, start, end, rule, severity, message, related: the order the update script writes. */
export function sortExpectations(list: readonly Expectation[]): Expectation[] {
  return [...list].sort(
    (a, b) =>
      compareStrings(a.file, b.file) ||
      compareLoc(a.start, b.start) ||
      compareLoc(a.end, b.end) ||
      compareStrings(a.rule, b.rule) ||
      compareStrings(a.severity, b.severity) ||
      compareStrings(a.message, b.message) ||
      compareStrings(formatExpectation(a).join('\n'), formatExpectation(b).join('\n')),
  );
}

// ---------------------------------------------------------------------------------------------
// Comparing

export interface Comparison {
  /** Expected findings the engine did not report (formatted, one string a finding). */
  missing: string[];
  /** Reported findings that were not expected. */
  unexpected: string[];
  /** Expectations still in the short form. */
  short: string[];
}

const text = (e: Expectation) => formatExpectation(e).join('\n');
/** What the short form says: where a finding starts, its severity and rule (and related starts). */
function claim(e: Expectation, withRelated: boolean): string {
  const head = `${e.file !== undefined ? `${e.file} ` : ''}${loc(e.start)} ${e.severity} ${e.rule}`;
  return withRelated ? `${head} | ${e.related.map((r) => `related ${r.file !== undefined ? `${r.file} ` : ''}${loc(r.start)}`).join(', ')}` : head;
}

/**
 * Pairs expectations with findings: a full expectation matches a finding exactly (range, message
 * and related information); a short one by its claim (start, severity, rule, and related starts
 * when it lists related lines). `agreeOnly`: match full expectations by their claim too.
 */
function pair(expected: readonly Expectation[], actual: readonly Expectation[], agreeOnly: boolean): { missing: Expectation[]; unexpected: Expectation[] } {
  const left = [...actual];
  const missing: Expectation[] = [];
  const take = (pred: (a: Expectation) => boolean) => {
    const i = left.findIndex(pred);
    if (i === -1) return false;
    left.splice(i, 1);
    return true;
  };
  const deferred: Expectation[] = [];
  // Exact matches first, so that a loose match cannot take a finding another line names exactly.
  for (const e of expected) if (isShort(e) || !take((a) => text(a) === text(e))) deferred.push(e);
  for (const e of deferred) {
    if (!isShort(e) && !agreeOnly) missing.push(e);
    else if (!take((a) => claim(a, e.related.length > 0) === claim(e, e.related.length > 0))) missing.push(e);
  }
  return { missing, unexpected: left };
}

export function compareExpectations(expected: readonly Expectation[], actual: readonly Expectation[]): Comparison {
  const { missing, unexpected } = pair(expected, actual, false);
  return { missing: sortExpectations(missing).map(text), unexpected: sortExpectations(unexpected).map(text), short: expected.filter(isShort).map(text) };
}

// ---------------------------------------------------------------------------------------------
// Fixtures

/** The fixture's configuration: `<name>.tnoterc.yaml`, else the folder's `.tnoterc.yaml`, else defaults. */
export function configFor(fixture: string): ResolvedConfig {
  const own = fixture.replace(/\.tnote$/, '.tnoterc.yaml');
  const file = [own, path.join(path.dirname(fixture), '.tnoterc.yaml')].find((f) => fs.existsSync(f));
  if (!file) return defaultConfig();
  const { config, problems } = parseConfigText(fs.readFileSync(file, 'utf8'), file, { dirname: path.dirname, resolve: path.resolve, readCodeFile: (f: string) => fs.readFileSync(f, 'utf8') });
  if (problems.length) throw new Error(`${path.basename(file)} has problems: ${problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('; ')}`);
  return config;
}

/** Every error and warning of any rule, and the infos of the fixture's own rule. */
export function relevant(findings: readonly Finding[], ruleId: string): Finding[] {
  return findings.filter((f) => f.severity !== 'info' || f.ruleId === ruleId);
}

export type NoteLinter = (text: string, config: ResolvedConfig) => LintResult;
export type WorkspaceLinter = (inputs: readonly WorkspaceInput[]) => WorkspaceResult[];

const lintNote: NoteLinter = (t, c) => lintText(t, c);

/** What the engine reports for a note fixture of `ruleId`, in expectation form. */
export function noteFixtureActual(file: string, ruleId: string, text = fs.readFileSync(file, 'utf8'), lint: NoteLinter = lintNote): Expectation[] {
  const { findings, note } = lint(text, configFor(file));
  return sortExpectations(relevant(findings, ruleId).map((f) => expectationOf(f, note.lines)));
}

export interface NoteFixtureCheck extends Comparison {
  /** False when the fixture has no expect block (then nothing was compared). */
  hasBlock: boolean;
}

/** Compares a `bad-*.tnote` fixture's expect block with what `lint` reports (default: the engine). */
export function checkNoteFixture(file: string, ruleId: string, lint: NoteLinter = lintNote): NoteFixtureCheck {
  const source = fs.readFileSync(file, 'utf8');
  const block = readExpectBlock(source);
  if (!block) return { hasBlock: false, missing: [], unexpected: [], short: [] };
  return { hasBlock: true, ...compareExpectations(block.expectations, noteFixtureActual(file, ruleId, source, lint)) };
}

/** The notes of a workspace case, in file-name order. */
export function workspaceInputs(caseDir: string): WorkspaceInput[] {
  return fs
    .readdirSync(caseDir)
    .filter((f) => f.endsWith('.tnote') && !f.endsWith('.fixed.tnote'))
    .sort()
    .map((f) => ({ file: f, text: fs.readFileSync(path.join(caseDir, f), 'utf8') }));
}

export function workspaceCaseActual(caseDir: string, ruleId: string, lint: WorkspaceLinter = lintWorkspace): Expectation[] {
  const results = lint(workspaceInputs(caseDir));
  const linesOf = (file: string) => results.find((r) => r.file === file)?.note.lines;
  return sortExpectations(results.flatMap((r) => relevant(r.findings, ruleId).map((f) => expectationOf(f, r.note.lines, r.file, linesOf))));
}

export const WORKSPACE_EXPECTED = 'expected.txt';
const WORKSPACE_HEADER =
  '# FILE START-END SEVERITY RULE-ID MESSAGE: every error and warning across the notes, and the infos of this rule; "related FILE START-END MESSAGE" lines follow their finding (see test/helpers/fixtures.ts)';

export function readWorkspaceExpected(caseDir: string): Expectation[] {
  return parseExpectations(fs.readFileSync(path.join(caseDir, WORKSPACE_EXPECTED), 'utf8').split(/\r?\n/), true);
}

export function checkWorkspaceCase(caseDir: string, ruleId: string, lint: WorkspaceLinter = lintWorkspace): Comparison {
  return compareExpectations(readWorkspaceExpected(caseDir), workspaceCaseActual(caseDir, ruleId, lint));
}

// ---------------------------------------------------------------------------------------------
// Regenerating (scripts/update-expectations.js)

export interface UpdateOutcome {
  /** The fixture file or workspace case folder. */
  target: string;
  status: 'updated' | 'unchanged' | 'mismatch' | 'error';
  /** Why, for `mismatch` and `error`; the files written, for `updated`. */
  details: string[];
}

function disagreement(expected: readonly Expectation[], actual: readonly Expectation[]): string[] {
  const { missing, unexpected } = pair(expected, actual, true);
  return [...sortExpectations(missing).map((e) => `expected but not reported: ${claim(e, e.related.length > 0)}`), ...sortExpectations(unexpected).map((e) => `reported but not expected: ${text(e)}`)];
}

/**
 * Rewrites a note fixture's expect block (and the same block in its `.fixed.tnote`) from the
 * engine's findings, when every finding's start, severity and rule agree with the block.
 */
export function updateNoteFixture(file: string, ruleId: string, write: boolean): UpdateOutcome {
  const source = fs.readFileSync(file, 'utf8');
  const block = readExpectBlock(source);
  if (!block) return { target: file, status: 'error', details: ['no <!-- expect … --> block: write one `LINE:COL SEVERITY RULE-ID` line per finding you expect'] };
  const actual = noteFixtureActual(file, ruleId, source);
  const differs = disagreement(block.expectations, actual);
  if (differs.length) return { target: file, status: 'mismatch', details: differs };
  const oldBlock = source.slice(block.start, block.end);
  const newBlock = formatExpectBlock(actual, detectEol(source));
  if (newBlock === oldBlock) return { target: file, status: 'unchanged', details: [] };
  const next = source.slice(0, block.start) + newBlock + source.slice(block.end);
  // The block sits in the note it describes: the new block must not change the findings.
  const again = compareExpectations(actual, noteFixtureActual(file, ruleId, next));
  if (again.missing.length || again.unexpected.length)
    return {
      target: file,
      status: 'error',
      details: ['the rewritten block changes the findings:', ...again.missing.map((m) => `no longer reported: ${m}`), ...again.unexpected.map((u) => `newly reported: ${u}`)],
    };
  const writes: [string, string][] = [[file, next]];
  const fixedFile = file.replace(/\.tnote$/, '.fixed.tnote');
  if (fs.existsSync(fixedFile)) {
    // The fixed text is the fixture's text with the fixes applied, so it carries the same block
    // (the fixed-file test compares them byte for byte).
    const fixed = fs.readFileSync(fixedFile, 'utf8');
    const blocks = [...fixed.matchAll(new RegExp(EXPECT_BLOCK.source, 'g'))];
    if (blocks.length !== 1) return { target: file, status: 'error', details: [`${path.basename(fixedFile)} holds ${blocks.length} expect blocks, not one: update it by hand`] };
    const at = blocks[0].index;
    writes.push([fixedFile, fixed.slice(0, at) + formatExpectBlock(actual, detectEol(fixed)) + fixed.slice(at + blocks[0][0].length)]);
  }
  if (write) for (const [f, t] of writes) fs.writeFileSync(f, t);
  return { target: file, status: 'updated', details: writes.map(([f]) => f) };
}

/** Rewrites a workspace case's `expected.txt` from the engine's findings, when they agree with it. */
export function updateWorkspaceCase(caseDir: string, ruleId: string, write: boolean): UpdateOutcome {
  const file = path.join(caseDir, WORKSPACE_EXPECTED);
  if (!fs.existsSync(file)) return { target: caseDir, status: 'error', details: [`no ${WORKSPACE_EXPECTED}: write one \`FILE LINE:COL SEVERITY RULE-ID\` line per finding you expect`] };
  const source = fs.readFileSync(file, 'utf8');
  const actual = workspaceCaseActual(caseDir, ruleId);
  const differs = disagreement(parseExpectations(source.split(/\r?\n/), true), actual);
  if (differs.length) return { target: caseDir, status: 'mismatch', details: differs };
  const comments = source.split(/\r?\n/).filter((l) => l.trim().startsWith('#') && !l.startsWith('# FILE '));
  const next = [WORKSPACE_HEADER, ...comments, ...actual.flatMap(formatExpectation)].join('\n') + '\n';
  if (next === source) return { target: caseDir, status: 'unchanged', details: [] };
  if (write) fs.writeFileSync(file, next);
  return { target: caseDir, status: 'updated', details: [file] };
}

// ---------------------------------------------------------------------------------------------
// Fix helpers

/** Ranges of inserted/replaced text in the new text, given edits applied to the old text. */
export function insertedRanges(edits: readonly TextEdit[]): { start: number; end: number }[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let delta = 0;
  const out: { start: number; end: number }[] = [];
  for (const e of sorted) {
    const start = e.start + delta;
    out.push({ start, end: start + e.newText.length });
    delta += e.newText.length - (e.end - e.start);
  }
  return out;
}

/** `LINE:COL SEVERITY RULE-ID` of a finding (for messages about unexpected findings). */
export function describeFinding(f: Finding, lines: PositionMap): string {
  return `${loc(position(lines, f.range.start))} ${f.severity} ${f.ruleId}`;
}
