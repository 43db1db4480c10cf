/**
 * Test helper: fast-check arbitraries for the stream's shapes, in two flavours. `valid*` make
 * values the zod schemas accept; `rough*` make values that are mostly valid but where any field
 * may be missing or hold junk of another type or range, so a check is exercised on both sides
 * of every rule. Values are JSON-like (what JSON.parse returns), as on the wire.
 */
import fc from 'fast-check';
import type { Delta, PortEvent, ProcessInfo, Snapshot, SocketPatch, SocketRow } from '../model.js';
import type { StreamMessage } from '../api.js';
import { ERROR_CODES } from '../enum-values.js';
import {
  CHANGING_FIELDS,
  ROW_FIELD_TABLE,
  type ChangingField,
  type FieldType,
  type RowField,
  type RowValue,
} from '../row-fields.js';

/** Values of the wrong type or range for every field of the contract. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    '',
    'x',
    'tcp#1',
    -1,
    0,
    0.5,
    -0.5,
    65536,
    2 ** 53,
    -(2 ** 53),
    1e300,
    NaN,
    Infinity,
  ),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 8 }),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 3 })), { maxLength: 3 }),
  fc.constant({ kind: 'systemd' }),
  fc.constant([1, -2]),
);

const MISSING = Symbol('missing');

/** Mostly `valid`; sometimes junk or missing (one in `1 + rate` each way). */
function rough<T>(valid: fc.Arbitrary<T>, rate: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: valid, weight: rate },
    { arbitrary: junk, weight: 1 },
    { arbitrary: fc.constant(MISSING), weight: 1 },
  );
}

/** An object of `fields`, each rough; missing ones are left out; sometimes an unknown key more. */
function roughObject(
  fields: Record<string, fc.Arbitrary<unknown>>,
  rate: number,
): fc.Arbitrary<Record<string, unknown>> {
  const roughFields = Object.fromEntries(Object.entries(fields).map(([key, arb]) => [key, rough(arb, rate)]));
  return fc
    .tuple(fc.record(roughFields), fc.option(fc.tuple(fc.string({ maxLength: 6 }), junk), { freq: 5 }))
    .map(([value, extra]) => {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) if (item !== MISSING) out[key] = item;
      if (extra && !(extra[0] in fields) && extra[0] !== '__proto__') out[extra[0]] = extra[1];
      return out;
    });
}

const port = fc.integer({ min: 0, max: 65535 });
const pid = fc.oneof(fc.integer({ min: 1, max: 4_194_304 }), fc.constant(Number.MAX_SAFE_INTEGER));
const nat = fc.oneof(fc.nat(), fc.maxSafeNat());
const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const countValue = fc.oneof(
  fc.nat({ max: 10_000_000 }),
  fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }),
);
const address = fc.oneof(
  fc.ipV4(),
  fc.ipV6(),
  fc.constantFrom('127.0.0.1', '0.0.0.0', '::', '::1'),
  fc.string({ maxLength: 12 }),
);
const rowId = fc.oneof(
  fc.string({ minLength: 1, maxLength: 16 }),
  fc.nat().map((n) => `tcp#${n}`),
  fc.nat().map((n) => `udp#${n}`),
);

/** Valid values of a field type (row-fields.ts), for fields without a generator of their own below. */
function arbitraryOf(type: FieldType): fc.Arbitrary<unknown> {
  const valid = ((): fc.Arbitrary<unknown> => {
    switch (type.kind) {
      case 'text':
        return fc.string({ minLength: type.min, maxLength: Math.max(type.min, 12) });
      case 'enum':
        return fc.constantFrom(...type.values);
      case 'int':
        return type.min === 0 ? nat : fc.integer({ min: Math.max(type.min, Number.MIN_SAFE_INTEGER) });
      case 'port':
        return port;
      case 'count':
        return countValue;
      case 'number':
        return finite;
      case 'boolean':
        return fc.boolean();
      case 'pids':
        return fc.array(pid, { maxLength: 3 });
    }
  })();
  return type.nullable ? fc.option(valid) : valid;
}

/** Generators closer to real values than their type's, for some fields. */
const FIELD_ARBITRARIES: Partial<Record<RowField, fc.Arbitrary<unknown>>> = {
  id: rowId,
  localAddress: address,
  remoteAddress: fc.option(address),
  uid: fc.option(fc.nat({ max: 70_000 })),
  firstSeen: fc.oneof(finite, fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 })),
};

/** Each SocketRow field's valid values, in the table's order: every field of the table. */
export const rowFields = Object.fromEntries(
  ROW_FIELD_TABLE.map((spec) => [spec.name, FIELD_ARBITRARIES[spec.name] ?? arbitraryOf(spec.type)]),
) as { [K in RowField]: fc.Arbitrary<RowValue<K>> };

/** A valid SocketRow. */
export const validRow = fc.record(rowFields) as fc.Arbitrary<SocketRow>;

