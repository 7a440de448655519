// @ts-check
'use strict';
// A folder of notes for the compliance report's browser test (scripts/e2e/report-smoke.js) and its
// screenshot: 40 notes over six months by six (fictional) providers, made from the clean examples
// with the dates shifted and, at a rate that differs by provider and falls over the months, the
// slips documentation teams see most (a modifier left off, Safety or Goals not written, no total
// treatment time, an unknown heading, a draft with a placeholder). Deterministic (seeded).
//
// Every note carries marker strings where narrative lives (a narrative line, an HTML comment, a
// heading, a placeholder label, a field value) and a marker patient id: none may reach the report.
//
// Usage: node test/e2e/report/make-notes.js DIR   (prints nothing; DIR is created)

const fs = require('fs');
const path = require('path');

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const MARKER = 'ZEBRAQUILL';

const SOURCES = {
  PT: ['pt-afo-clean.tnote', 'pt-trunk-orthosis-clean.tnote', 'pt-97763-followup-clean.tnote'],
  OT: ['ot-wrist-hand-orthosis-clean.tnote'],
};
/** Provider, discipline, how often their notes have a slip (0..1). */
const PROVIDERS = [
  ['Alex Rivera, PT, DPT', 'PT', 0.15],
  ['Sam Delgado, PT, DPT', 'PT', 0.6],
  ['Morgan Okafor, PT, DPT', 'PT', 0.35],
  ['Casey Nguyen, PT, DPT', 'PT', 0.45],
  ['Jordan Lee, OTR/L', 'OT', 0.55],
  ['Priya Natarajan, OTR/L, CHT', 'OT', 0.2],
];
const MONTHS = ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];

/** The bench corpus's seeded generator (mulberry32), so the folder is the same on every run. */
const prng = require('../../../bench/corpus').rngFrom;

function shiftDates(text, fromDate, toDate) {
  const days = (Date.parse(toDate) - Date.parse(fromDate)) / 86400000;
  return text.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (m) => {
    const d = new Date(Date.parse(m) + days * 86400000);
    return d.toISOString().slice(0, 10);
  });
}

/** Slips a note can have: each takes the text and returns it changed (or unchanged when it does not apply). */
const SLIPS = [
  (t) => t.replace(/^ {4}modifiers: \[G[PO]\]\n/m, ''), // missing-discipline-modifier
  (t) => t.replace(/^Safety:.*\n/m, ''), // missing-instruction-elements
  (t) => t.replace(/^Goals:.*\n/m, ''), // missing-assessment-elements
  (t) => t.replace(/^Total treatment time:.*\n/m, ''),
  (t) => t.replace(/^## Plan\n/m, `## ${MARKER} heading\nA line under an unknown heading.\n\n## Plan\n`), // unknown-section (its message quotes the heading)
  (t) => t.replace(/^Direct contact:.*\n/m, ''),
  (t) => t.replace(/^ {4}modifiers: \[GP\]$/m, '    modifiers: [GO]'), // discipline-modifier-mismatch
  (t) => t.replace(/^(Signed: [^,\n]+),[^—\n]*/m, '$1 '), // missing-signature-credentials
  (t) => t.replace(/^Rationale:.*\n/m, ''),
];

/**
 * Writes the notes into `dir` (and one template, which the report leaves out).
 * @param {string} dir
 * @returns {{ notes: number, marker: string }}
 */
function makeReportWorkspace(dir) {
  const rand = prng(97760);
  fs.mkdirSync(path.join(dir, 'notes'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'templates'), { recursive: true });
  const sources = {};
  for (const [disc, names] of Object.entries(SOURCES)) sources[disc] = names.map((n) => fs.readFileSync(path.join(REPO_ROOT, 'examples', n), 'utf8'));
  let n = 0;
  for (let i = 0; i < 40; i++) {
    const [provider, disc, rate] = PROVIDERS[i % PROVIDERS.length];
    const monthIndex = Math.floor((i * MONTHS.length) / 40);
    const day = String(1 + Math.floor(rand() * 27)).padStart(2, '0');
    const date = `${MONTHS[monthIndex]}-${day}`;
    const pool = sources[disc];
    let text = pool[Math.floor(rand() * pool.length)];
    const from = (/^date: (\S+)$/m.exec(text) || [])[1];
    const oldProvider = (/^provider: (.+)$/m.exec(text) || [])[1];
    if (!from || !oldProvider) throw new Error('an example note without date or provider');
    text = shiftDates(text, from, date).split(oldProvider).join(provider);
    text = text.replace(/^patient: .*$/m, `patient: MRN-${MARKER}-${String(i).padStart(3, '0')}`);
    // Narrative markers: a narrative line, a comment, a field value.
    text = text.replace(/^## Plan\n/m, `## Plan\nNarrative ${MARKER} line: the patient's own words stay in the note.\n<!-- ${MARKER} comment -->\n`);
    text = text.replace(/^(Response: )/m, `$1${MARKER} response text; `);
    // Slips: more often for some providers, less often as the months go by.
    const chance = Number(rate) * (1.25 - monthIndex / (MONTHS.length - 1) / 1.5);
    if (rand() < chance) {
      text = SLIPS[Math.floor(rand() * SLIPS.length)](text);
      if (rand() < 0.4) text = SLIPS[Math.floor(rand() * SLIPS.length)](text);
    }
    if (i % 9 === 4) {
      // A draft with a placeholder whose label is a marker: not ready to bill.
      text = text.replace(/^discipline:/m, 'status: draft\ndiscipline:').replace(/^(Understanding: ).*$/m, `$1{{${MARKER} placeholder}}`);
    }
    fs.writeFileSync(path.join(dir, 'notes', `note-${String(i + 1).padStart(2, '0')}.tnote`), text);
    n++;
  }
  // A template: left out of the report.
  fs.copyFileSync(path.join(REPO_ROOT, 'templates', '97760-pt.tnote'), path.join(dir, 'templates', '97760-pt.tnote'));
  return { notes: n, marker: MARKER };
}

module.exports = { makeReportWorkspace, MARKER };

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node test/e2e/report/make-notes.js DIR');
    process.exit(2);
  }
  makeReportWorkspace(path.resolve(dir));
}
