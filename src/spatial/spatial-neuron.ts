/**
 * `SpatialNeuron` (Brian2's `brian2/spatialneuron/spatialneuron.py`): a NeuronGroup with one
 * element per compartment of a morphology, whose membrane potential `v` follows the cable
 * equation. The membrane current `Im` (per area) and all other equations go through the normal
 * state-updater/codegen pipeline; the implicit cable solve over the tree is fixed internal logic
 * over typed arrays (`SpatialStateUpdater`, Brian2's `spatialstateupdate` template).
 */
import type { CodeBlockSpec } from '../codegen/index.ts';
import { getPref } from '../core/index.ts';
import type { Clock, RunContext } from '../core/index.ts';
import { Equations, SingleEquation, checkFlags } from '../equations/index.ts';
import type { AllowedFlags } from '../equations/index.ts';
import { CodeRunner, NeuronGroup } from '../groups/index.ts';
import type { NameResolution, Namespace, UpdateTail } from '../groups/index.ts';
import { binary, collectIdentifiers, name as nameExpr, printExpr, statement, unary, walkExpr } from '../parsing/index.ts';
import type { Expr, Statement } from '../parsing/index.ts';
import type { StateUpdateMethod } from '../stateupdaters/index.ts';
import { NonDifferentiableError, differentiate, simplify } from '../symbolic/index.ts';
import { DimensionMismatchError, Quantity, amp, farad, meter, ohm, siemens, volt } from '../units/index.ts';
import type { QuantityArray } from '../units/index.ts';
import type { Variables } from '../variables/index.ts';
import { SpatialNeuronError } from './errors.ts';
import { Morphology } from './morphology.ts';
import { SubMorphology } from './sub-morphology.ts';
import type { CompartmentLocation } from './sub-morphology.ts';
import { spatialAccess } from './spatial-subgroup.ts';
import type { SpatialSubgroup } from './spatial-subgroup.ts';
import type { Subgroup } from '../groups/index.ts';
import { checkOptions, optionNames, showValue } from '../util/index.ts';

/** Options of `new SpatialNeuron(morphology, model, options)` (Brian2's keyword arguments, camelCase). */
export interface SpatialNeuronOptions {
  /** Specific membrane capacitance (farad/meter²), a Quantity or one value per compartment. Default 0.9 µF/cm². */
  Cm?: Quantity | QuantityArray;
  /** Intracellular resistivity (ohm·meter). Default 150 ohm·cm. */
  Ri?: Quantity;
  /** Spike condition (a boolean expression string). */
  threshold?: string;
  /**
   * The only compartment where the threshold is checked (Brian2's `threshold_location`): an
   * absolute compartment index (`morpho.child('axon').index(um(30))`), a SubMorphology of one
   * compartment (`morpho.child('axon').compartment(um(30))`) or a section of one compartment
   * (`morpho`, a Soma). Several compartments are an error, as in Brian2.
   */
  thresholdLocation?: number | SubMorphology | Morphology;
  /** Statements run for the compartments that spiked. */
  reset?: string;
  /** Refractory period or condition, as for NeuronGroup. */
  refractory?: Quantity | string | false;
  /** Custom events: event name → condition. */
  events?: Readonly<Record<string, string>>;
  /** Method for the equations other than the cable equation. Default `['exact', 'exponential_euler', 'rk2', 'heun']`. */
  method?: string | readonly string[] | StateUpdateMethod;
  /** Options of the integration method for the channel equations. */
  methodOptions?: Readonly<Record<string, unknown>>;
  /** Names used in the model strings. */
  namespace?: Namespace;
  /** Time step of the neuron's own clock. Excludes `clock`. */
  dt?: Quantity;
  /** The clock to run on. Excludes `dt`. Default: the default clock. */
  clock?: Clock;
  /** Order within the scheduling slot (default 0). */
  order?: number;
  /** Name; default `'spatialneuron*'`. */
  name?: string;
}

