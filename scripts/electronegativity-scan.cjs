// Runs the Electronegativity scanner through its API and writes its findings as one JSON file.
// Called by scripts/electronegativity.sh inside `npx -p @doyensec/electronegativity`, so the scanner is
// found through the `electronegativity` bin that npx puts on PATH.
//   node scripts/electronegativity-scan.cjs <input folder> <electron version> <report.json>
const { execFileSync } = require('node:child_process');
const { realpathSync, writeFileSync } = require('node:fs');
const { dirname, join, relative, resolve } = require('node:path');

const [input, electronVersion, reportFile] = process.argv.slice(2);
const bin = execFileSync('sh', ['-c', 'command -v electronegativity'], { encoding: 'utf8' }).trim();
const run = require(join(dirname(realpathSync(bin)), 'runner.js'));

run({
  input: resolve(input),
  output: undefined,
  isSarif: false,
  customScan: [],
  excludeFromScan: [],
  severitySet: undefined,
  confidenceSet: undefined,
  isRelative: false,
  isVerbose: false,
  electronUpgrade: undefined,
  electronVersionOverride: electronVersion,
  parserPlugins: [],
})
  .then((result) => {
    // Files the scanner could not parse are files it did not check: say so rather than pass quietly.
    const unscanned = (result.errors ?? []).filter((e) => !e.tolerable);
    for (const e of unscanned) console.error(`electronegativity: could not scan ${e.file}: ${e.message}`);
    if (unscanned.length) process.exit(2);
    const issues = result.issues.map((i) => ({
      id: i.id,
      severity: i.severity.name,
      confidence: i.confidence.name,
      // Repository-relative, as docs/security.md names files.
      file: i.file === 'N/A' ? i.file : relative(process.cwd(), i.file).replace(/\\/g, '/'),
      location: `${i.location.line}:${i.location.column}`,
      description: i.description,
    }));
    writeFileSync(reportFile, JSON.stringify({ electronVersion, issues }, null, 2) + '\n');
  })
  .catch((error) => {
    console.error(`electronegativity: the scan failed: ${error.stack ?? error}`);
    process.exit(2);
  });
