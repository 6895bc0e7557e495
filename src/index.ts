/**
 * brian-ts public API. Every public name is listed explicitly, grouped by area; anything not
 * exported here is internal. Advanced entry points are the subpath exports `brian-ts/units`,
 * `brian-ts/parsing`, `brian-ts/inference`, `brian-ts/symbolic` and `brian-ts/equations`.
 */

// Errors shared by every layer
export { BrianError, InternalError, OptionsError, checkOptions, optionNames, suggestNames, editDistance } from './util/index.ts';
export type { CheckOptionsContext, OptionsProblem } from './util/index.ts';
export { clearMemos as clearBuildCache, setMemosEnabled as setBuildCacheEnabled, memoEntries as buildCacheEntries } from './util/index.ts';

// Units: dimensions, callable units, quantities, errors, display
export {
  Dimension,
  DIMENSIONLESS,
  Quantity,
  QuantityArray,
  Unit,
  DimensionMismatchError,
  UnitError,
  ShapeMismatchError,
  getUnitForDisplay,
  lookupUnit,
  getBaseUnit,
} from './units/index.ts';
export type { DimensionExponents, UnitSpec, ScalarOperand, ArrayOperand } from './units/index.ts';

// Unit-aware math (Brian2's unitsafefunctions)
export {
  sqrt,
  exp,
  log,
  log10,
  expm1,
  log1p,
  exprel,
  sin,
  cos,
  tan,
  arcsin,
  arccos,
  arctan,
  sinh,
  cosh,
  tanh,
  arcsinh,
  arccosh,
  arctanh,
  abs,
  sign,
  floor,
  ceil,
  clip,
  where,
} from './units/index.ts';

// Physical constants (Brian2's brian2.units.constants)
export {
  avogadro_constant,
  boltzmann_constant,
  electric_constant,
  electron_mass,
  elementary_charge,
  faraday_constant,
  gas_constant,
  magnetic_constant,
  molar_mass_constant,
  zero_celsius,
} from './units/index.ts';

// BEGIN GENERATED UNIT EXPORTS (scripts/generate-units.py, do not edit)
// The unit names of `from brian2 import *`.
export {
  metre, meter, kilogram, second, amp, kelvin, mole, gram, gramme, molar,
  hertz, pascal, joule, watt, coulomb, volt, farad, ohm, siemens, cmetre,
  Gmetre, mmetre, nmetre, pmetre, umetre, Tmetre, Mmetre, kmetre, cmeter, Gmeter,
  mmeter, nmeter, pmeter, umeter, Tmeter, Mmeter, kmeter, Gsecond, msecond, nsecond,
  psecond, usecond, Tsecond, Msecond, ksecond, Gamp, mamp, namp, pamp, uamp,
  Tamp, Mamp, kamp, Gmole, mmole, nmole, pmole, umole, Tmole, Mmole,
  kmole, Ggram, mgram, ngram, pgram, ugram, Tgram, Mgram, kgram, Ggramme,
  mgramme, ngramme, pgramme, ugramme, Tgramme, Mgramme, kgramme, Gmolar, mmolar, nmolar,
  pmolar, umolar, Tmolar, Mmolar, kmolar, Ghertz, mhertz, nhertz, phertz, uhertz,
  Thertz, Mhertz, khertz, Gpascal, mpascal, npascal, ppascal, upascal, Tpascal, Mpascal,
  kpascal, Gjoule, mjoule, njoule, pjoule, ujoule, Tjoule, Mjoule, kjoule, Gwatt,
  mwatt, nwatt, pwatt, uwatt, Twatt, Mwatt, kwatt, Gcoulomb, mcoulomb, ncoulomb,
  pcoulomb, ucoulomb, Tcoulomb, Mcoulomb, kcoulomb, Gvolt, mvolt, nvolt, pvolt, uvolt,
  Tvolt, Mvolt, kvolt, Gfarad, mfarad, nfarad, pfarad, ufarad, Tfarad, Mfarad,
  kfarad, Gohm, mohm, nohm, pohm, uohm, Tohm, Mohm, kohm, Gsiemens,
  msiemens, nsiemens, psiemens, usiemens, Tsiemens, Msiemens, ksiemens, liter, Gliter, mliter,
  nliter, pliter, uliter, Tliter, Mliter, kliter, litre, Glitre, mlitre, nlitre,
  plitre, ulitre, Tlitre, Mlitre, klitre, mV, mA, uA, nA, pA,
  pF, uF, nF, nS, uS, mS, ms, us, Hz, kHz,
  MHz, cm, cm2, cm3, mm, mm2, mm3, um, um2, um3,
  mM, uM, nM,
} from './units/index.ts';
// END GENERATED UNIT EXPORTS