/** The flags SpatialNeuron accepts (Brian2: `point current` in addition to NeuronGroup's, no `unless refractory`). */
const SPATIAL_FLAGS: AllowedFlags = Object.freeze({
  'differential equation': Object.freeze(['point current']),
  parameter: Object.freeze(['constant', 'shared', 'linked', 'point current']),
  subexpression: Object.freeze(['shared', 'point current', 'constant over dt']),
});

const AMP = amp.dim;
const CM_DEFAULT = new Quantity(0.9e-6 / 1e-4, farad.dim.div(meter.dim.pow(2))); // 0.9 µF/cm²
const RI_DEFAULT = new Quantity(150 * 1e-2, ohm.dim.times(meter.dim)); // 150 ohm·cm
const CURRENT_DENSITY = amp.dim.div(meter.dim.pow(2));

const CONSTANTS = `
length : meter (constant)
distance : meter (constant)
area : meter**2 (constant)
volume : meter**3
Ic : amp/meter**2
diameter : meter (constant)
Cm : farad/meter**2 (constant)
Ri : ohm*meter (constant, shared)
r_length_1 : meter (constant)
r_length_2 : meter (constant)
time_constant = Cm/gtot__private : second
space_constant = (2/pi)**(1.0/3.0) * (area/(1/r_length_1 + 1/r_length_2))**(1.0/6.0) / (2*(Ri*gtot__private)**(1.0/2.0)) : meter
`;

/** Brian2's model rewriting: point currents added to `Im`, `v` as a parameter, `gtot__private`/`I0__private` by linearisation. */
function cableModel(model: Equations, groupName: string): Equations {
  checkFlags(model, SPATIAL_FLAGS, groupName);
  const im = model.get('Im');
  if (im === undefined) throw new SpatialNeuronError(groupName, `The transmembrane current 'Im' must be defined in the model of '${groupName}'.`);
  if (im.flags.length > 0) throw new SpatialNeuronError(groupName, `Cannot specify any flags for the transmembrane current 'Im' (in '${groupName}').`);
  if (im.type !== 'subexpression') throw new SpatialNeuronError(groupName, `The transmembrane current 'Im' of '${groupName}' has to be a subexpression ('Im = ... : amp/meter**2').`);
  if (!im.dim.equals(CURRENT_DENSITY)) {
    throw new DimensionMismatchError(`The transmembrane current 'Im' of '${groupName}' has to be in units of amp/meter**2`, im.dim, CURRENT_DENSITY);
  }
  if (model.has('v')) throw new SpatialNeuronError(groupName, `The model of '${groupName}' must not define 'v': SpatialNeuron adds the membrane potential itself.`);
  let membrane: Expr = im.expr!;
  const equations: SingleEquation[] = [];
  for (const eq of model) {
    if (eq.varname === 'Im') continue;
    if (eq.flags.includes('point current')) {
      if (!eq.dim.equals(AMP)) throw new DimensionMismatchError(`Point current ${eq.varname} of '${groupName}' should be in amp`, eq.dim, AMP);
      membrane = binary('+', membrane, binary('/', nameExpr(eq.varname), nameExpr('area')));
      equations.push(new SingleEquation({ type: eq.type, varname: eq.varname, dim: eq.dim, varType: eq.varType, ...(eq.expr !== undefined ? { expr: eq.expr } : {}), flags: eq.flags.filter((f) => f !== 'point current') }));
    } else {
      equations.push(eq);
    }
  }
  equations.push(new SingleEquation({ type: 'subexpression', varname: 'Im', dim: CURRENT_DENSITY, expr: membrane }));
  equations.push(new SingleEquation({ type: 'parameter', varname: 'v', dim: volt.dim }));
  const full = new Equations(equations);
  const substituted = full.substitutedExpressions(true).find(([n]) => n === 'Im')![1];
  // Brian2 (sympy) cannot differentiate piecewise terms in v (clip, int, comparisons, …) and
  // refuses such an Im; brian-ts's differentiate could, but the cable solver follows Brian2.
  const piecewise = piecewiseTermIn(substituted, 'v');
  if (piecewise !== undefined) {
    throw new SpatialNeuronError(groupName, `Cannot take the derivative of '${printExpr(substituted)}' with respect to v (in '${groupName}'): '${printExpr(piecewise)}' is piecewise in v.`);
  }
  let derivative: Expr;
  try {
    derivative = differentiate(substituted, 'v');
  } catch (error) {
    if (!(error instanceof NonDifferentiableError)) throw error;
    throw new SpatialNeuronError(groupName, `Cannot take the derivative of '${printExpr(substituted)}' with respect to v (in '${groupName}'): ${error.message}`);
  }
  const gtot = simplify(unary('-', derivative));
  const i0 = simplify(binary('-', substituted, binary('*', derivative, nameExpr('v'))));
  const zero = (e: Expr): boolean => e.kind === 'number' && e.value === 0;
  const text =
    `gtot__private = ${printExpr(gtot)}${zero(gtot) ? '*siemens/meter**2' : ''} : siemens/meter**2\n` +
    `I0__private = ${printExpr(i0)}${zero(i0) ? '*amp/meter**2' : ''} : amp/meter**2\n`;
  return full.plus(text);
}