/** A SocketRow with the odd field missing or wrong. */
export const roughRow = roughObject(rowFields, 40);

/** Each field a SocketPatch may carry: the id and the fields that can change. */
export const patchFields = {
  id: rowFields.id,
  ...(Object.fromEntries(CHANGING_FIELDS.map((field) => [field, rowFields[field]])) as {
    [K in ChangingField]: fc.Arbitrary<RowValue<K>>;
  }),
};

/** A valid SocketPatch: an id and any subset of the fields that can change. */
export const validPatch = fc.record(patchFields, { requiredKeys: ['id'] }).map((patch) => patch as SocketPatch);

const launchdDomain = fc.oneof(fc.constant('system'), fc.nat({ max: 70_000 }).map((uid) => `gui/${uid}`));

const serviceManager = fc.option(
  fc.oneof(
    fc.record({
      kind: fc.constant('systemd'),
      unit: fc.string(),
      scope: fc.constantFrom('system', 'user'),
      uid: fc.option(fc.integer()),
    }),
    fc.record({ kind: fc.constant('docker'), containerId: fc.string() }),
    fc.record({ kind: fc.constant('pm2'), id: fc.string(), name: fc.option(fc.string()) }),
    fc.record({ kind: fc.constant('launchd'), label: fc.string(), domain: launchdDomain }),
    fc.record({ kind: fc.constant('homebrew'), formula: fc.string(), label: fc.string(), domain: launchdDomain }),
    fc.record({ kind: fc.constant('windows-service'), name: fc.string() }),
  ),
);

const processFields = {
  pid,
  startTime: nat,
  startedAt: finite,
  name: fc.string(),
  exe: fc.option(fc.string()),
  argv: fc.array(fc.string(), { maxLength: 4 }),
  cwd: fc.option(fc.string()),
  uid: fc.option(fc.nat({ max: 70_000 })),
  user: fc.string(),
  ppid: fc.nat(),
  service: serviceManager,
};

/** A valid ProcessInfo. */
export const validProcess = fc.record(processFields) as fc.Arbitrary<ProcessInfo>;

/** A ProcessInfo with the odd field missing or wrong (the service may be a wrong kind too). */
export const roughProcess = roughObject(
  {
    ...processFields,
    service: fc.oneof(
      serviceManager,
      roughObject(
        {
          kind: fc.constantFrom('systemd', 'docker', 'pm2', 'launchd', 'homebrew', 'windows-service', 'other'),
          unit: fc.string(),
          scope: fc.constantFrom('system', 'user'),
          uid: fc.option(fc.integer()),
          containerId: fc.string(),
          id: fc.string(),
          name: fc.option(fc.string()),
          label: fc.string(),
          formula: fc.string(),
          domain: fc.oneof(launchdDomain, fc.string()),
        },
        4,
      ),
    ),
  },
  30,
);

const eventFields = {
  type: fc.constantFrom('listen-opened', 'listen-closed'),
  time: finite,
  rowId,
  protocol: rowFields.protocol,
  family: rowFields.family,
  localAddress: address,
  localPort: port,
  scope: rowFields.scope,
  v6Only: rowFields.v6Only,
  pids: rowFields.pids,
  process: fc.option(validProcess),
};

/** A valid PortEvent. */
export const validEvent = fc.record(eventFields) as fc.Arbitrary<PortEvent>;

const processRecordOf = (info: fc.Arbitrary<unknown>) =>
  fc
    .array(fc.tuple(fc.oneof(pid.map(String), fc.string({ maxLength: 4 })), info), { maxLength: 4 })
    .map((entries) => {
      const out: Record<string, unknown> = {};
      for (const [key, value] of entries) if (key !== '__proto__') out[key] = value;
      return out;
    });

const header = {
  time: finite,
  seq: nat,
  source: fc.constantFrom('netlink', 'ss', 'proc'),
  hiddenOwners: nat,
  warnings: fc.array(fc.string(), { maxLength: 2 }),
};

/** A valid Snapshot. */
export const validSnapshot = fc.record({
  ...header,
  sockets: fc.array(validRow, { maxLength: 30 }),
  processes: processRecordOf(validProcess),
}) as fc.Arbitrary<Snapshot>;

/** A Snapshot with the odd part missing or wrong. */
export const roughSnapshot = roughObject(
  {
    ...header,
    sockets: fc.array(fc.oneof({ arbitrary: validRow, weight: 20 }, { arbitrary: roughRow, weight: 1 }), {
      maxLength: 20,
    }),
    processes: processRecordOf(
      fc.oneof({ arbitrary: validProcess, weight: 8 }, { arbitrary: roughProcess, weight: 1 }),
    ),
  },
  30,
);

