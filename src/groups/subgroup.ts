/**
 * `Subgroup` (Brian2's `G[a:b]`): a contiguous slice of a group sharing its storage. Its
 * variables are references into the parent's through the index `_sub_idx`; `i` and `N` are
 * relative to the slice.
 */
import { GroupError } from './errors.ts';
import { Group } from './group.ts';
import { toStartStop } from './indexing.ts';
import { noteStringifiedSubgroup } from './variable-view.ts';

/**
 * A contiguous part of a group, created by `G.slice(start, stop)` or `G.subgroup(i)`. It can be
 * read and assigned like its parent (`sub.v = 'i*mV'` uses the relative `i`), monitored, and given
 * `runRegularly` operations (scheduled with the parent). It runs nothing itself.
 */
export class Subgroup extends Group {
  /** The group this is a part of. */
  readonly parent: Group;

  constructor(parent: Group, start: number, stop: number, name?: string) {
    // A subgroup of a subgroup is a subgroup of the original group (Brian2).
    const root = parent.source;
    const offset = parent.start;
    super(stop - start, { clock: root.clock, when: 'thresholds', order: root.order + 1, name: name ?? `${root.name}_subgroup*` }, 'subgroup*', [
      offset + start,
      offset + stop,
    ]);
    this.parent = root;
    this.namespace = root.namespace;
    this.events = root.events;
    const variables = this.variables;
    const n = stop - start;
    variables.addConstant('N', { value: n, type: 'integer' });
    const i = variables.addArray('i', { dtype: 'int32', size: n, readOnly: true, constant: true });
    const sub = variables.addArray('_sub_idx', { dtype: 'int32', size: n, readOnly: true, constant: true });
    for (let k = 0; k < n; k++) {
      i.array[k] = k;
      sub.array[k] = this.start + k;
    }
    for (const [varName, v] of root.variables) {
      if (varName === 'N' || varName === 'i' || varName === '_sub_idx') continue;
      if (v.kind !== 'array' || v.scalar || v.index === '0') {
        variables.add(v, varName);
      } else if (v.index === '_idx') {
        if (v.size !== root.N) continue; // event spaces (N+1) stay the parent's; see eventSpace()
        variables.addReference(varName, v, '_sub_idx');
      } else if (!varName.startsWith('_')) {
        throw new GroupError('invalid-index', root.name, `Cannot create a subgroup of '${root.name}': do not know how to deal with variable '${varName}' using index '${v.index}' in a subgroup.`, { variable: varName });
      }
    }
    for (const linked of (root as unknown as { linkedNames: Set<string> }).linkedNames) {
      if (!root.variables.has(linked)) this.linkedNames.add(linked);
    }
    this.enableAttributeAccess();
  }

  override get source(): Group {
    return this.parent;
  }

  override get dependencyTarget(): Group {
    return this.parent;
  }

  /** A subgroup of this subgroup (`sub[a:b]`), as a subgroup of the original group. */
  slice(start?: number, stop?: number): Subgroup {
    const [a, b] = toStartStop(this.name, { ...(start !== undefined ? { start } : {}), ...(stop !== undefined ? { stop } : {}) }, this.N);
    return new Subgroup(this, a, b);
  }

  override toString(): string {
    const key = `<Subgroup '${this.name}' of '${this.parent.name}' from ${this.start} to ${this.stop}>`;
    noteStringifiedSubgroup(key, this);
    return key;
  }
}