/** Compartments from which a SpatialNeuron's state lives in WebAssembly memory (see wasmStorageMinElements). */
const SPATIAL_WASM_STORAGE_MIN = 256;

const PIECEWISE_FUNCTIONS = new Set(['clip', 'int', 'floor', 'ceil', 'abs', 'sign', 'timestep']);

/** The first term of `expr` that is piecewise in `variable` (a comparison, `clip(v, …)`, …), if any. */
function piecewiseTermIn(expr: Expr, variable: string): Expr | undefined {
  let found: Expr | undefined;
  walkExpr(expr, (node) => {
    if (found !== undefined) return;
    const piecewise = node.kind === 'compare' || node.kind === 'logical' || (node.kind === 'unary' && node.op === 'not') || (node.kind === 'call' && PIECEWISE_FUNCTIONS.has(node.callee));
    if (piecewise && collectIdentifiers(node).has(variable)) found = node;
  });
  return found;
}

/**
 * Brian2's `threshold_location` handling: an index, or anything with indices (a SubMorphology, a
 * section), which must select exactly one compartment ("Threshold can only be applied on a
 * single location"). Indices of a section are absolute in its root's tree; they are taken
 * relative to the neuron's morphology.
 */
function thresholdIndex(owner: string, morphology: Morphology, location: number | SubMorphology | Morphology): number {
  let k: number;
  if (typeof location === 'number') {
    k = location;
  } else if (location instanceof SubMorphology || location instanceof Morphology) {
    const section = location instanceof SubMorphology ? location.section : location;
    if (section.root !== morphology.root) {
      throw new SpatialNeuronError(owner, `The threshold location of '${owner}' is a section of another morphology.`);
    }
    const indices = location.indices;
    if (indices.length !== 1) {
      throw new SpatialNeuronError(owner, `Threshold can only be applied on a single location ('${owner}': the threshold location has ${indices.length} compartments).`);
    }
    k = indices[0]! - morphology.startIndex;
  } else {
    throw new SpatialNeuronError(owner, `The threshold location of '${owner}' has to be a compartment index, a SubMorphology or a section, got ${location === null ? 'null' : typeof location}.`);
  }
  if (!Number.isInteger(k) || k < 0 || k >= morphology.totalCompartments) {
    throw new SpatialNeuronError(owner, `The threshold location of '${owner}' has to be a single compartment index in [0, ${morphology.totalCompartments}[, got ${showValue(k)}.`);
  }
  return k;
}

/** The flattened tree, as Brian2's `FlatMorphology`: sections in compartment order, section end nodes. */
interface FlatTree {
  /** Per section: first compartment and one past the last. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** Per section: the node it hangs from (0 = the root's start, s+1 = the end of section s). */
  readonly parentNode: Int32Array;
  /** Per node (sections + 1): its child sections' end nodes, `maxChildren` slots per node. */
  readonly children: Int32Array;
  readonly childCount: Int32Array;
  /** Per section: its slot among its parent node's children. */
  readonly childSlot: Int32Array;
  readonly maxChildren: number;
}

