/**
 * The snippets (static JSON) agree with the front-matter schema: expanded with each of their
 * choices, every front-matter key they write is a schema key and every value they write literally
 * is one the schema allows (invalid-field-value stays silent; placeholders are left to
 * unresolved-placeholder).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CHARGE_KEYS, FRONT_MATTER_KEYS, lintText } from '../../server/src/engine';
import { REPO_ROOT } from '../helpers/paths';

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description?: string;
}

const VARIABLES: Record<string, string> = { CURRENT_YEAR: '2026', CURRENT_MONTH: '11', CURRENT_DATE: '20' };

/**
 * Expands TextMate snippet syntax as an editor would on insertion: tab stops become their default
 * text, variables their value, and each choice `${1|a,b|}` the option `pick(options)` returns.
 */
export function expandSnippet(body: string, pick: (options: string[]) => string): string {
  let i = 0;
  const stops = new Map<string, string>();
  /** Reads up to the next unescaped `/`, keeping escapes (they belong to the regex or the format). */
  const until = (end: string): string => {
    let out = '';
    while (i < body.length && body[i] !== end) {
      if (body[i] === '\\' && i + 1 < body.length) out += body[i++];
      out += body[i++];
    }
    i++;
    return out;
  };
  const format = (fmt: string, m: RegExpExecArray | null): string =>
    fmt
      .replace(/\$\{(\d+):\+([^}]*)\}/g, (_, n: string, text: string) => (m?.[Number(n)] ? text : ''))
      .replace(/\$\{(\d+):-([^}]*)\}/g, (_, n: string, text: string) => (m?.[Number(n)] ? m[Number(n)] : text))
      .replace(/\$\{(\d+)\}|\$(\d+)/g, (_, a?: string, b?: string) => m?.[Number(a ?? b)] ?? '');
  const parse = (stop?: string): string => {
    let out = '';
    while (i < body.length) {
      const c = body[i];
      if (c === '\\' && i + 1 < body.length && '$}\\,|'.includes(body[i + 1])) {
        out += body[i + 1];
        i += 2;
        continue;
      }
      if (stop && c === stop) return out;
      if (c === '$') {
        const simple = /^\$(\d+|[A-Z_]+)/.exec(body.slice(i));
        if (simple) {
          i += simple[0].length;
          out += VARIABLES[simple[1]] ?? '';
          continue;
        }
        const open = /^\$\{(\d+|[A-Z_]+)/.exec(body.slice(i));
        if (open) {
          i += open[0].length;
          const name = open[1];
          let value: string;
          if (body[i] === '}') {
            i++;
            value = VARIABLES[name] ?? stops.get(name) ?? '';
          } else if (body[i] === ':') {
            i++;
            const inner = parse('}');
            i++;
            value = VARIABLES[name] ?? inner;
          } else if (body[i] === '|') {
            const end = body.indexOf('|}', i + 1);
            assert.ok(end > 0, `unclosed choice at ${i}`);
            const options = body
              .slice(i + 1, end)
              .split(/(?<!\\),/)
              .map((o) => o.replace(/\\(.)/g, '$1'));
            i = end + 2;
            value = pick(options);
          } else if (body[i] === '/') {
            // A transform of an earlier tab stop: ${N/regex/format/options}.
            i++;
            const regex = until('/');
            const fmt = until('/');
            const flags = until('}');
            value = format(fmt, new RegExp(regex, flags).exec(stops.get(name) ?? ''));
            out += value;
            continue;
          } else {
            throw new Error(`unexpected snippet syntax at ${i}: ${body.slice(i - 5, i + 10)}`);
          }
          if (/^\d+$/.test(name) && !stops.has(name)) stops.set(name, value);
          out += value;
          continue;
        }
      }
      out += c;
      i++;
    }
    return out;
  };
  return parse();
}

/** The largest number of options of any choice in the body (1 when it has none). */
function maxOptions(body: string): number {
  let max = 1;
  expandSnippet(body, (o) => {
    max = Math.max(max, o.length);
    return o[0];
  });
  return max;
}

const SNIPPETS = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'snippets', 'tnote.code-snippets.json'), 'utf8')) as Record<string, Snippet>;

describe('snippets agree with the front-matter schema', () => {
  it('the expander handles tab stops, escapes, variables and choices', () => {
    assert.equal(
      expandSnippet('a: ${1:{{x\\}\\}} b: ${2|p,q|} $CURRENT_YEAR ${3:\\${u\\}} $0', (o) => o[1]),
      'a: {{x}} b: q 2026 ${u} ',
    );
    assert.equal(
      expandSnippet('${1|PT,OT|} [${1/^(PT)$|^(OT)$/${1:+GP}${2:+GO}/}] ${1}', (o) => o[1]),
      'OT [GO] OT',
    );
  });

  for (const [name, snippet] of Object.entries(SNIPPETS)) {
    const body = ([] as string[]).concat(snippet.body).join('\n');
    const yamlish = /^(---|\s*- code:)/.test(body);
    if (!yamlish) continue;
    it(`${name}: keys and literal values are the schema's, with every choice`, () => {
      const n = maxOptions(body);
      for (let k = 0; k < n; k++) {
        const expanded = expandSnippet(body, (o) => o[Math.min(k, o.length - 1)]);
        // Charge-line snippets are inserted under `charges:`; wrap them in a note to check them.
        const text = expanded.startsWith('---') ? expanded : `---\npatient: MRN-1\ndate: 2026-11-20\ndiscipline: PT\nprovider: A. Rivera, PT\ncharges:\n${expanded}\n---\n`;
        const note = lintText(text).note;
        for (const key of note.facts.entries.keys()) assert.ok(FRONT_MATTER_KEYS.includes(key), `${key} is a front-matter key`);
        for (const c of note.facts.charges) for (const key of c.entries.keys()) assert.ok(CHARGE_KEYS.includes(key), `${key} is a charge key`);
        assert.ok(note.facts.entries.size > 0, 'the front matter was read');
        const bad = lintText(text).findings.filter((f) => f.ruleId === 'invalid-field-value' || f.ruleId === 'front-matter-invalid');
        assert.deepEqual(
          bad.map((f) => f.message),
          [],
          `choice ${k}`,
        );
      }
    });
  }
});
