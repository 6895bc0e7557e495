/**
 * Python's (and numpy's) floored division and modulo on floats, which every layer that computes
 * with Brian's `//` and `%` must agree on: `-7 // 2 == -4`, `-7 % 3 == 2`, `-7.5 % 2 == 0.5`.
 * This is CPython's `float_divmod` algorithm; division by zero follows numpy (`1 // 0 == inf`,
 * `1 % 0` is NaN) rather than raising, as generated code does at run time.
 */
export function pythonDivmod(a: number, b: number): [quotient: number, remainder: number] {
  if (b === 0) return [a / b, NaN];
  let mod = a % b; // fmod: sign of the dividend
  let div = (a - mod) / b;
  if (mod !== 0) {
    if (b < 0 !== mod < 0) {
      mod += b;
      div -= 1;
    }
  } else {
    mod = b < 0 ? -0 : 0;
  }
  let floor: number;
  if (div !== 0) {
    floor = Math.floor(div);
    if (div - floor > 0.5) floor += 1;
  } else {
    floor = a / b < 0 || Object.is(a / b, -0) ? -0 : 0;
  }
  return [floor, mod];
}

/** Python's `a // b` on floats: rounds toward −∞ (`-7 // 2 === -4`). */
export function pythonFloorDiv(a: number, b: number): number {
  return pythonDivmod(a, b)[0];
}

/** Python's `a % b` on floats: the result has the sign of `b` (`-7 % 3 === 2`). */
export function pythonMod(a: number, b: number): number {
  return pythonDivmod(a, b)[1];
}
