/**
 * Data export and import: monitor, group and array data to numpy's `.npz` (own `.npy`
 * writer/reader, fflate for the zip), JSON and CSV; `store()` snapshots to files and back.
 * Encoders work on bytes and strings (browser-compatible); the file functions need Node.js.
 */
export { IoError } from './errors.ts';
export { encodeNpy, decodeNpy, toNdArray, dtypeOf, isNpyDtype } from './npy.ts';
export type { NdArray, NpyDtype, NpyData, ArrayInput, StateTracesLike } from './npy.ts';
export { encodeNpz, decodeNpz, exportNpz, loadNpz, siUnitName, METADATA_ENTRY } from './npz.ts';
export type { NpzOptions, ExportMetadata, LoadedArrays } from './npz.ts';
export { monitorToArrays, groupToArrays } from './monitors.ts';
export type { ExportData, ExportableMonitor, StateMonitorLike, EventMonitorLike } from './monitors.ts';
export { encodeJson, decodeJson, exportJson, loadJson, encodeCsv, exportCsv } from './text.ts';
export type { JsonOptions } from './text.ts';
export { saveSnapshot, loadSnapshot, SNAPSHOT_ENTRY } from './snapshot.ts';
export type { SaveSnapshotOptions, LoadSnapshotOptions } from './snapshot.ts';
