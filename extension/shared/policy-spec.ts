/**
 * The small value-spec language settings and managed policy are declared in (settings.ts). One spec per
 * key yields three things that must never drift apart: the TypeScript type (ValueOf), the run-time check
 * (checkValue), and the JSON schema Chrome and Edge enforce (toJsonSchema).
 *
 * Chrome validates managed_schema strictly and refuses unknown attributes, so the JSON side uses only
 * type, title, description, properties, items, enum, minimum and maximum. Sizes and formats are checked
 * here instead (and Firefox does not validate 3rdparty policy against any schema at all).
 */
export type StringFormat = (value: string) => { ok: true; value: string } | { ok: false; problem: string };

export type Spec =
  | { readonly type: 'boolean' }
  | { readonly type: 'integer'; readonly min: number; readonly max: number }
  | { readonly type: 'enum'; readonly values: readonly string[] }
  | { readonly type: 'string'; readonly max: number; readonly format?: StringFormat }
  | { readonly type: 'array'; readonly items: Spec; readonly maxItems: number }
  | { readonly type: 'object'; readonly properties: Readonly<Record<string, Spec>> };

export type ValueOf<S> =
  S extends { type: 'boolean' } ? boolean
  : S extends { type: 'integer' } ? number
  : S extends { type: 'enum'; values: readonly (infer V)[] } ? V
  : S extends { type: 'string' } ? string
  : S extends { type: 'array'; items: infer I } ? ValueOf<I>[]
  : S extends { type: 'object'; properties: infer P } ? { [K in keyof P]: ValueOf<P[K]> }
  : never;

export type Checked<T> = { value: T | undefined; problems: string[] };

const show = (v: unknown): string => {
  const s = typeof v === 'string' ? JSON.stringify(v) : Array.isArray(v) ? 'a list' : v === null ? 'null' : typeof v === 'object' ? 'an object' : String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
};

/**
 * Checks a value against a spec. Invalid list items are dropped (each with a problem) so the rest of a
 * list still applies; an object's missing fields come from `fallback`. `value` is undefined only when
 * nothing usable is left. Callers decide whether any problem is fatal (a user's edit) or a warning (policy).
 */
export function checkValue<S extends Spec>(spec: S, input: unknown, path: string, fallback?: ValueOf<S>): Checked<ValueOf<S>> {
  const r = check(spec, input, path, fallback);
  return r as Checked<ValueOf<S>>;
}

function check(spec: Spec, input: unknown, path: string, fallback: unknown): Checked<unknown> {
  const bad = (what: string): Checked<unknown> => ({ value: undefined, problems: [`${path}: ${what} (got ${show(input)})`] });
  switch (spec.type) {
    case 'boolean':
      return typeof input === 'boolean' ? { value: input, problems: [] } : bad('expected true or false');
    case 'integer':
      if (typeof input !== 'number' || !Number.isInteger(input)) return bad('expected a whole number');
      return input >= spec.min && input <= spec.max ? { value: input, problems: [] } : bad(`expected ${spec.min} to ${spec.max}`);
    case 'enum':
      return typeof input === 'string' && spec.values.includes(input) ? { value: input, problems: [] } : bad(`expected one of ${spec.values.join(', ')}`);
    case 'string': {
      if (typeof input !== 'string') return bad('expected text');
      if (input.length > spec.max) return { value: undefined, problems: [`${path}: longer than ${spec.max} characters`] };
      if (!spec.format) return { value: input, problems: [] };
      const f = spec.format(input);
      return f.ok ? { value: f.value, problems: [] } : bad(f.problem);
    }
    case 'array': {
      if (!Array.isArray(input)) return bad('expected a list');
      const problems: string[] = [];
      const out: unknown[] = [];
      for (const [i, item] of input.entries()) {
        if (i >= spec.maxItems) {
          problems.push(`${path}: more than ${spec.maxItems} entries; the rest is ignored`);
          break;
        }
        const r = check(spec.items, item, `${path}[${i}]`, undefined);
        problems.push(...r.problems);
        if (r.value !== undefined && !out.includes(r.value)) out.push(r.value);
      }
      return { value: out, problems };
    }
    case 'object': {
      if (typeof input !== 'object' || input === null || Array.isArray(input)) return bad('expected an object');
      const record = input as Record<string, unknown>;
      const base = (typeof fallback === 'object' && fallback !== null ? fallback : {}) as Record<string, unknown>;
      const problems: string[] = [];
      for (const k of Object.keys(record)) if (!Object.hasOwn(spec.properties, k)) problems.push(`${path}.${k.slice(0, 40)}: unknown field, ignored`);
      const out: Record<string, unknown> = {};
      for (const [k, sub] of Object.entries(spec.properties)) {
        if (!Object.hasOwn(record, k)) {
          if (base[k] === undefined) return { value: undefined, problems: [...problems, `${path}.${k}: missing`] };
          out[k] = structuredClone(base[k]);
          continue;
        }
        const r = check(sub, record[k], `${path}.${k}`, base[k]);
        problems.push(...r.problems);
        if (r.value === undefined) {
          if (base[k] === undefined) return { value: undefined, problems };
          out[k] = structuredClone(base[k]);
        } else out[k] = r.value;
      }
      return { value: out, problems };
    }
  }
}

export type JsonSchema = {
  type: 'boolean' | 'integer' | 'string' | 'array' | 'object';
  title?: string;
  description?: string;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
};

/** The Chrome managed_schema fragment for one spec (only attributes Chrome's strict parser knows). */
export function toJsonSchema(spec: Spec, meta: { title?: string; description?: string } = {}): JsonSchema {
  const head = { ...(meta.title ? { title: meta.title } : {}), ...(meta.description ? { description: meta.description } : {}) };
  switch (spec.type) {
    case 'boolean': return { type: 'boolean', ...head };
    case 'integer': return { type: 'integer', ...head, minimum: spec.min, maximum: spec.max };
    case 'enum': return { type: 'string', ...head, enum: [...spec.values] };
    case 'string': return { type: 'string', ...head };
    case 'array': return { type: 'array', ...head, items: toJsonSchema(spec.items) };
    case 'object':
      return { type: 'object', ...head, properties: Object.fromEntries(Object.entries(spec.properties).map(([k, s]) => [k, toJsonSchema(s)])) };
  }
}
