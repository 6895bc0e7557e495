/** Monitors: recording state variables, events and population rates during runs. */
export { StateMonitor } from './state-monitor.ts';
export type { StateMonitorOptions, StateMonitorConstructor, StateMonitorRecordings, StateMonitorView, StateMonitorMultiView } from './state-monitor.ts';
export { SpikeMonitor, EventMonitor } from './event-monitor.ts';
export type { EventMonitorOptions, EventMonitorRecordings, SpikeMonitorConstructor, EventMonitorConstructor } from './event-monitor.ts';
export { PopulationRateMonitor } from './population-rate-monitor.ts';
export type { PopulationRateMonitorOptions } from './population-rate-monitor.ts';
export type { StateTraces } from './traces.ts';
export type { ConditionalQuantityArray } from './conditions.ts';
export type { MonitorSource, EventSource, EventEmitterSchedule } from './source.ts';
export { smoothRate, smoothingKernel, convolveSame } from './smooth-rate.ts';
export type { SmoothingWindow, SmoothingKernel, WidthAdjustedHandler } from './smooth-rate.ts';
export { MonitorError, MonitorIndexError } from './errors.ts';
