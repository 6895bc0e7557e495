export const durationScale = Number(process.env.BRIAN_TS_DURATION_SCALE ?? '1');
export function scaled<T extends { times(x: number): T }>(d: T): T { return durationScale === 1 ? d : d.times(durationScale); }
