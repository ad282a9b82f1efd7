#!/usr/bin/env bash
# Runs Doyensec's Electronegativity scanner over electron/ and fails on any HIGH finding that
# docs/security.md does not list, with its explanation, in the table "Accepted Electronegativity findings".
# Run by .ci/run after the tests (npx fetches the scanner from the npm registry); not part of `npm test`.
#
#   scripts/electronegativity.sh                      # scan, write test-results/electronegativity.json, check
#   ELECTRONEGATIVITY_REPORT=report.json scripts/electronegativity.sh   # only check an existing report
#
# The scanner is called through its API, not its `-o report.csv`: 1.10.3 writes the CSV header and the rows
# with two concurrent fs.writeFile calls, so the header can land over the first row and the file is garbage.
set -euo pipefail
cd "$(dirname "$0")/.."

report=test-results/electronegativity.json
if [[ -n "${ELECTRONEGATIVITY_REPORT:-}" ]]; then
  report="$ELECTRONEGATIVITY_REPORT"
else
  mkdir -p test-results
  rm -f "$report"
  # The Electron version the lock pins, so the scanner judges defaults for it (it cannot look releases up
  # offline, and node_modules/electron may be absent where Electron's installer was not allowed to run).
  electron_version="$(node -p "require('./package-lock.json').packages['node_modules/electron'].version")"
  npx --yes -p @doyensec/electronegativity@1.10.3 -c "node scripts/electronegativity-scan.cjs electron $electron_version $report"
fi
if [[ ! -f "$report" ]]; then
  echo "electronegativity: no report was written to $report" >&2
  exit 2
fi

node - "$report" docs/security.md <<'NODE'
const { readFileSync } = require('node:fs');
const [reportFile, docFile] = process.argv.slice(2);

let report;
try {
  report = JSON.parse(readFileSync(reportFile, 'utf8'));
} catch (error) {
  console.error(`electronegativity: the report ${reportFile} is not readable JSON (${error.message}); run the scan again`);
  process.exit(2);
}
// A report that lost its rows must not read as "no HIGH findings".
if (!Array.isArray(report.issues) || report.issues.some((i) => typeof i.id !== 'string' || typeof i.severity !== 'string')) {
  console.error(`electronegativity: the report ${reportFile} has no well-formed issue list; run the scan again`);
  process.exit(2);
}
const findings = report.issues.filter((i) => /^high$/i.test(i.severity));

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
console.log(`electronegativity: ${report.issues.length} finding(s), ${findings.length} HIGH, ${findings.length - open.length} explained in ${docFile}`);
for (const f of report.issues) console.log(`  ${f.severity} ${f.id} ${f.file}:${f.location}`);
for (const f of open) console.error(`  HIGH ${f.id} ${f.file}:${f.location} is not explained in ${docFile}`);
process.exit(open.length ? 1 : 0);
NODE
