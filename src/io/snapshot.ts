/**
 * `store()` snapshots to a file and back (Brian2's `store(name, filename)` /
 * `restore(name, filename)`). The file is a zip (an `.npz` that numpy opens): `snapshot.json`
 * holds the structure of the stored state and the objects' types and sizes, each typed array is a
 * member `arrays/a<k>.npy`. Loading checks that the file fits the network (same object and clock
 * names, types, group sizes and state layout) before anything is restored.
 */
import { MagicNetwork, Network, allObjects, collect, magicNetwork } from '../core/index.ts';
import type { BrianObject, StoredState } from '../core/index.ts';
import { Group } from '../groups/index.ts';
import { Synapses } from '../synapses/index.ts';
import { readBytes, writeBytes } from './files.ts';
import { unzip } from './npz.ts';
import { decodeNpy, dtypeOf, encodeNpy, fail } from './npy.ts';
import type { NpyData, Where } from './npy.ts';
import { zipSync } from 'fflate';
import type { Zippable } from 'fflate';
import { checkIoOptions } from './errors.ts';
import { showValue } from '../util/index.ts';

/** The JSON member of a snapshot file. */
export const SNAPSHOT_ENTRY = 'snapshot.json';
const FORMAT = 'brian-ts snapshot';
const VERSION = 2;

/** Options of `saveSnapshot`. */
export interface SaveSnapshotOptions {
  /** The snapshot's name (as `store(name)`), default `'default'`. */
  name?: string;
  /** Deflate the file's members; default false. */
  compress?: boolean;
}

/** Options of `loadSnapshot`. */
export interface LoadSnapshotOptions {
  /** The name the snapshot is restored under (as `restore(name)`), default `'default'`. */
  name?: string;
  /** Also restore the random number generators (default false, as Brian2's `restore`). */
  restoreRandomState?: boolean;
}

/** An object's type and, for groups of fixed size, its size: checked when loading. */
interface Descriptor {
  readonly type: string;
  readonly N?: number;
}

/** A JSON encoding of the stored state: typed arrays by reference to archive members. */
type Tree =
  | null
  | boolean
  | string
  | number
  | Tree[]
  | { readonly $map: [Tree, Tree][] }
  | { readonly $object: Record<string, Tree> }
  | { readonly $array: string }
  | { readonly $number: 'NaN' | 'Infinity' | '-Infinity' | '-0' }
  | { readonly $bigint: string }
  | { readonly $undefined: true };

/** One named snapshot in a file. */
interface SnapshotEntry {
  readonly objects: Record<string, Descriptor>;
  readonly state: Tree;
}

/**
 * The JSON member. Version 2 holds several named snapshots (Brian2's `store(name, filename)`
 * adds `name` to the file); version 1 held one (`name`, `objects`, `state`) and is still read.
 */
interface SnapshotDocument {
  readonly format: string;
  readonly version: number;
  readonly network: string;
  readonly snapshots: Record<string, SnapshotEntry>;
}

interface SnapshotDocumentV1 {
  readonly name: string;
  readonly objects: Record<string, Descriptor>;
  readonly state: Tree;
}

function describe(x: unknown): string {
  if (typeof x !== 'object' || x === null) return x === null ? 'null' : typeof x;
  return (x.constructor as { name?: string } | undefined)?.name ?? 'object';
}

