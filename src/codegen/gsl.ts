/**
 * The `gsl_stateupdate` template's integration code: GSL's `gsl_odeiv2_driver` as Brian2 drives it
 * (one driver per execution with the `scaled` control, `epsabs = 1`, `epsrel = 0`, the absolute
 * errors as scale, `hstart = hmax = dt`, `nmax = max_steps`), written out as JavaScript per
 * element: GSL's explicit steppers (rk2, rk4 with step doubling, rkf45, rkck, rk8pd), their error
 * estimates, the control's step adjustment (safety 0.9, at most ×1/5 down and ×4.9 up, r > 1.1
 * rejects, r < 0.5 grows) and `evolve_apply`'s retry loop, in GSL's floating-point operation order
 * (GSL 2.7 ode-initval2 sources, read for the facts). Everything is printed from fixed text and
 * numbers; the derivative is the template's own printed statements (see generate.ts).
 */

/** A GSL stepper's settings for the template (the state updater's `GslSettings`, plus what codegen needs). */
export interface GslSpec {
  readonly integrator: 'rk2' | 'rk4' | 'rkf45' | 'rkck' | 'rk8pd';
  /** The integrated variables in y order. */
  readonly variables: readonly string[];
  /** The temporaries holding each variable's derivative (`_gsl_v_f0`), in y order. */
  readonly derivatives: readonly string[];
  /** Absolute error per variable (GSL's `scale_abs`), in y order. */
  readonly absoluteErrors: readonly number[];
  readonly adaptableTimestep: boolean;
  /** GSL's `nmax` (0: no limit). */
  readonly maxSteps: number;
  /** `hstart` and `hmax`: the group's dt when the code was generated. */
  readonly hStart: number;
  /** Names of the per-element storage Brian2 adds (`_last_timestep`, `_failed_steps`, `_step_count`), if used. */
  readonly lastTimestep?: string;
  readonly failedSteps?: string;
  readonly stepCount?: string;
  /** A per-element float64 variable the derivative reads as GSL's intermediate time (set at every evaluation), if any. */
  readonly time?: string;
}

/** What the emitter needs from the template: a line writer and the derivative evaluation. */
export interface GslEmitter {
  line(text: string): void;
  open(text: string): void;
  close(text?: string): void;
  /** Sets the integrated variables to `ys` and the intermediate time to `time` (JS expressions), evaluates the derivative and assigns it to `outs`. */
  evaluate(ys: readonly string[], outs: readonly string[], time: string): void;
  /** A statement throwing the integration error for the current element (adaptive: max steps / no progress; fixed: error too large). */
  fail(adaptive: boolean): string;
}

/** A number as a JS literal (shortest round trip, so the double is exact). */
function lit(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`internal: non-finite GSL constant ${x}`);
  return x < 0 || Object.is(x, -0) ? `(${String(x)})` : String(x);
}

/** GSL's stepper order (for the control's exponent). */
const ORDER = { rk2: 2, rk4: 4, rkf45: 5, rkck: 5, rk8pd: 8 } as const;

/** An explicit embedded tableau: stage rows as (coefficient, k index) terms, the solution weights, the error form. */
interface Tableau {
  /** ah[s]: stage s+2 is evaluated at `t + ah[s]*h` (1: at `t + h`). */
  readonly ah: readonly number[];
  /** rows[s]: the terms of stage s+2's argument `y + h*(Σ)`; a single-term first row is `y + (a*h)*k1`. */
  readonly rows: readonly (readonly (readonly [number, number])[])[];
  readonly weights: readonly (readonly [number, number])[];
  /** `h*(Σ ec_j k_j)` (rkf45, rkck) or `h*(Σ A − Σ Abar)` (rk8pd: `A` then the weights). */
  readonly error: { readonly kind: 'direct'; readonly terms: readonly (readonly [number, number])[] } | { readonly kind: 'difference'; readonly terms: readonly (readonly [number, number])[] };
}