const deltaParts = {
  added: fc.array(validRow, { maxLength: 12 }),
  removed: fc.array(rowId, { maxLength: 6 }),
  changed: fc.array(validPatch, { maxLength: 12 }),
  processesUpserted: fc.array(validProcess, { maxLength: 3 }),
  processesRemoved: fc.array(pid, { maxLength: 3 }),
  events: fc.array(validEvent, { maxLength: 3 }),
};

/** A valid Delta. */
export const validDelta = fc.record({
  ...header,
  seq: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  ...deltaParts,
}) as fc.Arbitrary<Delta>;

/** A Delta with the odd part missing or wrong. */
export const roughDelta = roughObject(
  {
    ...header,
    ...deltaParts,
    added: fc.array(fc.oneof({ arbitrary: validRow, weight: 10 }, { arbitrary: roughRow, weight: 1 }), {
      maxLength: 6,
    }),
    changed: fc.array(
      fc.oneof({ arbitrary: validPatch, weight: 10 }, { arbitrary: roughObject(rowFields, 3), weight: 1 }),
      { maxLength: 6 },
    ),
    events: fc.array(
      fc.oneof({ arbitrary: validEvent, weight: 6 }, { arbitrary: roughObject(eventFields, 6), weight: 1 }),
      { maxLength: 3 },
    ),
  },
  30,
);

const contractError = fc.record({
  code: fc.constantFrom(...ERROR_CODES),
  message: fc.string(),
  detail: fc.option(fc.string()),
});

const notification = fc.record({
  title: fc.string(),
  body: fc.string(),
  rowIds: fc.array(rowId, { minLength: 1, maxLength: 3 }),
  time: finite,
  key: fc.string(),
});

/** A valid StreamMessage of any type. */
export const validStreamMessage = fc.oneof(
  fc
    .tuple(validSnapshot, fc.option(nat, { nil: undefined }))
    .map(([snapshot, rest]) =>
      rest === undefined ? { type: 'snapshot', snapshot } : { type: 'snapshot', snapshot, rest },
    ),
  fc.record({
    type: fc.constant('snapshot-rest'),
    seq: nat,
    sockets: fc.array(validRow, { maxLength: 20 }),
    rest: nat,
  }),
  validDelta.map((delta) => ({ type: 'delta', delta })),
  rowId.map((rowId) => ({ type: 'reveal', rowId })),
  contractError.map((error) => ({ type: 'error', error })),
  notification.map((notification) => ({ type: 'notify', notification })),
) as fc.Arbitrary<StreamMessage>;

/** A StreamMessage of any type (or none) with the odd part missing or wrong. */
export const roughStreamMessage = fc.oneof(
  roughObject({ type: fc.constant('snapshot'), snapshot: roughSnapshot, rest: nat }, 10),
  roughObject(
    {
      type: fc.constant('snapshot-rest'),
      seq: nat,
      sockets: fc.array(fc.oneof({ arbitrary: validRow, weight: 20 }, { arbitrary: roughRow, weight: 1 }), {
        maxLength: 12,
      }),
      rest: nat,
    },
    10,
  ),
  roughObject({ type: fc.constant('delta'), delta: roughDelta }, 10),
  roughObject({ type: fc.constantFrom('reveal', 'other'), rowId }, 5),
  roughObject(
    {
      type: fc.constant('error'),
      error: roughObject(
        { code: contractError.map((e) => e.code), message: fc.string(), detail: fc.option(fc.string()) },
        5,
      ),
    },
    5,
  ),
  roughObject(
    {
      type: fc.constant('notify'),
      notification: roughObject(
        { title: fc.string(), body: fc.string(), rowIds: fc.array(rowId, { maxLength: 2 }), time: finite, key: fc.string() },
        5,
      ),
    },
    5,
  ),
);

/**
 * `value` with one node per pick (objects, arrays, scalars) replaced by junk: every
 * part of a structure, not just its fields, gets its turn at being wrong.
 */
export function mutate(value: unknown, picks: readonly [number, unknown][]): unknown {
  let out = structuredClone(value);
  for (const [pick, replacement] of picks) {
    const nodes: { parent: Record<string | number, unknown> | unknown[] | null; key: string | number }[] = [];
    const walk = (
      node: unknown,
      parent: Record<string | number, unknown> | unknown[] | null,
      key: string | number,
    ) => {
      nodes.push({ parent, key });
      if (Array.isArray(node)) node.forEach((item, i) => walk(item, node, i));
      else if (typeof node === 'object' && node !== null)
        for (const [k, item] of Object.entries(node)) walk(item, node as Record<string, unknown>, k);
    };
    walk(out, null, '');
    const target = nodes[pick % nodes.length]!;
    // A copy: fast-check hands out the same constant object again, which must not change or nest.
    const fresh = structuredClone(replacement);
    if (target.parent === null) out = fresh;
    else (target.parent as Record<string | number, unknown>)[target.key] = fresh;
  }
  return out;
}