// Expressions and statements: parse, print, errors
export {
  parseExpression,
  parseStatements,
  printExpr,
  printStatement,
  printStatements,
  collectIdentifiers,
  collectFunctionNames,
  isValidIdentifier,
  ParseError,
} from './parsing/index.ts';
export type { Expr, Statement, Span, ParseOptions } from './parsing/index.ts';

// Unit and type inference over expressions and statements
export {
  analyse,
  inferDimensions,
  inferType,
  checkStatements,
  checkBooleanExpression,
  checkDimensions,
  createScope,
  defineFunction,
  DEFAULT_FUNCTIONS,
  DEFAULT_CONSTANTS,
  ExpressionError,
  UndefinedIdentifierError,
} from './inference/index.ts';
export type { ValueType, FunctionDescriptor, FunctionSpec, ScopeOptions, ExpressionInfo } from './inference/index.ts';

// Symbolic manipulation of expressions
export {
  simplify,
  expand,
  differentiate,
  substitute,
  splitLinear,
  linearSystem,
  conditionallyLinearSystem,
  SymbolicError,
  NonlinearError,
} from './symbolic/index.ts';
export type { LinearSplit, LinearSystem } from './symbolic/index.ts';

// Equations
export {
  Equations,
  SingleEquation,
  EquationError,
  EquationDimensionError,
  checkUnits,
  checkFlags,
  NEURON_GROUP_FLAGS,
  SYNAPSES_FLAGS,
  SPATIAL_NEURON_FLAGS,
} from './equations/index.ts';
export type { EquationType, VarType, Substitutions, StochasticType } from './equations/index.ts';

// Simulation core: clocks, networks, scheduling, Brian-style magic, seeding
export {
  Clock,
  defaultclock,
  BrianObject,
  Network,
  run,
  store,
  restore,
  stop,
  startScope,
  collect,
  schedulingSummary,
  profilingSummary,
  ProfilingSummary,
  MagicNetwork,
  magicNetwork,
  seed,
  SchedulingError,
  MagicError,
  NetworkError,
  ClockError,
  BrianObjectError,
  prefs,
  resetPrefs,
  PrefsError,
} from './core/index.ts';
export type { BrianObjectOptions, RunOptions, RestoreOptions, When, ReportCallback, ReportSpec, Prefs, PrefName } from './core/index.ts';

// Integration methods: the errors of choosing and applying one
export { StateUpdaterError, UnknownStateUpdaterError, NoSuitableStateUpdaterError, UnsupportedEquationsError, MethodOptionsError, MethodOptionValueError, stateUpdaterNames } from './stateupdaters/index.ts';
// Threads (issue 10): prefs.threads / run(T, {threads}); results are identical for any count
export { ThreadError, shutdownThreads, lastThreadRun, availableCores, startThreads, setThreadScript, isThreadWorker } from './devices/index.ts';
export type { ThreadsSetting, ThreadRunInfo } from './devices/index.ts';

// Groups of neurons and their state
export {
  Group,
  NeuronGroup,
  Subgroup,
  VariableView,
  linkedVar,
  LinkedVariable,
  GroupError,
  UnknownVariableError,
  GroupUndefinedIdentifierError,
} from './groups/index.ts';
export type { NeuronGroupOptions, RunOnEventOptions, RunRegularlyOptions, StateValue, Namespace, DtypeOption } from './groups/index.ts';
export type { FloatDtype } from './variables/index.ts';

