/** Variable descriptors and tables: what the names in model strings stand for at run time. */
export { valueTypeOf, dtypeOf } from './variable.ts';
export type {
  Dtype,
  StorageArray,
  ArrayVariable,
  ConstantVariable,
  SubexpressionVariable,
  FunctionVariable,
  Variable,
} from './variable.ts';
