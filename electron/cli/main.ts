import { describeFailure } from '../core/os-errors';
import { commands } from './commands';

/**
 * The headless CLI over the same core as the app: `npm run cli -- <command> …` or `lianheti-cli <command> …`.
 * Each command prints JSON (or text with --text) and sets the exit code the command documents.
 */
async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  const list = Object.entries(commands)
    .map(([key, value]) => `  ${key.padEnd(10)} ${value.summary}`)
    .join('\n');
  const usage = `用法：lianheti-cli <命令> [参数]\n\n命令：\n${list}\n`;
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage);
    return 0;
  }
  if (!command) {
    process.stderr.write(usage);
    return name ? 2 : 0;
  }
  return command.run(args, { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // One sentence for the user; the precise error after it, for a bug report.
    const known = describeFailure(error);
    process.stderr.write(`${known ? known.message : `命令失败：${error instanceof Error ? error.message : String(error)}`}\n`);
    if (!known && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 2;
  },
);