function encodeTree(value: unknown, at: string, arrays: Map<string, NpyData>, where: Where, prefix = ''): Tree {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (value === undefined) return { $undefined: true };
  if (typeof value === 'number') {
    if (Object.is(value, -0)) return { $number: '-0' };
    if (Number.isFinite(value)) return value;
    return { $number: Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity' };
  }
  if (typeof value === 'bigint') return { $bigint: value.toString() };
  if (ArrayBuffer.isView(value)) {
    if (dtypeOf(value) === undefined) fail(where, `cannot store the ${describe(value)} at ${at}`);
    const key = `${prefix}a${arrays.size}`;
    arrays.set(key, value as NpyData);
    return { $array: key };
  }
  if (Array.isArray(value)) return value.map((x, k) => encodeTree(x, `${at}[${k}]`, arrays, where, prefix));
  if (value instanceof Map) {
    return { $map: [...value].map(([k, v]) => [encodeTree(k, `${at} (key)`, arrays, where, prefix), encodeTree(v, `${at}.get(${showValue(k)})`, arrays, where, prefix)]) };
  }
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto === Object.prototype || proto === null) {
      const out: Record<string, Tree> = {};
      for (const [k, v] of Object.entries(value)) out[k] = encodeTree(v, `${at}.${k}`, arrays, where, prefix);
      return { $object: out };
    }
  }
  return fail(where, `cannot store the ${describe(value)} at ${at} (only numbers, strings, booleans, typed arrays, arrays, Maps and plain objects)`);
}

function decodeTree(tree: unknown, members: Readonly<Record<string, Uint8Array>>, where: Where): unknown {
  if (tree === null || typeof tree === 'boolean' || typeof tree === 'string' || typeof tree === 'number') return tree;
  if (Array.isArray(tree)) return tree.map((x) => decodeTree(x, members, where));
  if (typeof tree === 'object') {
    const t = tree as Record<string, unknown>;
    if ('$array' in t) {
      const bytes = members[`arrays/${showValue(t['$array'])}.npy`];
      if (bytes === undefined) fail(where, `the snapshot refers to a missing array member '${showValue(t['$array'])}'`);
      return decodeNpy(bytes, String(t['$array']), where).data;
    }
    if ('$map' in t && Array.isArray(t['$map'])) {
      return new Map((t['$map'] as unknown[]).map((entry) => {
        if (!Array.isArray(entry) || entry.length !== 2) fail(where, 'the snapshot has a malformed map entry');
        return [decodeTree(entry[0], members, where), decodeTree(entry[1], members, where)] as const;
      }));
    }
    if ('$object' in t && typeof t['$object'] === 'object' && t['$object'] !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(t['$object'])) out[k] = decodeTree(v, members, where);
      return out;
    }
    if ('$number' in t) {
      const special: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 };
      const v = special[String(t['$number'])];
      if (v === undefined) fail(where, `the snapshot has a malformed number ${JSON.stringify(t['$number'])}`);
      return v;
    }
    if ('$bigint' in t && typeof t['$bigint'] === 'string' && /^-?\d+$/.test(t['$bigint'])) return BigInt(t['$bigint']);
    if ('$undefined' in t) return undefined;
  }
  return fail(where, `the snapshot has a malformed value ${JSON.stringify(tree)?.slice(0, 80) ?? String(tree)}`);
}

/** The objects a network would store (for the magic network: those `run()` would collect). */
function networkObjects(network: Network): Set<BrianObject> {
  return network instanceof MagicNetwork ? allObjects(collect()) : new Set(network);
}

function descriptorOf(obj: BrianObject): Descriptor {
  // The public class name: some classes are exported through a typed alias of `XBase`/`XClass`.
  const type = obj.constructor.name.replace(/(Base|Class)$/, '');
  // Groups other than Synapses have a fixed size that the stored arrays must match.
  const fixedSize = obj instanceof Group && !(obj instanceof Synapses);
  return fixedSize ? { type, N: obj.N } : { type };
}

function descriptors(network: Network, state: StoredState): Record<string, Descriptor> {
  const out: Record<string, Descriptor> = {};
  for (const obj of networkObjects(network)) if (state.objects.has(obj.name)) out[obj.name] = descriptorOf(obj);
  return out;
}

/** The archive keys of the typed arrays a tree refers to. */
function arrayKeys(tree: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(tree)) for (const x of tree) arrayKeys(x, out);
  else if (typeof tree === 'object' && tree !== null) {
    const t = tree as Record<string, unknown>;
    if (typeof t['$array'] === 'string') out.add(t['$array']);
    else for (const v of Object.values(t)) arrayKeys(v, out);
  }
  return out;
}

