import type { TaskExample } from '../../simulations/tasks/example';
import { generateInductionHeads } from '../../simulations/tasks/inductionHeads';
import { generateMqar } from '../../simulations/tasks/mqar';
import {
  generateKeyOverwrite,
  generateMqarWithDistractors,
  generateNeedle,
} from '../../simulations/tasks/recallVariants';
import { generateSelectiveCopying } from '../../simulations/tasks/selectiveCopying';
import { type Args, UsageError } from './args';

export const TASKS = [
  'mqar',
  'mqar-distractors',
  'selective-copying',
  'induction-heads',
  'needle',
  'key-overwrite',
] as const;

/** Generates examples of `--task` from the command line's options. */
export function taskFromArgs(args: Args): TaskExample[] {
  const task = args.string('task');
  const common = { numExamples: args.int('n', 100), seed: args.int('seed', 0) };
  switch (task) {
    case 'mqar':
      return generateMqar({
        ...common,
        vocabSize: args.int('vocab'),
        seqLen: args.int('L'),
        numKvPairs: args.int('K'),
        randomNonQueries: args.has('random-filler'),
      });
    case 'mqar-distractors':
      return generateMqarWithDistractors({
        ...common,
        vocabSize: args.int('vocab'),
        seqLen: args.int('L'),
        numKvPairs: args.int('K'),
        distractorRate: args.number('rate', 0.5),
      });
    case 'selective-copying':
      return generateSelectiveCopying({
        ...common,
        vocabSize: args.int('vocab'),
        noiseLength: args.int('L'),
        numTokens: args.int('K'),
      });
    case 'induction-heads':
      return generateInductionHeads({ ...common, vocabSize: args.int('vocab'), seqLen: args.int('L') });
    case 'needle':
      return generateNeedle({
        ...common,
        vocabSize: args.int('vocab'),
        seqLen: args.int('L'),
        depth: args.number('depth', 0.5),
      });
    case 'key-overwrite':
      return generateKeyOverwrite({
        ...common,
        vocabSize: args.int('vocab'),
        numKeys: args.int('K'),
        numRebinds: args.int('rebinds', 4),
      });
    default:
      throw new UsageError(`Unknown --task “${task}”. Tasks: ${TASKS.join(', ')}`);
  }
}
