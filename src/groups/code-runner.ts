/**
 * Code runners: the scheduled objects that execute a group's generated code each time step
 * (Brian2's `CodeRunner`). Names are resolved and code is checked and compiled in `beforeRun`,
 * at every run start, so namespace values may change between runs.
 */
import { compileCodeBlock } from '../codegen/index.ts';
import type { CodeBlockSpec, CodeObject, TemplateName } from '../codegen/index.ts';
import { BrianObject, getPref } from '../core/index.ts';
import type { Clock, RunContext, ThreadWork, When } from '../core/index.ts';
import type { Statement } from '../parsing/index.ts';
import type { Quantity } from '../units/index.ts';
import { checkCodeStatements, identifiersOf, parseCodeStatements } from './code-check.ts';
import type { Group } from './group.ts';
import type { NameResolution } from './namespace.ts';

/** Scheduling options of a code runner. */
export interface CodeRunnerOptions {
  when: When;
  order: number;
  name: string;
  dt?: Quantity;
  clock?: Clock;
}

/**
 * Base class of the objects that run a group's code: subclasses say what to compile
 * (`buildSpec`); `run()` executes the compiled block once.
 */
export abstract class CodeRunner extends BrianObject {
  /** The group providing the variables (a subgroup for operations defined on one). */
  readonly group: Group;
  /** The code template it runs (`stateupdate`, `threshold`, `reset`, `synapses`, …). */
  readonly template: TemplateName;
  /** The compiled code of the current run (`undefined` before the first run). */
  codeObject: CodeObject | undefined = undefined;

  constructor(group: Group, template: TemplateName, options: CodeRunnerOptions) {
    super(options, options.name);
    this.group = group;
    this.template = template;
  }

  /** What to compile, with names resolved by `resolution`. */
  protected abstract buildSpec(resolution: NameResolution): CodeBlockSpec;

  override beforeRun(context: RunContext): void {
    this.codeObject = compileCodeBlock({ ...this.buildSpec(this.group.resolution(context.namespace)), checkFinite: getPref('checkFinite') });
  }

  override run(): void {
    this.codeObject!.run();
  }

  /** Its code object and nothing else — unless a subclass's `run()` does more (it then says so itself). */
  override threadWork(): ThreadWork | undefined {
    if (this.run !== CodeRunner.prototype.run) return undefined;
    return { code: [this.codeObject], reads: [], writes: [] };
  }
}

/**
 * A runner for a fixed statement block: `runRegularly` code (all elements) or event code such as
 * a reset (the elements with the event). The code is parsed at creation; it is checked and
 * compiled at each run start.
 */
export class StatementRunner extends CodeRunner {
  /** The code as the user wrote it. */
  readonly code: string;
  /** For event code: the event whose elements the code runs for. */
  readonly event: string | undefined;
  private readonly statements: Statement[];
  private readonly role: string;

  constructor(group: Group, template: 'run_regularly' | 'reset', role: string, code: string, options: CodeRunnerOptions, event?: string) {
    super(group, template, options);
    this.code = code;
    this.role = role;
    this.event = event;
    this.statements = parseCodeStatements(group.name, role, code);
  }

  protected override buildSpec(resolution: NameResolution): CodeBlockSpec {
    const group = this.group;
    checkCodeStatements(group.name, this.role, this.code, this.statements, resolution.resolver(), (n) => resolution.suggest(n));
    return {
      name: this.name,
      template: this.template,
      statements: this.statements,
      variables: resolution.variablesFor(identifiersOf(this.statements)),
      N: group.N,
      source: this.code,
      ...(this.event !== undefined ? { eventSpace: group.eventSpace(this.event) } : {}),
    };
  }
}
