/** Imported first by background.ts: marks when the worker's own code starts evaluating (worker-timing.ts). */
import { bootMark, mark } from './worker-timing';

mark(bootMark.evalStart);