function flattenTree(morphology: Morphology): FlatTree {
  const sections = morphology.sections().map((s) => s.section);
  const S = sections.length;
  const index = new Map<Morphology, number>(sections.map((m, k) => [m, k]));
  const starts = new Int32Array(S);
  const ends = new Int32Array(S);
  const parentNode = new Int32Array(S);
  const childSlot = new Int32Array(S);
  const lists: number[][] = Array.from({ length: S + 1 }, () => []);
  let offset = 0;
  sections.forEach((m, k) => {
    starts[k] = offset;
    offset += m.n;
    ends[k] = offset;
    const parent = k === 0 ? undefined : m.parent;
    const node = parent === undefined || parent === null ? 0 : index.get(parent)! + 1;
    parentNode[k] = node;
    childSlot[k] = lists[node]!.length;
    lists[node]!.push(k + 1);
  });
  const maxChildren = Math.max(1, ...lists.map((l) => l.length));
  const children = new Int32Array((S + 1) * maxChildren);
  const childCount = new Int32Array(S + 1);
  lists.forEach((l, node) => {
    childCount[node] = l.length;
    l.forEach((c, k) => (children[node * maxChildren + k] = c));
  });
  return { starts, ends, parentNode, children, childCount, childSlot, maxChildren };
}

const OPTION_NAMES = optionNames<SpatialNeuronOptions>({ Cm: true, Ri: true, threshold: true, thresholdLocation: true, reset: true, refractory: true, events: true, method: true, methodOptions: true, namespace: true, dt: true, clock: true, order: true, name: true });

/**
 * A neuron with a morphology: one element per compartment, `v` solved by the cable equation
 * (Brian2's implicit, linear-time scheme). The model must define the membrane current density
 * `Im` (amp/meter²); parameters flagged `(point current)` (amp) are added to it as `I/area`.
 * @example
 * const morpho = new Cylinder({ diameter: um(1), length: um(1000), n: 100 });
 * const neuron = new SpatialNeuron(morpho, 'Im = gL*(EL - v) : amp/meter**2\nI : amp (point current)', {
 *   Cm: uF(1).div(cm2), Ri: ohm(100).times(cm(1)), namespace: { gL, EL },
 * });
 * neuron.v = mV(-70);
 * neuron.I[0] = nA(0.02);
 */
export class SpatialNeuron extends NeuronGroup {
  /**
   * A deep copy of the morphology given to the constructor (as Brian2): compartment indices
   * computed on the original tree (`morpho.child('L').index(...)`, `.indices`) are valid here,
   * while changes to the original after construction do not affect the neuron.
   */
  readonly morphology: Morphology;
  /** The object solving the cable equation each step (slot `groups`, order 1). */
  readonly spatialStateUpdater: SpatialStateUpdater;
  /** @internal The flattened tree used by the solver. */
  readonly flatTree: FlatTree;

