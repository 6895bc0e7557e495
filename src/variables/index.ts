/** Variable descriptors and tables: what the names in model strings stand for at run time. */
export { valueTypeOf, dtypeOf, isFloatDtype } from './variable.ts';
export type {
  Dtype,
  FloatDtype,
  StorageArray,
  ArrayVariable,
  ConstantVariable,
  SubexpressionVariable,
  FunctionVariable,
  FunctionImplementation,
  Variable,
} from './variable.ts';
export {
  Variables,
  createArrayVariable,
  allocateArray,
  addIndexVariables,
  symbolOf,
  ensureCapacity,
  resizeDynamic,
  usedValues,
} from './variables.ts';
export type { ArrayOptions, ConstantOptions, SubexpressionOptions } from './variables.ts';
export { VariablesError, type VariablesErrorCode } from './errors.ts';
export { packWasmStorage, wasmMemoryOf, wasmStorageAvailable, WASM_STORAGE_MIN_ELEMENTS, type WasmMemory } from './wasm-storage.ts';