// Monitors
export { StateMonitor, SpikeMonitor, EventMonitor, PopulationRateMonitor, MonitorError, MonitorIndexError } from './monitors/index.ts';
export type { StateMonitorOptions, EventMonitorOptions, PopulationRateMonitorOptions, ConditionalQuantityArray } from './monitors/index.ts';

// Inputs: TimedArray, Poisson and spike generator groups, network operations
export {
  TimedArray,
  PoissonGroup,
  SpikeGeneratorGroup,
  PoissonInput,
  BinomialFunction,
  NetworkOperation,
  networkOperation,
  InputError,
} from './input/index.ts';
export type { PoissonInputOptions, BinomialFunctionOptions } from './input/index.ts';
export type { TimedArrayOptions, TimedArrayValues, PoissonGroupOptions, PoissonRates, SpikeGeneratorGroupOptions, SetSpikesOptions, SpikeTimes, NetworkOperationFunction, NetworkOperationOptions } from './input/index.ts';

// Synapses
export { Synapses, SynapticPathway, SynapticVariableView, SynapsesError, SynapsesDefinitionError, ConnectError, SpikeQueueError } from './synapses/index.ts';
export type { SynapsesOptions, ConnectOptions, NeuronSelection } from './synapses/index.ts';

// Code generation: user-defined functions callable from model strings
export { defineUserFunction, CodegenError, NonFiniteValueError, GslIntegrationError } from './codegen/index.ts';

// numpy-style helpers for the code around a model: ranges, histograms, numpy's seeded RandomState
export { linspace, arange, histogram, RandomState, NumericError } from './numeric/index.ts';
export type { Histogram, HistogramOptions } from './numeric/index.ts';

// Plotting: matplotlib-style figures to SVG and PNG, and Brian's plotting helpers
export { figure, plotRaster, plotState, plotRate, plotSynapses, plotMorphology, Axes, PlotError, parseFormat } from './plot/index.ts';
export type {
  Figure,
  FigureOptions,
  SaveOptions,
  AxesMethods,
  PlotData,
  LineOptions,
  ScatterOptions,
  LegendOptions,
  RasterOptions,
  StateOptions,
  RateOptions,
  SynapsesPlotOptions,
  MorphologyPlotOptions,
} from './plot/index.ts';

// Data export: .npz (numpy), JSON, CSV; store() snapshots to files
export {
  exportNpz,
  loadNpz,
  encodeNpz,
  decodeNpz,
  exportJson,
  loadJson,
  encodeJson,
  decodeJson,
  exportCsv,
  encodeCsv,
  monitorToArrays,
  groupToArrays,
  saveSnapshot,
  loadSnapshot,
  IoError,
} from './io/index.ts';
export type {
  NdArray,
  NpyDtype,
  ArrayInput,
  ExportData,
  ExportMetadata,
  LoadedArrays,
  NpzOptions,
  JsonOptions,
  SaveSnapshotOptions,
  LoadSnapshotOptions,
} from './io/index.ts';

// Multicompartment models: morphologies (code or SWC) and SpatialNeuron (passive cable solver so far)
export {
  Morphology,
  Soma,
  Section,
  Cylinder,
  Children,
  morphologyFromPoints,
  morphologyFromSwc,
  morphologyFromSwcFile,
  MorphologyError,
  MissingSectionError,
  MorphologyCycleError,
  SwcFormatError,
  SwcTopologyError,
  SpatialNeuron,
  SpatialStateUpdater,
  SpatialNeuronError,
  SpatialSubgroup,
  SubMorphology,
  CompartmentGeometry,
  CompartmentIndexError,
} from './spatial/index.ts';
export type {
  SomaOptions,
  SectionOptions,
  CylinderOptions,
  LengthArrayLike,
  MorphologyPoint,
  FromPointsOptions,
  SpatialNeuronOptions,
  GenerateCoordinatesOptions,
  CompartmentLocation,
} from './spatial/index.ts';

// The main thread's warm-up while a multi-threaded run's workers start (registers itself with the threads device).
import './warmup/thread-warmup.ts';