const RKF45: Tableau = {
  ah: [1.0 / 4.0, 3.0 / 8.0, 12.0 / 13.0, 1.0, 1.0 / 2.0],
  rows: [
    [[1.0 / 4.0, 0]],
    [[3.0 / 32.0, 0], [9.0 / 32.0, 1]],
    [[1932.0 / 2197.0, 0], [-7200.0 / 2197.0, 1], [7296.0 / 2197.0, 2]],
    [[8341.0 / 4104.0, 0], [-32832.0 / 4104.0, 1], [29440.0 / 4104.0, 2], [-845.0 / 4104.0, 3]],
    [[-6080.0 / 20520.0, 0], [41040.0 / 20520.0, 1], [-28352.0 / 20520.0, 2], [9295.0 / 20520.0, 3], [-5643.0 / 20520.0, 4]],
  ],
  weights: [[902880.0 / 7618050.0, 0], [3953664.0 / 7618050.0, 2], [3855735.0 / 7618050.0, 3], [-1371249.0 / 7618050.0, 4], [277020.0 / 7618050.0, 5]],
  error: { kind: 'direct', terms: [[1.0 / 360.0, 0], [-128.0 / 4275.0, 2], [-2197.0 / 75240.0, 3], [1.0 / 50.0, 4], [2.0 / 55.0, 5]] },
};

const RKCK: Tableau = {
  ah: [1.0 / 5.0, 0.3, 3.0 / 5.0, 1.0, 7.0 / 8.0],
  rows: [
    [[1.0 / 5.0, 0]],
    [[3.0 / 40.0, 0], [9.0 / 40.0, 1]],
    [[0.3, 0], [-0.9, 1], [1.2, 2]],
    [[-11.0 / 54.0, 0], [2.5, 1], [-70.0 / 27.0, 2], [35.0 / 27.0, 3]],
    [[1631.0 / 55296.0, 0], [175.0 / 512.0, 1], [575.0 / 13824.0, 2], [44275.0 / 110592.0, 3], [253.0 / 4096.0, 4]],
  ],
  weights: [[37.0 / 378.0, 0], [250.0 / 621.0, 2], [125.0 / 594.0, 3], [512.0 / 1771.0, 5]],
  error: {
    kind: 'direct',
    terms: [[37.0 / 378.0 - 2825.0 / 27648.0, 0], [250.0 / 621.0 - 18575.0 / 48384.0, 2], [125.0 / 594.0 - 13525.0 / 55296.0, 3], [-277.0 / 14336.0, 4], [512.0 / 1771.0 - 0.25, 5]],
  },
};

