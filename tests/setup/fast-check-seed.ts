/**
 * Loaded by `npm test` (`--import`) in every test process: property tests use one fixed
 * fast-check seed, so CI is reproducible and a failure seen once is seen again.
 * `FC_SEED=<n>` picks another seed; `FC_SEED=random` explores (fast-check's own random seed,
 * printed with any failure). Long exploration runs are `npm run fuzz`.
 */
import fc from 'fast-check';

const requested = process.env['FC_SEED'];
if (requested !== 'random') {
  const seed = requested === undefined || requested === '' ? 20261205 : Number(requested);
  if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer or 'random', got '${requested}'`);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
}
