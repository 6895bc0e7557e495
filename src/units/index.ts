/**
 * The units layer: dimensions, callable units, quantities, Brian2-identical display, unit-safe
 * math and the unit names of model strings. Other folders import only from here.
 */

// Dimensions
export { Dimension, DIMENSIONLESS, BASE_DIMENSION_LABELS, BASE_UNIT_NAMES } from './dimension.ts';
export type { DimensionExponents } from './dimension.ts';

// Quantities and units
export { Quantity } from './quantity.ts';
export type { ScalarOperand, ArrayOperand } from './quantity.ts';
export { QuantityArray } from './quantity-array.ts';
export { Unit } from './unit.ts';
export type { UnitSpec } from './unit.ts';
export type { Operand, BinaryOperator, ComparisonOperator } from './arithmetic.ts';
export {
  add,
  subtract,
  multiply,
  divide,
  floorDivide,
  remainder,
  power,
  negate,
  absolute,
  binary,
  compare,
} from './arithmetic.ts';

// Errors
export { DimensionMismatchError, UnitError, ShapeMismatchError } from './errors.ts';

// Unit catalogue and display registries
export { lookupUnit, getBaseUnit, unitNamed, allUnits, modelStringUnits } from './unit-table.ts';
export {
  getUnitForDisplay,
  registerNewUnit,
  resetUserRegistry,
  findBestUnit,
  findBaseUnit,
  standardRegistry,
  userRegistry,
  additionalRegistry,
  UnitRegistry,
} from './registry.ts';
export type { DisplayUnit } from './registry.ts';

// numpy-compatible formatting (used for Brian2-identical output elsewhere)
export { pythonFloatRepr, arrayStr, arrayRepr, DEFAULT_PRINT_OPTIONS } from './format.ts';
export type { PrintOptions } from './format.ts';

// Unit-aware math
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
} from './unit-safe-functions.ts';

// Physical constants (brian2.units.constants)
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
} from './constants.ts';

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
} from './named-units.generated.ts';
// END GENERATED UNIT EXPORTS