/** A snapshot file's members and its snapshots by name. */
interface SnapshotFile {
  readonly members: Readonly<Record<string, Uint8Array>>;
  readonly snapshots: Record<string, SnapshotEntry>;
}

/**
 * Encodes a stored state under `name`, keeping the other snapshots of `previous` (the file
 * already at the path) with their array members unchanged.
 */
function encodeSnapshot(network: Network, name: string, state: StoredState, compress: boolean, where: Where, previous: SnapshotFile | undefined): Uint8Array {
  const arrays = new Map<string, NpyData>();
  // New arrays are prefixed with the snapshot's name, so they never collide with kept ones.
  const tree = encodeTree({ t: state.t, objects: state.objects, clocks: state.clocks, random: state.random }, 'state', arrays, where, `${name}.`);
  const snapshots: Record<string, SnapshotEntry> = {};
  const level = compress ? 6 : 0;
  const members: Zippable = {};
  for (const [other, entry] of Object.entries(previous?.snapshots ?? {})) {
    if (other === name) continue;
    snapshots[other] = entry;
    for (const key of arrayKeys(entry.state)) {
      const bytes = previous!.members[`arrays/${key}.npy`];
      if (bytes !== undefined) members[`arrays/${key}.npy`] = [bytes, { level }];
    }
  }
  snapshots[name] = { objects: descriptors(network, state), state: tree };
  const doc: SnapshotDocument = { format: FORMAT, version: VERSION, network: network.name, snapshots };
  members[SNAPSHOT_ENTRY] = [new TextEncoder().encode(JSON.stringify(doc)), { level }];
  for (const [key, data] of arrays) {
    members[`arrays/${key}.npy`] = [encodeNpy({ dtype: dtypeOf(data)!, shape: [data.length], data }, key, where), { level }];
  }
  return zipSync(members);
}

interface DecodedSnapshot {
  readonly objects: Record<string, Descriptor>;
  readonly state: StoredState;
}

/** Reads a snapshot file's document (either version) without decoding the arrays. */
function readSnapshotFile(bytes: Uint8Array, where: Where): SnapshotFile {
  const members = unzip(bytes, where);
  const json = members[SNAPSHOT_ENTRY];
  if (json === undefined) fail(where, `not a brian-ts snapshot (no ${SNAPSHOT_ENTRY} in the archive)`);
  let doc: Partial<SnapshotDocument & SnapshotDocumentV1>;
  try {
    doc = JSON.parse(new TextDecoder().decode(json)) as Partial<SnapshotDocument & SnapshotDocumentV1>;
  } catch (e) {
    return fail(where, `${SNAPSHOT_ENTRY} is not valid JSON`, e);
  }
  if (doc.format !== FORMAT) fail(where, `not a brian-ts snapshot (format ${JSON.stringify(doc.format)})`);
  if (typeof doc.version !== 'number' || doc.version > VERSION) {
    fail(where, `the snapshot has version ${showValue(doc.version)}; this brian-ts reads version ${VERSION} (written by a newer brian-ts?)`);
  }
  if (doc.version === 1) {
    if (typeof doc.name !== 'string' || typeof doc.objects !== 'object' || doc.objects === null) fail(where, 'the snapshot is malformed (no name or objects)');
    return { members, snapshots: { [doc.name]: { objects: doc.objects, state: doc.state as Tree } } };
  }
  if (typeof doc.snapshots !== 'object' || doc.snapshots === null) fail(where, 'the snapshot file is malformed (no snapshots)');
  return { members, snapshots: doc.snapshots };
}

/** Decodes the snapshot called `name`; an IoError naming the ones there are when it is absent. */
function decodeSnapshot(file: SnapshotFile, name: string, where: Where): DecodedSnapshot {
  const entry = Object.hasOwn(file.snapshots, name) ? file.snapshots[name] : undefined;
  if (entry === undefined) {
    const names = Object.keys(file.snapshots).map((n) => `'${n}'`).join(', ');
    fail(where, `the file has no snapshot named '${name}' (it has ${names || 'none'})`);
  }
  const s = decodeTree(entry.state, file.members, where) as { t?: unknown; objects?: unknown; clocks?: unknown; random?: unknown } | null;
  if (typeof s !== 'object' || s === null || typeof s.t !== 'number' || !(s.objects instanceof Map) || !(s.clocks instanceof Map) || typeof entry.objects !== 'object' || entry.objects === null) {
    fail(where, 'the snapshot is malformed (no t, objects or clocks)');
  }
  return {
    objects: entry.objects,
    state: { t: s.t, objects: s.objects as Map<string, unknown>, clocks: s.clocks as StoredState['clocks'], random: s.random },
  };
}

