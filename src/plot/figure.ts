import { NotYetAvailableError } from './errors.ts';

/** Numbers to plot: plain arrays or typed arrays (e.g. `M.t.in(ms)`). */
export type PlotData = ArrayLike<number>;

/** The figure API the plotting issue will implement (matplotlib-like, as the seed programs use it). */
export interface Figure {
  plot(x: PlotData, y?: PlotData | string, format?: string): Figure;
  xlabel(label: string): Figure;
  ylabel(label: string): Figure;
  title(title: string): Figure;
  save(path: string): Promise<void>;
}

/**
 * Placeholder for the plotting API, which arrives with the plotting issue. It exists so that
 * programs written against the full API (the seed programs) load and run their simulation part;
 * calling it throws `NotYetAvailableError`.
 */
export function figure(): Figure {
  throw new NotYetAvailableError(
    'figure',
    'Plotting (figure) is not yet available in brian-ts: it arrives with the plotting issue. ' +
      'The simulation results are available on the monitors (e.g. M.t, M.v[0], M.i).',
  );
}
