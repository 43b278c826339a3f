/** Public entry points throw only LockpaneError: anything else escaping a parser is bad-data. */
import { LockpaneError } from '../errors';

export function guarded<A extends unknown[], R>(what: string, f: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A): Promise<R> => {
    try {
      return await f(...args);
    } catch (e) {
      if (e instanceof LockpaneError) throw e;
      if (e instanceof RangeError && /call stack/i.test(e.message)) throw new LockpaneError('too-large', `${what}: input nested too deeply`, { cause: e });
      throw new LockpaneError('bad-data', `${what}: malformed input`, { cause: e });
    }
  };
}

export function guardedSync<A extends unknown[], R>(what: string, f: (...args: A) => R): (...args: A) => R {
  return (...args: A): R => {
    try {
      return f(...args);
    } catch (e) {
      if (e instanceof LockpaneError) throw e;
      throw new LockpaneError('bad-data', `${what}: malformed input`, { cause: e });
    }
  };
}
