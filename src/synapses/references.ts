/**
 * Pre- and postsynaptic references (semantics §6.1, §2.5): every variable `x` of the source is
 * visible to synaptic code as `x_pre`, every variable of the target as `x_post` and, unless the
 * synapses define the name themselves, as plain `x`. Arrays are references into the *root*
 * group's storage through `_presynaptic_idx` / `_postsynaptic_idx`, which hold absolute indices,
 * so subgroups need no second index level.
 */
import type { Group } from '../groups/index.ts';
import type { Variable, Variables } from '../variables/index.ts';
import { collectIdentifiers } from '../parsing/index.ts';
import type { Expr } from '../parsing/index.ts';
import { renameNames } from './ast-util.ts';

/** Which side a reference looks into. */
export interface ReferenceSide {
  readonly group: Group;
  readonly suffix: '_pre' | '_post';
  /** The synaptic index variable holding absolute neuron indices (`_presynaptic_idx`…). */
  readonly index: string;
  /** Name of the synapses' own relative index of this side (`i` or `j`), used for `i_pre`/`i_post`. */
  readonly relativeIndex: 'i' | 'j';
  /** Also add unsuffixed names (Brian2 does for the target). */
  readonly unsuffixed: boolean;
}

/**
 * Adds the references of one side to `table`. Names the table already has are left alone (the
 * synapses' own variables win). Variables with a non-standard index (linked variables) are
 * skipped, as Brian2 does.
 */
export function addSideReferences(table: Variables, side: ReferenceSide): void {
  const { group, suffix, index } = side;
  const root = group.source;
  // A Synapses side (Brian2 allows synapses onto synapses): its variables are dynamic arrays, and
  // its `i` is the presynaptic neuron of each synapse, not this side's relative index.
  const synapticSide = root.variables.has('_synaptic_pre');
  const groupNames = new Set([...group.variables.names()].filter((n) => !n.startsWith('_')));
  const pending: [string, Variable][] = [];
  const references = new Map<string, Variable>();
  for (const [name, v] of group.variables) {
    if (name.startsWith('_')) continue;
    const names = [name + suffix];
    if (side.unsuffixed && !name.endsWith('_post') && !name.endsWith('_pre')) names.push(name);
    for (const target of names) {
      if (table.has(target)) continue;
      if (name === 'i' && !synapticSide) {
        const rel = table.get(side.relativeIndex);
        if (rel !== undefined && target !== 'i') table.set(target, rel);
        continue;
      }
      if (v.kind === 'constant') {
        table.set(target, v);
      } else if (v.kind === 'array') {
        if (v.scalar || v.index === '0') {
          table.set(target, v);
          continue;
        }
        // `v` and `v_post` are the same reference (Brian2: `S.variables['v'] is S.variables['v_post']`).
        const made = references.get(name);
        if (made !== undefined) {
          table.set(target, made);
          continue;
        }
        const rootVar = root.variables.get(name);
        if (rootVar?.kind !== 'array' || rootVar.index !== '_idx' || (rootVar.size !== root.N && !(synapticSide && rootVar.size === 'dynamic'))) continue;
        references.set(name, table.addReference(target, rootVar, index));
      } else if (v.kind === 'subexpression') {
        pending.push([target, v]);
      }
    }
  }
  // Subexpressions refer to the group's names: rename them to this side's names.
  for (const [target, v] of pending) {
    if (v.kind !== 'subexpression') continue;
    // Internal names (`_synaptic_pre`…) would resolve to this table's own variables: skip those.
    if ([...collectIdentifiers(v.expr)].some((n) => n.startsWith('_'))) continue;
    // A subexpression using a variable the synapses cannot index (a linked one) is skipped too (Brian2 does).
    if (usesAny(v.expr, group.variables, unindexable(group, synapticSide))) continue;
    const expr = renameNames(v.expr, (n) => (groupNames.has(n) ? (n === 'i' ? side.relativeIndex : n + suffix) : undefined));
    table.set(target, Object.freeze({ ...v, name: target, expr }));
  }
}

/** The group's array variables that have no reference in synaptic code (linked variables with their own index). */
function unindexable(group: Group, synapticSide: boolean): Set<string> {
  const root = group.source;
  const out = new Set<string>();
  for (const [name, v] of group.variables) {
    if (name.startsWith('_') || v.kind !== 'array' || v.scalar || v.index === '0') continue;
    const rootVar = root.variables.get(name);
    if (rootVar?.kind !== 'array' || rootVar.index !== '_idx' || (rootVar.size !== root.N && !(synapticSide && rootVar.size === 'dynamic'))) out.add(name);
  }
  return out;
}

/** Whether `expr` uses one of `names`, directly or through the group's subexpressions. */
function usesAny(expr: Expr, variables: Variables, names: ReadonlySet<string>, depth = 0): boolean {
  if (names.size === 0 || depth > 50) return false;
  for (const id of collectIdentifiers(expr)) {
    if (names.has(id)) return true;
    const v = variables.get(id);
    if (v?.kind === 'subexpression' && usesAny(v.expr, variables, names, depth + 1)) return true;
  }
  return false;
}
