/** Physical constants (Brian2's `brian2.units.constants`), as Quantities. */
import { InternalError } from '../util/index.ts';
import { Dimension } from './dimension.ts';
import { Quantity } from './quantity.ts';
import { CONSTANT_RECORDS } from './si-units.generated.ts';

const constants = new Map<string, Quantity>(
  CONSTANT_RECORDS.map(([name, value, dims]) => [name, new Quantity(value, Dimension.of(dims))]),
);

function constant(name: string): Quantity {
  const q = constants.get(name);
  if (q === undefined) throw new InternalError(`missing generated constant ${name}`);
  return q;
}

/** Avogadro constant, 6.022140857e23 mol^-1. */
export const avogadro_constant: Quantity = constant('avogadro_constant');
/** Boltzmann constant, 1.38064852e-23 J/K. */
export const boltzmann_constant: Quantity = constant('boltzmann_constant');
/** Electric constant ε0, 8.854187817e-12 F/m. */
export const electric_constant: Quantity = constant('electric_constant');
/** Electron mass, 9.10938356e-31 kg. */
export const electron_mass: Quantity = constant('electron_mass');
/** Elementary charge, 1.6021766208e-19 C. */
export const elementary_charge: Quantity = constant('elementary_charge');
/** Faraday constant, 96485.33289 C/mol. */
export const faraday_constant: Quantity = constant('faraday_constant');
/** Gas constant, 8.3144598 J/(mol K). */
export const gas_constant: Quantity = constant('gas_constant');
/** Magnetic constant μ0, 4π·1e-7 N/A². */
export const magnetic_constant: Quantity = constant('magnetic_constant');
/** Molar mass constant, 1 g/mol. */
export const molar_mass_constant: Quantity = constant('molar_mass_constant');
/** 0 °C in kelvin, 273.15 K. */
export const zero_celsius: Quantity = constant('zero_celsius');
