import { BrianError } from '../util/index.ts';

/** Bad command-line input (an unknown example, a missing script, a malformed number) or a missing tool such as tsx. */
export class CliError extends BrianError {
  /** The process exit code: 2 for bad usage, 1 otherwise. */
  readonly exitCode: number;

  constructor(message: string, exitCode = 2) {
    super(message);
    this.exitCode = exitCode;
  }
}
