#!/usr/bin/env bash
# Runs Doyensec's Electronegativity scanner over electron/ and fails on any HIGH finding that
# docs/security.md does not list, with its explanation, in the table "Accepted Electronegativity findings".
# Run by .ci/run after the tests (npx fetches the scanner from the npm registry); not part of `npm test`.
#
#   scripts/electronegativity.sh                      # scan, write test-results/electronegativity.csv, check
#   ELECTRONEGATIVITY_CSV=report.csv scripts/electronegativity.sh   # only check an existing report
set -euo pipefail
cd "$(dirname "$0")/.."

report=test-results/electronegativity.csv
if [[ -n "${ELECTRONEGATIVITY_CSV:-}" ]]; then
  report="$ELECTRONEGATIVITY_CSV"
else
  mkdir -p test-results
  rm -f "$report"
  # The installed Electron version, so the scanner judges defaults for it (it cannot look releases up offline).
  npx --yes @doyensec/electronegativity@1.10.3 -i electron -o "$report" -e "$(node -p "require('electron/package.json').version")"
fi
if [[ ! -f "$report" ]]; then
  echo "electronegativity: no report was written to $report" >&2
  exit 2
fi

node - "$report" docs/security.md <<'NODE'
const { readFileSync } = require('node:fs');
const [reportFile, docFile] = process.argv.slice(2);

// RFC 4180 CSV (quoted fields may hold commas, quotes and newlines).
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i += 1; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows.filter((r) => r.some((cell) => cell.trim() !== ''));
}

const text = readFileSync(reportFile, 'utf8');
const rows = parseCsv(text);
// A report whose rows do not parse one per finding (a half-written file, an unbalanced quote) must not
// read as "no HIGH findings": count the lines that start with a check id and insist they all parsed.
const idLines = text.split(/\r?\n/).filter((line) => /^[A-Z0-9_]+_CHECK,/.test(line)).length;
const parsedIds = rows.filter((row) => /^[A-Z0-9_]+_CHECK$/.test((row[0] ?? '').trim())).length;
if (idLines !== parsedIds || /HIGH/.test(text) !== rows.some((row) => row.some((cell) => /^high$/i.test(cell.trim())))) {
  console.error(`electronegativity: the report ${reportFile} does not parse cleanly (${idLines} finding lines, ${parsedIds} parsed); run the scan again`);
  process.exit(2);
}
const header = (rows[0] ?? []).map((cell) => cell.trim().toLowerCase());
const hasHeader = header.includes('issue') || header.includes('id') || header.includes('severity');
const body = hasHeader ? rows.slice(1) : rows;
const column = (name) => header.indexOf(name);
const severityAt = column('severity');
const fileAt = Math.max(column('filename'), column('file'));
// The severity column when the report has one; otherwise any cell that reads HIGH marks the row.
const isHigh = (row) =>
  severityAt >= 0 ? /^high$/i.test((row[severityAt] ?? '').trim()) : row.some((cell) => /^high$/i.test(cell.trim()));
const findings = body.filter(isHigh).map((row) => ({
  id: (row[0] ?? '').trim(),
  file: (fileAt >= 0 ? row[fileAt] : row[1] ?? '').trim(),
  location: (row[column('location') >= 0 ? column('location') : 2] ?? '').trim(),
}));

// | `CHECK_ID` | file (path suffix, or *) | why it is acceptable |  in the section "Accepted Electronegativity findings".
const doc = readFileSync(docFile, 'utf8');
const section = /^## Accepted Electronegativity findings\s*$([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(doc);
const accepted = [];
for (const line of (section ? section[1] : '').split('\n')) {
  const cells = line.split('|').slice(1, -1).map((cell) => cell.trim());
  if (cells.length < 3) continue;
  const id = cells[0].replace(/`/g, '');
  if (!/^[A-Z0-9_]+$/.test(id)) continue; // header and separator rows
  if (cells[2].length < 20) continue; // an entry without a real explanation accepts nothing
  accepted.push({ id, file: cells[1].replace(/`/g, '') });
}
const explained = (f) => accepted.some((a) => a.id === f.id && (a.file === '*' || f.file.replace(/\\/g, '/').endsWith(a.file)));

const open = findings.filter((f) => !explained(f));
console.log(`electronegativity: ${body.length} finding(s), ${findings.length} HIGH, ${findings.length - open.length} explained in ${docFile}`);
for (const f of open) console.error(`  HIGH ${f.id} ${f.file}:${f.location} is not explained in ${docFile}`);
process.exit(open.length ? 1 : 0);
NODE
