import { insertAt, insertFields, insertSection, placeholder, replace } from '../../edit';
import type { Field } from '../../parse/body';
import type { Note } from '../../parse/note';
import { fieldSpec } from '../../parse/vocabulary';
import type { Fix } from '../../types';
import { absentSectionFix } from '../shared';
import type { NoteRule } from '../types';
import { hasCredential, isIsoCalendarDate, nameOf } from './util';

/** The provider from the front matter when it carries a credential (only then can it sign). */
function credentialedProvider(note: Note): string | undefined {
  const v = note.facts.entries.get('provider');
  if (!v || v.placeholder || typeof v.value !== 'string') return undefined;
  const p = v.value.trim();
  return p && hasCredential(p) ? p : undefined;
}

/** `<provider> — <date>` from the front matter (the date only when it is a real ISO date). */
function signerLine(note: Note, provider: string): string {
  const date = note.facts.date && isIsoCalendarDate(note.facts.date) ? note.facts.date : undefined;
  return date ? `${provider} — ${date}` : provider;
}

/** R-DOC-02: the note is authenticated by a signer whose professional credential is given. */
export const missingSignatureCredentials: NoteRule = {
  id: 'missing-signature-credentials',
  description: 'The note has no Signature section or Signed field, or the signer has no professional credential.',
  defaultSeverity: 'error',
  kind: 'completeness',
  tags: ['structure'],
  references: ['R-DOC-02'],
  fixable: true,
  scope: 'note',
  check({ note, config, report }) {
    const provider = credentialedProvider(note);
    const label = fieldSpec('signature', 'signed').label;
    const section = note.section('signature');
    if (!section) {
      const insert: Fix = provider
        ? { title: `Insert a Signature section signed by the provider`, kind: 'choice', edits: [insertSection(note, 'signature', [`${label}: ${signerLine(note, provider)}`])] }
        : { title: 'Insert a Signature section', kind: 'scaffold', edits: [insertSection(note, 'signature', [`${label}: ${placeholder('name, credentials')} — ${placeholder('date')}`])] };
      const { fixes, hint } = absentSectionFix(note, config, 'signature', insert);
      report({
        range: note.anchor,
        message: `The note has no Signature section: add \`## Signature\` with \`Signed:\` giving the name, professional credentials (e.g. PT, OTR/L, CCC-SLP) and date.${hint}`,
        fixes,
      });
      return;
    }
    const signed = section.fields.filter((f) => f.spec?.id === 'signed');
    if (signed.length === 0) {
      const fixes: Fix[] = provider
        ? [{ title: 'Insert `Signed:` from the provider', kind: 'choice', edits: [insertFields(note, section, [`${label}: ${signerLine(note, provider)}`])] }]
        : [{ title: 'Insert `Signed:`', kind: 'scaffold', edits: [insertFields(note, section, [`${label}: ${placeholder('name, credentials')} — ${placeholder('date')}`])] }];
      report({
        range: section.headingRange,
        message: 'The Signature section has no `Signed:` line: add the signer’s name, professional credentials and date.',
        fixes,
      });
      return;
    }
    for (const f of signed) checkSigner(note, f, provider, report);
  },
};

function checkSigner(note: Note, f: Field, provider: string | undefined, report: (r: { range: Field['range']; message: string; fixes?: Fix[] }) => void): void {
  if (f.missing) {
    const fix: Fix[] = provider && !f.placeholder ? [{ title: 'Sign with the provider from the front matter', kind: 'choice', edits: [fillField(note, f, signerLine(note, provider))] }] : [];
    if (f.placeholder) return; // unresolved-placeholder reports the unfilled template
    report({ range: f.range, message: `The \`${f.label}\` line is empty: write the signer’s name, professional credentials and date.`, fixes: fix });
    return;
  }
  if (hasCredential(f.value)) return;
  // The signer is the provider, written without credentials: add the provider's credentials after the name.
  const fixes: Fix[] = [];
  if (provider) {
    const name = nameOf(provider);
    const credentials = provider.slice(provider.indexOf(',')).trim();
    const at = name ? note.text.slice(f.valueRange.start, f.valueRange.end).toLowerCase().indexOf(name.toLowerCase()) : -1;
    if (at !== -1 && credentials.startsWith(',')) {
      fixes.push({ title: `Add the provider’s credentials after the name`, kind: 'safe', edits: [insertAt(f.valueRange.start + at + name.length, credentials)] });
    }
  }
  report({
    range: f.range,
    message: 'The signer has no professional credential: add it after the name (e.g. PT, DPT, PTA, OTR/L, COTA, CCC-SLP).',
    fixes,
  });
}

function fillField(note: Note, f: Field, text: string): ReturnType<typeof replace> {
  if (f.valueRange.end > f.valueRange.start) return replace(f.valueRange, text);
  const colon = note.text.lastIndexOf(':', f.valueRange.start);
  const after = note.text[colon + 1];
  return after === ' ' || after === '\t' ? insertAt(colon + 2, text) : insertAt(colon + 1, ` ${text}`);
}