const RK8PD: Tableau = {
  ah: [1.0 / 18.0, 1.0 / 12.0, 1.0 / 8.0, 5.0 / 16.0, 3.0 / 8.0, 59.0 / 400.0, 93.0 / 200.0, 5490023248.0 / 9719169821.0, 13.0 / 20.0, 1201146811.0 / 1299019798.0, 1, 1],
  rows: [
    [[1.0 / 18.0, 0]],
    [[1.0 / 48.0, 0], [1.0 / 16.0, 1]],
    [[1.0 / 32.0, 0], [3.0 / 32.0, 2]],
    [[5.0 / 16.0, 0], [-75.0 / 64.0, 2], [75.0 / 64.0, 3]],
    [[3.0 / 80.0, 0], [3.0 / 16.0, 3], [3.0 / 20.0, 4]],
    [[29443841.0 / 614563906.0, 0], [77736538.0 / 692538347.0, 3], [-28693883.0 / 1125000000.0, 4], [23124283.0 / 1800000000.0, 5]],
    [[16016141.0 / 946692911.0, 0], [61564180.0 / 158732637.0, 3], [22789713.0 / 633445777.0, 4], [545815736.0 / 2771057229.0, 5], [-180193667.0 / 1043307555.0, 6]],
    [[39632708.0 / 573591083.0, 0], [-433636366.0 / 683701615.0, 3], [-421739975.0 / 2616292301.0, 4], [100302831.0 / 723423059.0, 5], [790204164.0 / 839813087.0, 6], [800635310.0 / 3783071287.0, 7]],
    [[246121993.0 / 1340847787.0, 0], [-37695042795.0 / 15268766246.0, 3], [-309121744.0 / 1061227803.0, 4], [-12992083.0 / 490766935.0, 5], [6005943493.0 / 2108947869.0, 6], [393006217.0 / 1396673457.0, 7], [123872331.0 / 1001029789.0, 8]],
    [[-1028468189.0 / 846180014.0, 0], [8478235783.0 / 508512852.0, 3], [1311729495.0 / 1432422823.0, 4], [-10304129995.0 / 1701304382.0, 5], [-48777925059.0 / 3047939560.0, 6], [15336726248.0 / 1032824649.0, 7], [-45442868181.0 / 3398467696.0, 8], [3065993473.0 / 597172653.0, 9]],
    [[185892177.0 / 718116043.0, 0], [-3185094517.0 / 667107341.0, 3], [-477755414.0 / 1098053517.0, 4], [-703635378.0 / 230739211.0, 5], [5731566787.0 / 1027545527.0, 6], [5232866602.0 / 850066563.0, 7], [-4093664535.0 / 808688257.0, 8], [3962137247.0 / 1805957418.0, 9], [65686358.0 / 487910083.0, 10]],
    [[403863854.0 / 491063109.0, 0], [-5068492393.0 / 434740067.0, 3], [-411421997.0 / 543043805.0, 4], [652783627.0 / 914296604.0, 5], [11173962825.0 / 925320556.0, 6], [-13158990841.0 / 6184727034.0, 7], [3936647629.0 / 1978049680.0, 8], [-160528059.0 / 685178525.0, 9], [248638103.0 / 1413531060.0, 10]],
  ],
  // Abar (8th order), the solution.
  weights: [[14005451.0 / 335480064.0, 0], [-59238493.0 / 1068277825.0, 5], [181606767.0 / 758867731.0, 6], [561292985.0 / 797845732.0, 7], [-1041891430.0 / 1371343529.0, 8], [760417239.0 / 1151165299.0, 9], [118820643.0 / 751138087.0, 10], [-528747749.0 / 2220607170.0, 11], [1.0 / 4.0, 12]],
  // A (7th order).
  error: { kind: 'difference', terms: [[13451932.0 / 455176623.0, 0], [-808719846.0 / 976000145.0, 5], [1757004468.0 / 5645159321.0, 6], [656045339.0 / 265891186.0, 7], [-3867574721.0 / 1518517206.0, 8], [465885868.0 / 322736535.0, 9], [53011238.0 / 667516719.0, 10], [2.0 / 45.0, 11]] },
};

const TABLEAUS = { rkf45: RKF45, rkck: RKCK, rk8pd: RK8PD } as const;

/** C's left-to-right sum of `c*k` terms, for component i. */
function sum(terms: readonly (readonly [number, number])[], k: (j: number) => string): string {
  return terms.map(([c, j]) => `(${lit(c)} * ${k(j)})`).reduce((a, b) => `(${a} + ${b})`);
}

/**
 * Emits one element's integration over `[t, t + dt]`. Locals it expects: `$gy_i` (the state, in and
 * out), `$g_h` (the step size, in and out), `$g_n` and `$g_failed` (step counts, out); `$g_dt` and
 * `$g_hmax` are per execution.
 */