  constructor(morphology: Morphology, model: string | Equations, options?: SpatialNeuronOptions) {
    const requested = (typeof options?.name === 'string' ? options.name : 'spatialneuron').replace(/\*$/, '');
    options = checkOptions(options, OPTION_NAMES, { what: `SpatialNeuron '${requested}'`, error: (message) => new SpatialNeuronError(requested, message) });
    let equations: Equations;
    if (typeof model === 'string') equations = new Equations(model);
    else if (model instanceof Equations) equations = model;
    else throw new SpatialNeuronError(requested, `The model of '${requested}' has to be a string or an Equations object, is '${typeof model}' instead.`);
    if (!(morphology instanceof Morphology)) {
      throw new SpatialNeuronError(requested, `The morphology of '${requested}' has to be a Soma, Cylinder or Section (a Morphology), got ${morphology === null ? 'null' : typeof morphology}.`);
    }
    const { Cm, Ri, thresholdLocation: location, ...rest } = options;
    const thresholdLocation = location === undefined ? undefined : thresholdIndex(requested, morphology, location);
    if (thresholdLocation !== undefined && options.threshold === undefined) {
      throw new SpatialNeuronError(requested, `'${requested}' has a threshold location but no threshold.`);
    }
    // The cable solver reads and writes float64 state (its arrays are Float64Array): float32
    // storage is not implemented for SpatialNeuron (docs/design.md, session 6).
    if (getPref('floatDtype') === 'float32') {
      throw new SpatialNeuronError(
        requested,
        `SpatialNeuron '${requested}' does not support float32 storage (prefs.floatDtype is 'float32'): set prefs.floatDtype = 'float64' before creating it (other groups can still use { dtype: 'float32' }).`,
      );
    }
    const hasCoordinates = morphology.sections().some(({ section }) => section.coords_(0, 'mid') !== null);
    let full = cableModel(equations, requested).plus(CONSTANTS);
    if (hasCoordinates) full = full.plus('x : meter (constant)\ny : meter (constant)\nz : meter (constant)');
    super(morphology.totalCompartments, full, {
      ...rest,
      ...(thresholdLocation !== undefined ? { threshold: `(${options.threshold!}) and (i == ${thresholdLocation})` } : {}),
      method: options.method ?? ['exact', 'exponential_euler', 'rk2', 'heun'],
      name: options.name ?? 'spatialneuron*',
    });
    // A private copy, as Brian2: later changes to the user's tree cannot desynchronise the neuron.
    this.morphology = morphology.copyTree();
    this.flatTree = flattenTree(this.morphology);
    const put = (variable: string, get: (m: Morphology) => Float64Array): void => {
      const target = this.variables.getArray(variable).array as Float64Array;
      for (const { section } of morphology.sections()) target.set(get(section), section.startIndex - morphology.startIndex);
    };
    put('length', (m) => m.length_);
    put('distance', (m) => m.distance_);
    put('area', (m) => m.area_);
    put('volume', (m) => m.volume_);
    put('diameter', (m) => m.diameter_);
    put('r_length_1', (m) => m.rLength1_);
    put('r_length_2', (m) => m.rLength2_);
    // A zero diameter (allowed in a morphology, e.g. a cone's tip) gives a zero area or axial
    // conductance: the cable equation would divide by zero (Brian2 fails with ZeroDivisionError).
    for (const { path, section } of morphology.sections()) {
      const checks: [string, Float64Array][] = [['area', section.area_], ['r_length_1', section.rLength1_], ['r_length_2', section.rLength2_]];
      for (const [what, values] of checks) {
        const k = values.findIndex((x) => !(x > 0));
        if (k >= 0) {
          throw new SpatialNeuronError(
            this.name,
            `SpatialNeuron '${this.name}': compartment ${k} of section '${path === '' ? 'root' : path}' has ${what} ${values[k]} (a zero diameter); the cable equation needs positive diameters.`,
          );
        }
      }
    }
    if (hasCoordinates) {
      // Sections without coordinates get NaN, as in Brian2 (generate them on the morphology first).
      const axes = ['x', 'y', 'z'] as const;
      axes.forEach((axis, k) => put(axis, (m) => m.coords_(k as 0 | 1 | 2, 'mid') ?? new Float64Array(m.n).fill(NaN)));
    }
    this['Cm'] = Cm ?? CM_DEFAULT;
    this['Ri'] = Ri ?? RI_DEFAULT;
    this.spatialStateUpdater = new SpatialStateUpdater(this);
    this.containedObjects.push(this.spatialStateUpdater);    // Again with SpatialNeuron's own members (NeuronGroup checked those it knows).
    this.refuseMemberNames(this.userEquations.names, (message) => new SpatialNeuronError(this.name, message));
  }

  /** @internal The linearised membrane current of the step, written by the spatial state updater's code. */
  protected override addInternalVariables(variables: Variables, N: number): void {
    variables.addArray('_gtot_all', { dim: siemens.dim.div(meter.dim.pow(2)), size: N });
    variables.addArray('_I0_all', { dim: CURRENT_DENSITY, size: N });
  }

  /**
   * @internal From 256 compartments the state goes into one WebAssembly memory, so the channel
   * update runs as an in-place kernel (exact mode included). A SpatialNeuron keeps ≈ 20 arrays per
   * compartment (geometry, v, Ic, the linearised current, the channels' states): at 256 they
   * already fill most of the memory's one 64 KiB page (NeuronGroup's 1024 is for a one-array LIF).
   */
  protected override wasmStorageMinElements(): number {
    return SPATIAL_WASM_STORAGE_MIN;
  }

