/**
 * A tiny, bounded validator for messages that cross a context boundary. Every string and array has a
 * maximum size, so a hostile sender cannot make the worker allocate or walk unbounded input.
 * Hand-written rather than a schema library to keep it small in every bundle and bounded by construction.
 */
export type Schema<T> = { readonly parse: (input: unknown, path: string) => T };
export type Infer<S> = S extends Schema<infer T> ? T : never;

export class SchemaError extends Error {
  override readonly name = 'SchemaError';
}

function fail(path: string, what: string): never {
  throw new SchemaError(`${path || 'message'}: ${what}`);
}

export function str(opts: { max: number; min?: number; pattern?: RegExp }): Schema<string> {
  return {
    parse(input, path) {
      if (typeof input !== 'string') fail(path, 'expected a string');
      if (input.length > opts.max) fail(path, `longer than ${opts.max} characters`);
      if (input.length < (opts.min ?? 0)) fail(path, `shorter than ${opts.min ?? 0} characters`);
      if (opts.pattern && !opts.pattern.test(input)) fail(path, 'has an invalid format');
      return input;
    },
  };
}

export function int(opts: { min: number; max: number }): Schema<number> {
  return {
    parse(input, path) {
      if (typeof input !== 'number' || !Number.isInteger(input)) fail(path, 'expected an integer');
      if (input < opts.min || input > opts.max) fail(path, `out of range ${opts.min}..${opts.max}`);
      return input;
    },
  };
}

export const bool: Schema<boolean> = {
  parse(input, path) {
    if (typeof input !== 'boolean') fail(path, 'expected a boolean');
    return input;
  },
};

export function literal<const T extends string>(...values: T[]): Schema<T> {
  return {
    parse(input, path) {
      if (typeof input !== 'string' || !(values as string[]).includes(input)) fail(path, `expected one of ${values.join(', ')}`);
      return input as T;
    },
  };
}

export function arr<T>(item: Schema<T>, opts: { max: number }): Schema<T[]> {
  return {
    parse(input, path) {
      if (!Array.isArray(input)) fail(path, 'expected an array');
      if (input.length > opts.max) fail(path, `more than ${opts.max} items`);
      return input.map((v, i) => item.parse(v, `${path}[${i}]`));
    },
  };
}

export function optional<T>(inner: Schema<T>): Schema<T | undefined> & { optional: true } {
  return {
    optional: true,
    parse(input, path) {
      return input === undefined ? undefined : inner.parse(input, path);
    },
  };
}

type Shape = Record<string, Schema<unknown>>;
type ObjOut<S extends Shape> = {
  [K in keyof S as S[K] extends { optional: true } ? never : K]: Infer<S[K]>;
} & {
  [K in keyof S as S[K] extends { optional: true } ? K : never]?: Infer<S[K]>;
};

/** An exact object: unknown keys are refused, so nothing unvalidated rides along. */
export function obj<S extends Shape>(shape: S): Schema<ObjOut<S>> {
  const keys = Object.keys(shape);
  return {
    parse(input, path) {
      if (typeof input !== 'object' || input === null || Array.isArray(input)) fail(path, 'expected an object');
      const record = input as Record<string, unknown>;
      for (const k of Object.keys(record)) if (!keys.includes(k)) fail(path, `unexpected field "${k.slice(0, 40)}"`);
      const out: Record<string, unknown> = {};
      for (const k of keys) {
        const v = shape[k]!.parse(record[k], path ? `${path}.${k}` : k);
        if (v !== undefined) out[k] = v;
      }
      return out as ObjOut<S>;
    },
  };
}

export const empty = obj({});

export function nullable<T>(inner: Schema<T>): Schema<T | null> {
  return {
    parse(input, path) {
      return input === null ? null : inner.parse(input, path);
    },
  };
}

/** Exactly one constant (a `true` flag, a fixed tag). */
export function exactly<const T extends string | number | boolean>(value: T): Schema<T> {
  return {
    parse(input, path) {
      if (input !== value) fail(path, `expected ${JSON.stringify(value)}`);
      return value;
    },
  };
}

/** A checked string carried as a branded type (a token, a fingerprint): the brand is earned by passing the check. */
export function branded<B extends string>(inner: Schema<string>): Schema<B> {
  return inner as Schema<B>;
}

/** A condition across fields that no single field schema can state; `check` returns the problem or null. */
export function refine<T>(inner: Schema<T>, check: (value: T) => string | null): Schema<T> {
  return {
    parse(input, path) {
      const value = inner.parse(input, path);
      const problem = check(value);
      if (problem !== null) fail(path, problem);
      return value;
    },
  };
}

/**
 * One of several object shapes, chosen by the string in field `tag` (each variant states that field as a
 * literal), so a mismatch reports the variant's own error rather than "none matched".
 */
export function tagged<K extends string, V extends Record<string, Schema<unknown>>>(tag: K, variants: V): Schema<Infer<V[keyof V]>> {
  const names = Object.keys(variants);
  return {
    parse(input, path) {
      if (typeof input !== 'object' || input === null || Array.isArray(input)) fail(path, 'expected an object');
      const value = (input as Record<string, unknown>)[tag];
      if (typeof value !== 'string' || !Object.hasOwn(variants, value)) fail(path ? `${path}.${tag}` : tag, `expected one of ${names.join(', ')}`);
      return variants[value]!.parse(input, path) as Infer<V[keyof V]>;
    },
  };
}

/** An object whose keys are exactly `keys`, each value checked by `value` (a Record over a known key set). */
export function record<K extends string, T>(keys: readonly K[], value: Schema<T>): Schema<Record<K, T>> {
  return {
    parse(input, path) {
      if (typeof input !== 'object' || input === null || Array.isArray(input)) fail(path, 'expected an object');
      const r = input as Record<string, unknown>;
      for (const k of Object.keys(r)) if (!(keys as readonly string[]).includes(k)) fail(path, `unexpected field "${k.slice(0, 40)}"`);
      const out = {} as Record<K, T>;
      for (const k of keys) out[k] = value.parse(r[k], path ? `${path}.${k}` : k);
      return out;
    },
  };
}
