// Prints the run's totals as one plain line ("N passed, N failed, N skipped") from vitest's JSON report,
// so that CI logs end with a line any reader (or tool) can take in at a glance. A skipped test fails the run:
// a test that cannot run where it should is a gap, and a skip would hide it among the passes.
import { readFileSync } from 'node:fs';

// The report's path may be given (the script's own test does); by default it is the one vitest.config.ts names.
const reportPath = process.argv[2] ?? new URL('../test-results/vitest.json', import.meta.url);
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`);
if (skipped > 0) {
  const names = report.testResults.flatMap((file) =>
    file.assertionResults.filter((test) => test.status === 'pending' || test.status === 'skipped' || test.status === 'todo').map((test) => `  ${file.name}: ${test.fullName}`),
  );
  console.error(`Skipped tests fail the run (nothing may skip silently):\n${names.join('\n')}`);
}
process.exit(report.numFailedTests > 0 || skipped > 0 || report.numTotalTests === 0 ? 1 : 0);