  /** The compartments of the root section only, without its subtrees (Brian2's `neuron.main`). */
  get main(): SpatialSubgroup {
    return spatialAccess.main(this);
  }

  /**
   * The compartments of the subtree at `path` (a child name, an L/R/1-9 path or dotted
   * `'dend.L'`): the typed form of Brian2's `neuron.axon` (which also works, untyped).
   */
  child(path: string): SpatialSubgroup {
    return spatialAccess.child(this, path);
  }

  /**
   * The absolute compartment index at a distance along the root section (Brian2's
   * `morpho[30*um]`), or of its k-th compartment; `neuron.child('axon').index(um(30))` for a
   * subtree. Use it for `thresholdLocation`, `neuron.I[...]`, or a monitor's `record`.
   */
  index(at: CompartmentLocation): number {
    return spatialAccess.index(this, at);
  }

  /**
   * The compartments of the root section between two distances along it (Brian2's
   * `neuron[10*um:20*um]`) or two compartment numbers of it (Python slice rules).
   */
  range(from?: CompartmentLocation, to?: CompartmentLocation): Subgroup {
    return spatialAccess.range(this, from, to);
  }

  /**
   * The compartments of a SubMorphology or a section of this neuron's morphology, as a Subgroup
   * (Brian2's `neuron[morpho.L[10*um:20*um]]`, `neuron[morpho.L]`: the section only).
   */
  segment(selection: SubMorphology | Morphology): Subgroup {
    return spatialAccess.segment(this, selection);
  }

  /** @internal `neuron.axon`: subtrees by attribute (before state variables, as Brian2). */
  override readAttribute(key: string): unknown {
    if ((this.morphology as Morphology | undefined) !== undefined && spatialAccess.isChild(this, key)) return this.child(key);
    return super.readAttribute(key);
  }
}

/**
 * Solves the cable equation for `v` once per step (slot `groups`, order 1, after the other
 * equations were integrated with the old `v`): backward Euler of the linearised membrane current,
 * per-section tridiagonal solves for a particular and two homogeneous solutions, then the small
 * tree system over the section end nodes (Brian2's `spatialstateupdate` template).
 */
export class SpatialStateUpdater extends CodeRunner implements UpdateTail {
  declare readonly group: SpatialNeuron;
  /** The run whose channel state update computes `_gtot_all` and `_I0_all` in its own loop (see UpdateTail). */
  fusedInto: RunContext | undefined = undefined;
  private fused = false;
  private readonly statements: Statement[] = [
    statement('_gtot_all', '=', nameExpr('gtot__private')),
    statement('_I0_all', '=', nameExpr('I0__private')),
  ];
  // Per compartment (set up at each run start: Cm, Ri and dt may have changed). `ab0` has one
  // more entry (0), so the forward sweep needs no test for the last compartment.
  private readonly invr: Float64Array;
  private readonly ab0: Float64Array;
  private readonly ab1: Float64Array;
  private readonly ab2: Float64Array;
  private readonly bPlus: Float64Array;
  private readonly bMinus: Float64Array;
  /** −Cm/dt per compartment (the same value the step computed each time before). */
  private readonly cmDt: Float64Array;
  // Per step workspace
  private readonly c: Float64Array;
  private readonly vStar: Float64Array;
  private readonly uPlus: Float64Array;
  private readonly uMinus: Float64Array;
  // Per section / node
  private readonly invr0: Float64Array;
  private readonly invrn: Float64Array;
  private readonly pDiag: Float64Array;
  private readonly pParent: Float64Array;
  private readonly pChildren: Float64Array;
  private readonly B: Float64Array;
  private dt = 0;
  /** The group's arrays the solver uses, looked up once per run (their storage never changes). */
  private arrays: { v: Float64Array; Cm: Float64Array; Ic: Float64Array; gtot: Float64Array; I0: Float64Array } | undefined;

