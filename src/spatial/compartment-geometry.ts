/**
 * Per-compartment geometry with units, shared by a whole section (`Morphology`) and a slice of one
 * (`SubMorphology`): subclasses provide the raw SI arrays (Brian2's trailing-underscore
 * properties), this class the Quantity views of them.
 */
import { QuantityArray, meter } from '../units/index.ts';
import type { Dimension } from '../units/index.ts';

const M: Dimension = meter.dim;
const M2: Dimension = meter.dim.pow(2);
const M3: Dimension = meter.dim.pow(3);

const q = (values: Float64Array, dim: Dimension): QuantityArray => new QuantityArray(values, dim);

/** Which point of a compartment a coordinate is taken at. */
export type CoordinatePoint = 'start' | 'mid' | 'end';

/**
 * Per-compartment geometry shared by morphologies and sub-morphologies: the SI arrays
 * (`area_`, `length_`, …, Brian2's trailing-underscore properties) and their Quantity forms.
 */
export abstract class CompartmentGeometry {
  /** Membrane area of each compartment (m²). */
  abstract get area_(): Float64Array;
  /** Volume of each compartment (m³). */
  abstract get volume_(): Float64Array;
  /** Length of each compartment (m). */
  abstract get length_(): Float64Array;
  /** Diameter at each compartment's midpoint (m). */
  abstract get diameter_(): Float64Array;
  /** Path distance from the root to each compartment's midpoint (m). */
  abstract get distance_(): Float64Array;
  /** Geometric conductance factor start→midpoint (m), divided by Ri gives a conductance. */
  abstract get rLength1_(): Float64Array;
  /** Geometric conductance factor midpoint→end (m). */
  abstract get rLength2_(): Float64Array;
  /** Absolute coordinates (m) of compartment starts, midpoints and ends; null without coordinates. */
  abstract coords_(axis: 0 | 1 | 2, where: CoordinatePoint): Float64Array | null;

  /** Membrane area of each compartment. */
  get area(): QuantityArray {
    return q(this.area_, M2);
  }
  /** Volume of each compartment. */
  get volume(): QuantityArray {
    return q(this.volume_, M3);
  }
  /** Length of each compartment. */
  get length(): QuantityArray {
    return q(this.length_, M);
  }
  /** Diameter at each compartment's midpoint. */
  get diameter(): QuantityArray {
    return q(this.diameter_, M);
  }
  /** Distance from the root to each compartment's midpoint. */
  get distance(): QuantityArray {
    return q(this.distance_, M);
  }
  /** Geometric conductance factor start→midpoint. */
  get rLength1(): QuantityArray {
    return q(this.rLength1_, M);
  }
  /** Geometric conductance factor midpoint→end. */
  get rLength2(): QuantityArray {
    return q(this.rLength2_, M);
  }
  /** Midpoint x coordinates (null without coordinates). */
  get x(): QuantityArray | null {
    return this.coordinate(0, 'mid');
  }
  /** Midpoint y coordinates (null without coordinates). */
  get y(): QuantityArray | null {
    return this.coordinate(1, 'mid');
  }
  /** Midpoint z coordinates (null without coordinates). */
  get z(): QuantityArray | null {
    return this.coordinate(2, 'mid');
  }
  /** Start-point x coordinates (null without coordinates). */
  get startX(): QuantityArray | null {
    return this.coordinate(0, 'start');
  }
  /** Start-point y coordinates (null without coordinates). */
  get startY(): QuantityArray | null {
    return this.coordinate(1, 'start');
  }
  /** Start-point z coordinates (null without coordinates). */
  get startZ(): QuantityArray | null {
    return this.coordinate(2, 'start');
  }
  /** End-point x coordinates (null without coordinates). */
  get endX(): QuantityArray | null {
    return this.coordinate(0, 'end');
  }
  /** End-point y coordinates (null without coordinates). */
  get endY(): QuantityArray | null {
    return this.coordinate(1, 'end');
  }
  /** End-point z coordinates (null without coordinates). */
  get endZ(): QuantityArray | null {
    return this.coordinate(2, 'end');
  }
  private coordinate(axis: 0 | 1 | 2, where: CoordinatePoint): QuantityArray | null {
    const c = this.coords_(axis, where);
    return c === null ? null : q(c, M);
  }
}
