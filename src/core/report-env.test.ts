import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ms, second } from '../units/index.ts';
import { NetworkError, environmentReport, environmentReportPeriod, longRunReport } from './index.ts';

describe('progress reports from the environment', () => {
  it('longRunReport(write) prints nothing for a run that ends before the first periodic report', () => {
    const lines: string[] = [];
    const r = longRunReport((l) => lines.push(l));
    r(second(0), 0, ms(0), second(1));
    r(second(0.5), 1, ms(0), second(1));
    assert.deepEqual(lines, []);
  });

  it('longRunReport(write) prints the start line with the first periodic report, then progress and the end', () => {
    const lines: string[] = [];
    const r = longRunReport((l) => lines.push(l));
    r(second(0), 0, ms(0), second(10));
    r(second(30), 0.25, ms(0), second(10));
    r(second(125), 1, ms(0), second(10));
    assert.deepEqual(lines, [
      'Starting simulation at t=0. s for a duration of 10. s\n',
      '2.5 s (25%) simulated in 30s, estimated 1m 30s remaining.\n',
      '10. s (100%) simulated in 2m 5s\n',
    ]);
  });

  it('environmentReport(env) reads BRIAN_TS_REPORT; environmentReportPeriod(env) reads BRIAN_TS_REPORT_PERIOD', () => {
    assert.equal(environmentReport({}), null);
    assert.equal(environmentReport({ BRIAN_TS_REPORT: 'none' }), null);
    assert.equal(typeof environmentReport({ BRIAN_TS_REPORT: 'stderr' }), 'function');
    assert.throws(() => environmentReport({ BRIAN_TS_REPORT: 'loud' }), (e: unknown) => e instanceof NetworkError && /BRIAN_TS_REPORT must be 'stdout', 'stderr' or 'none', got 'loud'/.test(e.message));
    assert.equal(environmentReportPeriod({}), undefined);
    assert.equal(environmentReportPeriod({ BRIAN_TS_REPORT_PERIOD: '0.5' }), 0.5);
    assert.throws(() => environmentReportPeriod({ BRIAN_TS_REPORT_PERIOD: '5s' }), (e: unknown) => e instanceof NetworkError && /BRIAN_TS_REPORT_PERIOD must be a positive number of seconds, got '5s'/.test(e.message));
  });
});