  constructor(group: SpatialNeuron) {
    super(group, 'stateupdate', { when: 'groups', order: 1, name: `${group.name}_spatialstateupdater`, clock: group.clock });
    const N = group.N;
    const S = group.flatTree.starts.length;
    const perCompartment = (): Float64Array => new Float64Array(N);
    this.invr = perCompartment();
    this.ab0 = new Float64Array(N + 1);
    this.ab1 = perCompartment();
    this.ab2 = perCompartment();
    this.bPlus = perCompartment();
    this.bMinus = perCompartment();
    this.cmDt = perCompartment();
    this.c = perCompartment();
    this.vStar = perCompartment();
    this.uPlus = perCompartment();
    this.uMinus = perCompartment();
    this.invr0 = new Float64Array(S);
    this.invrn = new Float64Array(S);
    this.pParent = new Float64Array(S);
    this.pDiag = new Float64Array(S + 1);
    this.B = new Float64Array(S + 1);
    this.pChildren = new Float64Array((S + 1) * group.flatTree.maxChildren);
  }

  protected override buildSpec(resolution: NameResolution): CodeBlockSpec {
    return {
      name: this.name,
      template: 'stateupdate',
      statements: this.statements,
      variables: resolution.variablesFor(['_gtot_all', '_I0_all', 'gtot__private', 'I0__private']),
      N: this.group.N,
    };
  }

  private array(name: string): Float64Array {
    return this.group.variables.getArray(name).array as Float64Array;
  }

  /** The linearised membrane current's statements, for the channel update to run at its end. */
  tailStatements(): Statement[] {
    return this.statements;
  }

  /** What the statements and the cable solve write (a threshold reading none of them can run in the update's loop). */
  tailWrites(): readonly string[] {
    return ['_gtot_all', '_I0_all', 'v', 'Ic'];
  }

  override beforeRun(context: RunContext): void {
    // Fused (the state updater, scheduled just before, ran the statements): only the solver is left.
    this.fused = this.fusedInto === context;
    if (this.fused) this.codeObject = undefined;
    else super.beforeRun(context);
    const { starts, ends } = this.group.flatTree;
    const N = this.group.N;
    const Ri = this.array('Ri')[0]!;
    const Cm = this.array('Cm');
    const area = this.array('area');
    const rl1 = this.array('r_length_1');
    const rl2 = this.array('r_length_2');
    const dt = (this.dt = this.clock.dtSeconds);
    this.arrays = { v: this.array('v'), Cm, Ic: this.array('Ic'), gtot: this.array('_gtot_all'), I0: this.array('_I0_all') };
    const { invr, ab0, ab1, ab2, bPlus, bMinus, cmDt } = this;
    invr[0] = 0;
    for (let k = 1; k < N; k++) invr[k] = 1 / (Ri * (1 / rl2[k - 1]! + 1 / rl1[k]!));
    for (const first of starts) invr[first] = 0;
    ab0.fill(0);
    ab2.fill(0);
    bPlus.fill(0);
    bMinus.fill(0);
    for (let k = 1; k < N; k++) {
      ab0[k] = invr[k]! / area[k - 1]!;
      ab2[k - 1] = invr[k]! / area[k]!;
    }
    for (let k = 0; k < N; k++) ab1[k] = -(Cm[k]! / dt) - invr[k]! / area[k]!;
    for (let k = 0; k < N - 1; k++) ab1[k] = ab1[k]! - invr[k + 1]! / area[k]!;
    for (let k = 0; k < N; k++) cmDt[k] = -(Cm[k]! / dt);
    for (let s = 0; s < starts.length; s++) {
      const first = starts[s]!;
      const last = ends[s]! - 1;
      const i0 = (this.invr0[s] = rl1[first]! / Ri);
      const iN = (this.invrn[s] = rl2[last]! / Ri);
      ab1[first] = ab1[first]! - i0 / area[first]!;
      ab1[last] = ab1[last]! - iN / area[last]!;
      bPlus[last] = -(iN / area[last]!);
      bMinus[first] = -(i0 / area[first]!);
    }
  }

