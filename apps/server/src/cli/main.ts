import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { commands, type Command } from './commands.ts';
import { UsageError } from './usage-error.ts';

const usage = `Usage: sillage <command> [options]

Commands:
${commands.map((command) => `  ${command.name.padEnd(14)}${command.summary}`).join('\n')}

Run "sillage <command> --help" for a command's options.
Configuration comes from the environment; see the README.`;

function printCommandHelp(command: Command): void {
  const options = Object.entries(command.options)
    .map(([name, option]) => `  --${name}${option.type === 'string' ? ' <value>' : ''}`.padEnd(30) + option.description)
    .join('\n');
  process.stdout.write(
    `Usage: sillage ${command.name} [options]\n\n${command.summary}\n\nOptions:\n${options}\n  --help                      Show this help\n`,
  );
}

/** The command line: parses, validates, runs one command, and exits non-zero with a clear message on bad input. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage + '\n');
    return name ? 0 : 1;
  }
  const found = commands.find((candidate) => candidate.name === name);
  if (!found) {
    process.stderr.write(`sillage: unknown command "${name}".\n\n${usage}\n`);
    return 2;
  }
  const resolved = resolveSubcommand(found, rest);
  if (typeof resolved === 'number') return resolved;
  const { command, args } = resolved;
  return runCommand(command, args);
}

/** A command with subcommands (`sillage listening classify ...`) takes the first argument as the subcommand. */
function resolveSubcommand(command: Command, rest: string[]): { command: Command; args: string[] } | number {
  if (!command.subcommands) return { command, args: rest };
  const [sub, ...args] = rest;
  const list = command.subcommands.map((candidate) => `  ${candidate.name.padEnd(14)}${candidate.summary}`).join('\n');
  const help = `Usage: sillage ${command.name} <subcommand> [options]\n\n${command.summary}\n\nSubcommands:\n${list}\n`;
  if (!sub || sub === '--help' || sub === '-h' || sub === 'help') {
    process.stdout.write(help);
    return sub ? 0 : 1;
  }
  const found = command.subcommands.find((candidate) => candidate.name === sub);
  if (!found) {
    process.stderr.write(`sillage ${command.name}: unknown subcommand "${sub}".\n\n${help}`);
    return 2;
  }
  return { command: { ...found, name: `${command.name} ${found.name}` }, args };
}

async function runCommand(command: Command, rest: string[]): Promise<number> {
  const name = command.name;
  let values: Record<string, string | boolean | undefined>;
  try {
    const parsed = parseArgs({
      args: rest,
      options: {
        ...Object.fromEntries(Object.entries(command.options).map(([key, option]) => [key, { type: option.type }])),
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    });
    values = parsed.values;
  } catch (error) {
    process.stderr.write(
      `sillage ${name}: ${(error as Error).message}\nRun "sillage ${name} --help" for its options.\n`,
    );
    return 2;
  }
  if (values.help) {
    printCommandHelp(command);
    return 0;
  }
  try {
    const config = loadConfig();
    return await command.run(values, config);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsageError) {
      process.stderr.write(`sillage ${name}: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`sillage ${name}: ${(error as Error).message}\n`);
    return 1;
  }
}