/** A description of the first structural difference between two stored states, if any. */
function structureDifference(expected: unknown, got: unknown, at: string): string | undefined {
  const kind = (x: unknown): string => (x instanceof Map ? 'Map' : Array.isArray(x) ? 'Array' : ArrayBuffer.isView(x) ? describe(x) : typeof x === 'object' && x !== null ? 'object' : 'value');
  const k1 = kind(expected);
  const k2 = kind(got);
  if (k1 !== k2) return `${at} is a ${k2} in the file, the network has a ${k1}`;
  if (expected instanceof Map && got instanceof Map) {
    const keys = [...expected.keys()].map(String).sort().join(', ');
    const fileKeys = [...got.keys()].map(String).sort().join(', ');
    if (keys !== fileKeys) return `${at} holds {${fileKeys}} in the file, the network has {${keys}}`;
    for (const [key, value] of expected) {
      const diff = structureDifference(value, got.get(key), `${at}.${showValue(key)}`);
      if (diff !== undefined) return diff;
    }
  } else if (k1 === 'object') {
    const e = expected as Record<string, unknown>;
    const g = got as Record<string, unknown>;
    const keys = Object.keys(e).sort().join(', ');
    const fileKeys = Object.keys(g).sort().join(', ');
    if (keys !== fileKeys) return `${at} holds {${fileKeys}} in the file, the network has {${keys}}`;
    for (const key of Object.keys(e)) {
      const diff = structureDifference(e[key], g[key], `${at}.${key}`);
      if (diff !== undefined) return diff;
    }
  }
  return undefined;
}

const NAMES_HINT = 'The names of all objects have to be identical to the names when the snapshot was saved.';

/** Throws an IoError when the file's snapshot does not fit the network's current state. */
function checkFits(network: Network, current: StoredState, file: DecodedSnapshot, where: Where): void {
  const missing = [...current.objects.keys()].filter((n) => !file.state.objects.has(n));
  const extra = [...file.state.objects.keys()].filter((n) => !current.objects.has(n));
  if (missing.length > 0 || extra.length > 0) {
    const parts: string[] = [];
    if (missing.length > 0) parts.push(`not in the snapshot: ${missing.map((n) => `'${n}'`).join(', ')}`);
    if (extra.length > 0) parts.push(`not in the network: ${extra.map((n) => `'${n}'`).join(', ')}`);
    fail(where, `the snapshot does not fit network '${network.name}' (objects ${parts.join('; objects ')}). ${NAMES_HINT}`);
  }
  const clocksMissing = [...current.clocks.keys()].filter((n) => !file.state.clocks.has(n));
  const clocksExtra = [...file.state.clocks.keys()].filter((n) => !current.clocks.has(n));
  if (clocksMissing.length > 0 || clocksExtra.length > 0) {
    fail(where, `the snapshot does not fit network '${network.name}': its clocks are ${[...file.state.clocks.keys()].join(', ') || 'none'}, the network's are ${[...current.clocks.keys()].join(', ')}. ${NAMES_HINT}`);
  }
  for (const obj of networkObjects(network)) {
    if (!current.objects.has(obj.name)) continue;
    const mine = descriptorOf(obj);
    const theirs = file.objects[obj.name];
    if (theirs === undefined) fail(where, `the snapshot has no description of '${obj.name}'`);
    if (theirs.type !== mine.type) fail(where, `'${obj.name}' is a ${mine.type} in the network but a ${theirs.type} in the snapshot`);
    if (mine.N !== undefined && theirs.N !== mine.N) fail(where, `'${obj.name}' has N=${mine.N} in the network but N=${showValue(theirs.N)} in the snapshot`);
  }
  for (const [name, state] of current.objects) {
    const diff = structureDifference(state, file.state.objects.get(name), `the state of '${name}'`);
    if (diff !== undefined) fail(where, `the snapshot does not fit network '${network.name}': ${diff}`);
  }
}