  override run(): void {
    if (!this.fused) this.codeObject!.run();
    const g = this.group;
    const { starts, ends, parentNode, children, childCount, childSlot, maxChildren } = g.flatTree;
    const N = g.N;
    const S = starts.length;
    const { v, Cm, Ic, gtot, I0 } = this.arrays!;
    const { ab0, ab1, ab2, bPlus, bMinus, cmDt, c, vStar, uPlus, uMinus, invr0, invrn, pDiag, pParent, pChildren, B } = this;
    const dt = this.dt;

    // Thomas algorithm over the whole array; the blocks decouple at section starts (invr = 0).
    // The sweeps carry the previous element's values in locals (not re-read from the arrays just
    // written): the forward sweep is one dependency chain through a division per compartment.
    let bi = ab1[0]! - gtot[0]!;
    let cPrev = (c[0] = N > 1 ? ab0[1]! / bi : 0);
    let vs = (vStar[0] = (cmDt[0]! * v[0]! - I0[0]!) / bi);
    let up = (uPlus[0] = bPlus[0]! / bi);
    let um = (uMinus[0] = bMinus[0]! / bi);
    for (let i = 1; i < N; i++) {
      const ai = ab2[i - 1]!;
      bi = ab1[i]! - gtot[i]!;
      const m = 1 / (bi - ai * cPrev);
      // (c of the last compartment is never read: ab0[N] = 0.)
      c[i] = cPrev = ab0[i + 1]! * m;
      vStar[i] = vs = (cmDt[i]! * v[i]! - I0[i]! - ai * vs) * m;
      uPlus[i] = up = (bPlus[i]! - ai * up) * m;
      uMinus[i] = um = (bMinus[i]! - ai * um) * m;
    }
    for (let i = N - 2; i >= 0; i--) {
      const ci = c[i]!;
      vStar[i] = vs = vStar[i]! - ci * vs;
      uPlus[i] = up = uPlus[i]! - ci * up;
      uMinus[i] = um = uMinus[i]! - ci * um;
    }

    // The coupling system over the section end nodes.
    for (let s = 0; s < S; s++) {
      const first = starts[s]!;
      const last = ends[s]! - 1;
      const i0 = invr0[s]!;
      const iN = invrn[s]!;
      if (s === 0) {
        // The root section's start is sealed.
        pDiag[0] = uMinus[first]! - 1;
        pChildren[0] = uPlus[first]!;
        B[0] = -vStar[first]!;
      } else {
        const p = parentNode[s]!;
        pDiag[p] = pDiag[p]! + (1 - uMinus[first]!) * i0;
        pChildren[p * maxChildren + childSlot[s]!] = -uPlus[first]! * i0;
        B[p] = B[p]! + vStar[first]! * i0;
      }
      pDiag[s + 1] = (1 - uPlus[last]!) * iN;
      pParent[s] = -uMinus[last]! * iN;
      B[s + 1] = vStar[last]! * iN;
    }
    // Eliminate from the leaves up, then substitute from the root down.
    for (let i = S; i >= 0; i--) {
      for (let k = 0; k < childCount[i]!; k++) {
        const j = children[i * maxChildren + k]!;
        const f = pChildren[i * maxChildren + k]! / pDiag[j]!;
        pDiag[i] = pDiag[i]! - f * pParent[j - 1]!;
        B[i] = B[i]! - f * B[j]!;
      }
    }
    B[0] = B[0]! / pDiag[0]!;
    for (let s = 0; s < S; s++) {
      B[s + 1] = (B[s + 1]! - pParent[s]! * B[parentNode[s]!]!) / pDiag[s + 1]!;
    }
    // The new v and the capacitive current from the old one, in one pass.
    for (let s = 0; s < S; s++) {
      const bParent = B[parentNode[s]!]!;
      const bEnd = B[s + 1]!;
      for (let k = starts[s]!; k < ends[s]!; k++) {
        const vNew = vStar[k]! + bParent * uMinus[k]! + bEnd * uPlus[k]!;
        Ic[k] = (Cm[k]! * (vNew - v[k]!)) / dt;
        v[k] = vNew;
      }
    }
  }
}