export function emitGslElement(spec: GslSpec, e: GslEmitter): void {
  const D = spec.variables.length;
  const idx = Array.from({ length: D }, (_, i) => i);
  const each = (f: (i: number) => string): void => e.line(idx.map(f).join(' '));
  const vec = (prefix: string): string[] => idx.map((i) => `${prefix}_${i}`);
  const declare = (prefix: string): void => e.line(`let ${idx.map((i) => `${prefix}_${i} = 0.0`).join(', ')};`);
  const y = vec('$gy');
  declare('$gs'); // y saved at the start of an evolve step
  declare('$gdi'); // dydt_in
  declare('$gdo'); // dydt_out
  declare('$ge'); // the error estimate
  declare('$gt'); // ytmp
  const ord = ORDER[spec.integrator];
  const stages = spec.integrator === 'rk2' ? 3 : spec.integrator === 'rk4' ? 1 : TABLEAUS[spec.integrator].rows.length + 1;
  for (let s = 1; s <= stages; s++) declare(`$gk${s}`);
  if (spec.integrator === 'rk4') {
    declare('$gy0');
    declare('$go'); // y_onestep
  }

  // The stepper: y ← y + step, error estimate in $ge, derivative at the new point in $gdo (h: `$g_h0`).
  const stepper = (): void => {
    const h = '$g_h0';
    const t = '$g_t0';
    switch (spec.integrator) {
      case 'rk2': {
        each((i) => `$gk1_${i} = $gdi_${i};`);
        each((i) => `$gt_${i} = $gy_${i} + ((0.5 * ${h}) * $gk1_${i});`);
        e.evaluate(vec('$gt'), vec('$gk2'), `${t} + (0.5 * ${h})`);
        each((i) => `$gt_${i} = $gy_${i} + (${h} * ((-$gk1_${i}) + (2 * $gk2_${i})));`);
        e.evaluate(vec('$gt'), vec('$gk3'), `${t} + ${h}`);
        // ksum3 = (k1 + 4 k2 + k3)/6, used for y and the error.
        each((i) => `$gt_${i} = ((($gk1_${i} + (4 * $gk2_${i})) + $gk3_${i}) / 6);`);
        each((i) => `$gy_${i} = $gy_${i} + (${h} * $gt_${i});`);
        e.evaluate(y, vec('$gdo'), `${t} + ${h}`);
        each((i) => `$ge_${i} = ${h} * ($gk2_${i} - $gt_${i});`);
        break;
      }
      case 'rk4': {
        // Step doubling: one step of h (into $go), two of h/2 (into y); error = 8·0.5·(y − y_one)/15.
        const step = (target: string, hh: string, base: string, ts: string): void => {
          // GSL's rk4_step: k holds k1 at entry ($gk1), y0 is `base`, the step starts at `ts`.
          each((i) => `${target}_${i} = ${target}_${i} + ((${hh} / 6) * $gk1_${i}); $gt_${i} = ${base}_${i} + ((0.5 * ${hh}) * $gk1_${i});`);
          e.evaluate(vec('$gt'), vec('$gk1'), `${ts} + (0.5 * ${hh})`);
          each((i) => `${target}_${i} = ${target}_${i} + ((${hh} / 3) * $gk1_${i}); $gt_${i} = ${base}_${i} + ((0.5 * ${hh}) * $gk1_${i});`);
          e.evaluate(vec('$gt'), vec('$gk1'), `${ts} + (0.5 * ${hh})`);
          each((i) => `${target}_${i} = ${target}_${i} + ((${hh} / 3) * $gk1_${i}); $gt_${i} = ${base}_${i} + (${hh} * $gk1_${i});`);
          e.evaluate(vec('$gt'), vec('$gk1'), `${ts} + ${hh}`);
          each((i) => `${target}_${i} = ${target}_${i} + ((${hh} / 6) * $gk1_${i});`);
        };
        each((i) => `$gy0_${i} = $gy_${i}; $go_${i} = $gy_${i}; $gk1_${i} = $gdi_${i};`);
        step('$go', h, '$gy0', t);
        e.line(`const $g_hh = ${h} / 2;`);
        e.line(`const $g_tm = ${t} + (${h} / 2);`);
        each((i) => `$gk1_${i} = $gdi_${i};`);
        step('$gy', '$g_hh', '$gy0', t);
        e.evaluate(y, vec('$gk1'), '$g_tm');
        each((i) => `$gy0_${i} = $gy_${i};`);
        step('$gy', '$g_hh', '$gy0', '$g_tm');
        e.evaluate(y, vec('$gdo'), `${t} + ${h}`);
        each((i) => `$ge_${i} = ((4 * ($gy_${i} - $go_${i})) / 15);`);
        break;
      }
      default: {
        const tab = TABLEAUS[spec.integrator];
        const k = (i: number) => (j: number) => `$gk${j + 1}_${i}`;
        each((i) => `$gk1_${i} = $gdi_${i};`);
        tab.rows.forEach((row, s) => {
          if (row.length === 1) each((i) => `$gt_${i} = $gy_${i} + ((${lit(row[0]![0])} * ${h}) * ${k(i)(row[0]![1])});`);
          else each((i) => `$gt_${i} = $gy_${i} + (${h} * ${sum(row, k(i))});`);
          const a = tab.ah[s]!;
          e.evaluate(vec('$gt'), vec(`$gk${s + 2}`), a === 1 ? `${t} + ${h}` : `${t} + (${lit(a)} * ${h})`);
        });
        each((i) => `$gy_${i} = $gy_${i} + (${h} * ${sum(tab.weights, k(i))});`);
        e.evaluate(y, vec('$gdo'), `${t} + ${h}`);
        if (tab.error.kind === 'direct') each((i) => `$ge_${i} = ${h} * ${sum(tab.error.terms, k(i))};`);
        else each((i) => `$ge_${i} = ${h} * (${sum(tab.error.terms, k(i))} - ${sum(tab.weights, k(i))});`);
      }
    }
  };

  // The scaled control with eps_abs = 1, eps_rel = 0: D_i = absolute error of variable i.
  const rmax = (): void => {
    e.line('let $g_rmax = 2.2250738585072014e-308;');
    idx.forEach((i) => e.line(`{ const $g_r = Math.abs($ge_${i}) / ${lit(spec.absoluteErrors[i]!)}; if ($g_r > $g_rmax) $g_rmax = $g_r; }`));
  };

  if (!spec.adaptableTimestep) {
    // gsl_odeiv2_driver_apply_fixed_step(d, &t, dt, 1, y): one step of dt; an error above the control's level fails.
    e.line('const $g_h0 = $g_dt;');
    e.line('const $g_t0 = $g_tstart;');
    each((i) => `$gs_${i} = $gy_${i};`);
    e.evaluate(y, vec('$gdi'), '$g_t0');
    stepper();
    rmax();
    e.open('if ($g_rmax > 1.1) {');
    each((i) => `$gy_${i} = $gs_${i};`);
    e.line('$g_failed++;');
    e.line(e.fail(false));
    e.close();
    e.line('$g_n = 1;');
    return;
  }

  // gsl_odeiv2_driver_apply(d, &t, t + dt, y) with gsl_odeiv2_evolve_apply inlined.
  e.line('let $g_t = $g_tstart;');
  e.line('const $g_t1 = $g_t + $g_dt;');
  e.line('let $g_count = 0;');
  e.open('while ($g_t1 - $g_t > 0) {');
  e.line('const $g_t0 = $g_t;');
  e.line('let $g_h0 = $g_h;');
  e.line('const $g_rem = $g_t1 - $g_t0;');
  each((i) => `$gs_${i} = $gy_${i};`);
  // The first step evaluates dydt_in; later ones reuse the previous step's dydt_out.
  e.open('if ($g_count === 0) {');
  e.evaluate(y, vec('$gdi'), '$g_t0');
  e.close('} else {');
  e.line(idx.map((i) => `  $gdi_${i} = $gdo_${i};`).join(' '));
  e.line('}');
  e.open('for (;;) {');
  e.line('let $g_final = false;');
  e.line('if ($g_rem >= 0 && $g_h0 > $g_rem) { $g_h0 = $g_rem; $g_final = true; }');
  stepper();
  e.line('$g_count++;');
  e.line('$g_t = $g_final ? $g_t1 : $g_t0 + $g_h0;');
  rmax();
  e.line('const $g_hold = $g_h0;');
  e.open('if ($g_rmax > 1.1) {');
  // Decrease, no more than a factor of 5, a fraction 0.9 more than the scaling suggests.
  e.line(`let $g_q = 0.9 / Math.pow($g_rmax, ${lit(1.0 / ord)});`);
  e.line('if ($g_q < 0.2) $g_q = 0.2;');
  e.line('$g_h0 = $g_q * $g_hold;');
  e.open('if (Math.abs($g_h0) < Math.abs($g_hold) && $g_t + $g_h0 !== $g_t) {');
  each((i) => `$gy_${i} = $gs_${i};`);
  e.line('$g_failed++;');
  e.line('continue;');
  e.close();
  e.line('$g_h = $g_h0;');
  e.line(e.fail(true));
  e.close('} else if ($g_rmax < 0.5) {');
  e.line(`  let $g_q = 0.9 / Math.pow($g_rmax, ${lit(1.0 / (ord + 1.0))});`);
  e.line('  if ($g_q > 4.9) $g_q = 4.9;');
  e.line('  if ($g_q < 1) $g_q = 1;');
  e.line('  $g_h0 = $g_q * $g_hold;');
  e.line('}');
  e.line('if (!$g_final) $g_h = $g_h0;');
  e.line('break;');
  e.close();
  if (spec.maxSteps > 0) e.line(`if ($g_n > ${spec.maxSteps}) ${e.fail(true)}`);
  e.line('if (Math.abs($g_h) > $g_hmax) $g_h = $g_hmax;');
  e.line('$g_n++;');
  e.close();
}