function hasStoredState(network: Network, name: string): boolean {
  try {
    network.storedState(name);
    return true;
  } catch {
    return false;
  }
}

function splitArgs<O extends object>(args: readonly unknown[], call: string, valid: readonly string[]): { network: Network; path: string; options: O } {
  const [first, second, third] = args;
  if (typeof first === 'string') return { network: magicNetwork, path: first, options: checkIoOptions(second as O | undefined, valid, { call, path: first }) };
  if (!(first instanceof Network)) fail({ call }, `expected a Network (or a path, for the magic network), got ${describe(first)}`);
  if (typeof second !== 'string') fail({ call }, `expected a file path after the network, got ${describe(second)}`);
  return { network: first, path: second, options: checkIoOptions(third as O | undefined, valid, { call, path: second }) };
}

/**
 * Stores the network's current state (as `store(name)`) and writes it to a file; without a
 * network, the magic network (Brian2's `store(name, filename)`).
 * @example
 * await saveSnapshot(net, 'initial.snapshot');
 * await saveSnapshot('initial.snapshot');   // the objects `run()` would collect
 */
export async function saveSnapshot(path: string, options?: SaveSnapshotOptions): Promise<void>;
export async function saveSnapshot(network: Network, path: string, options?: SaveSnapshotOptions): Promise<void>;
export async function saveSnapshot(...args: unknown[]): Promise<void> {
  const { network, path, options } = splitArgs<SaveSnapshotOptions>(args, 'saveSnapshot', ['name', 'compress']);
  const where = { call: 'saveSnapshot', path };
  const name = options.name ?? 'default';
  // An existing snapshot file keeps its other named snapshots (Brian2's store(name, filename)).
  let previous: SnapshotFile | undefined;
  let existing: Uint8Array | undefined;
  try {
    existing = await readBytes(where);
  } catch (e) {
    if ((e as { cause?: { code?: unknown } }).cause?.code !== 'ENOENT') throw e;
  }
  if (existing !== undefined) previous = readSnapshotFile(existing, { ...where, call: 'saveSnapshot (reading the snapshots already in the file)' });
  network.store(name);
  await writeBytes(where, encodeSnapshot(network, name, network.storedState(name), options.compress === true, where, previous));
}

/**
 * Reads a snapshot file written by `saveSnapshot` and restores the network from it (as
 * `restore(name)`; the snapshot also stays available under `name`). Throws IoError, before
 * changing anything, when the file does not fit the network.
 * @example
 * await loadSnapshot(net, 'initial.snapshot');
 */
export async function loadSnapshot(path: string, options?: LoadSnapshotOptions): Promise<void>;
export async function loadSnapshot(network: Network, path: string, options?: LoadSnapshotOptions): Promise<void>;
export async function loadSnapshot(...args: unknown[]): Promise<void> {
  const { network, path, options } = splitArgs<LoadSnapshotOptions>(args, 'loadSnapshot', ['name', 'restoreRandomState']);
  const where = { call: 'loadSnapshot', path };
  const name = options.name ?? 'default';
  const file = decodeSnapshot(readSnapshotFile(await readBytes(where), where), name, where);
  // The current state, to compare structures; replaced by the file's state once it fits.
  let previous: StoredState | undefined;
  if (hasStoredState(network, name)) previous = network.storedState(name);
  network.store(name);
  try {
    checkFits(network, network.storedState(name), file, where);
  } catch (e) {
    if (previous !== undefined) network.setStoredState(name, previous);
    throw e;
  }
  network.setStoredState(name, file.state);
  network.restore(name, { restoreRandomState: options.restoreRandomState ?? false });
}
