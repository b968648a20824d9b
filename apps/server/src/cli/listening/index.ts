import type { Command } from '../commands.ts';

/**
 * `sillage listening <subcommand>`: the listening analyzer on files and standard streams, for evaluation and
 * for scripting (classify sentiment, detect spikes, match queries). Each subcommand lives in its own file.
 */
const subcommands: Command[] = [];

export const listeningCommand: Command = {
  name: 'listening',
  summary: 'Listening analyzer on files: classify, spikes, match (see "sillage listening --help")',
  options: {},
  subcommands,
  run() {
    return Promise.resolve(2);
  },
};
