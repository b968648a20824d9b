import type { Command } from '../commands.ts';
import { classifyCommand } from './classify.ts';
import { spikesCommand } from './spikes.ts';
import { matchCommand } from './match.ts';

/**
 * `sillage listening <subcommand>`: the listening analyzer on files and standard streams, for evaluation and
 * for scripting (classify sentiment, detect spikes, match queries). Each subcommand lives in its own file.
 */
const subcommands: Command[] = [classifyCommand, spikesCommand, matchCommand];

export const listeningCommand: Command = {
  name: 'listening',
  summary: 'Listening analyzer on files: classify, spikes, match (see "sillage listening --help")',
  options: {},
  subcommands,
  run() {
    return Promise.resolve(2);
  },
};
