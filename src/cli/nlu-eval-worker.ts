import { parentPort, workerData } from 'node:worker_threads';
import type { LabelledExample } from '../nlu/types.js';
import { trainAndEvaluate } from './nlu-eval-run.js';

/** The worker thread of `nlu-eval` (see `evaluateInWorker`): trains, evaluates, posts the report back. */
const { train, test } = workerData as { train: LabelledExample[]; test: LabelledExample[] };
parentPort?.postMessage(trainAndEvaluate(train, test));
