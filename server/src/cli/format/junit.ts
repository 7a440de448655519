/**
 * JUnit XML for CI dashboards (GitLab, Jenkins, Azure DevOps …): one test suite per note checked,
 * one failed test case per error or warning (`<failure type="error|warning">`), and one passing
 * test case for a note with neither, so a dashboard lists every note. Info findings (a draft's
 * to-do items among them) are not failures and are left out. Text is escaped for XML; characters
 * XML 1.0 cannot hold at all (most control characters) are written as visible escapes.
 */
import { escapeControls } from './escape';
import type { Report } from '../report';
import { writeWhole, type ReportWriter } from './writer';

// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\v\f\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function clean(s: string): string {
  return s.replace(NOT_XML, (c) => (c.length === 1 && c.charCodeAt(0) < 0x20 ? escapeControls(c) : '\ufffd'));
}

/** Text content. */
export function xmlText(s: string): string {
  return clean(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value in double quotes (line breaks and tabs kept as character references). */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** The JUnit report, one test suite per file (see the module comment). */
export function junitWriter(): ReportWriter {
  return {
    head: (s) => ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="tnote" tests="${s.junitCases}" failures="${s.counts.error + s.counts.warning}" errors="0" time="0">`],
    file(file, shown, checked) {
      const rows = shown.filter((r) => r.severity !== 'info');
      if (rows.length === 0 && !checked) return [];
      const name = xmlAttr(file);
      const cases = rows.length
        ? rows.map(
            (r) =>
              `    <testcase classname="${name}" name="${xmlAttr(`${r.rule} (${r.line}:${r.column})`)}" time="0">\n` +
              `      <failure type="${r.severity}" message="${xmlAttr(r.message)}">${xmlText(`${r.severity} at ${r.file}:${r.line}:${r.column}: ${r.message} [${r.rule}]`)}</failure>\n` +
              `    </testcase>`,
          )
        : [`    <testcase classname="${name}" name="tnote check" time="0"/>`];
      return [`  <testsuite name="${name}" tests="${cases.length}" failures="${rows.length}" errors="0" skipped="0" time="0">\n${cases.join('\n')}\n  </testsuite>`];
    },
    tail: () => ['</testsuites>'],
  };
}

export function formatJunit(report: Report): string {
  return writeWhole(report, junitWriter());
}
