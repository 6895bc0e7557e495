/**
 * The simulation core: clocks, BrianObject, scheduling, Network, Brian-style magic, seeding and
 * progress reporting.
 */
export { Clock, defaultclock, checkDt, roundHalfEven, EPSILON_DT } from './clock.ts';
export type { ClockOptions, ClockState, ClockVariables } from './clock.ts';
export { BrianObject } from './brian-object.ts';
export type { BrianObjectOptions, RunContext, When, DefaultSlot } from './brian-object.ts';
export type { ThreadWork } from '../devices/index.ts';
export { Network } from './network.ts';
export type { NetworkItem, NetworkOptions, RunOptions, RestoreOptions, StoredState } from './network.ts';
export { DEFAULT_SCHEDULE, SchedulingSummary, sortObjects, slotKeys, checkSchedule, allObjects } from './schedule.ts';
export type { ScheduleEntry } from './schedule.ts';
export { MagicNetwork, magicNetwork, run, store, restore, stop, startScope, collect, schedulingSummary, profilingSummary } from './magic.ts';
export { ProfilingSummary } from './profiling.ts';
export { seed, setRandomStateProvider, getRandomStateProvider, getRandomState, setRandomState } from './random.ts';
export type { RandomStateProvider } from './random.ts';
export { formatTime, textReport, longRunReport, environmentReport, environmentReportPeriod } from './report.ts';
export type { ReportCallback, ReportSpec } from './report.ts';
export { findName, claimName, releaseName } from './names.ts';
export { objectsInScope, unregisterFromScope } from './scope.ts';
export { SchedulingError, MagicError, NetworkError, ClockError, BrianObjectError, InvalidNameError, PrefsError } from './errors.ts';
export { prefs, getPref, resetPrefs, PREF_SPECS, booleanPref, integerPref } from './prefs.ts';
export type { Prefs, PrefName, PrefSpec } from './prefs.ts';
