/**
 * `npm run docs`: writes docs/api.md, the API reference, from src/index.ts (the public API) and
 * the TSDoc comments of the exported declarations. `--check` writes nothing and exits 1 when
 * docs/api.md is out of date.
 *
 * A small source scanner, not the TypeScript compiler API (TypeScript 7's API is not stable):
 * it reads index.ts's export lists and section comments, follows each name through `export {…}
 * from` / `export * from` to its declaration, and takes the `/** … *\/` comment right before it,
 * plus the documented public members of classes and interfaces. It relies on the project's style
 * (one declaration per exported name, `.ts` import specifiers) and reports what it cannot resolve.
 */
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** One exported name and what was found for it. */
export interface ApiEntry {
  readonly name: string;
  readonly typeOnly: boolean;
  /** The declaration's kind (`class`, `function`, `interface`, `type`, `const`, …), if found. */
  readonly kind: string | undefined;
  /** The declaration header (`class NeuronGroup extends Group`, a function signature, …). */
  readonly signature: string | undefined;
  /** The TSDoc comment, cleaned, if any. */
  readonly doc: string | undefined;
  /** Documented public members (classes and interfaces). */
  readonly members: readonly { readonly signature: string; readonly doc: string }[];
  /** The source file of the declaration, relative to the repository root. */
  readonly file: string | undefined;
}

/** A section of index.ts: its comment and its exports. */
export interface ApiSection {
  readonly title: string;
  readonly entries: readonly ApiEntry[];
  /** Names listed without per-name documentation (the generated unit block). */
  readonly plainNames?: readonly string[];
}

export interface ApiDocs {
  readonly sections: readonly ApiSection[];
  readonly markdown: string;
  /** Exported names whose declaration was not found. */
  readonly unresolved: readonly string[];
  /** Exported names whose declaration has no TSDoc comment. */
  readonly undocumented: readonly string[];
}

const DECL = /^(?:export\s+)?(?:declare\s+)?(?:default\s+)?(?:abstract\s+)?(?:async\s+)?(class|function\*?|interface|type|const|let|var|enum)\s+([A-Za-z_$][\w$]*)/;

/** Skips a string, template, comment or regex literal starting at `k`; returns the index after it, or -1 if none starts there. */
function skipLiteral(src: string, k: number, regexAllowed: boolean): number {
  const c = src[k];
  const d = src[k + 1];
  if (c === '/' && d === '/') {
    const e = src.indexOf('\n', k);
    return e < 0 ? src.length : e;
  }
  if (c === '/' && d === '*') {
    const e = src.indexOf('*/', k + 2);
    return e < 0 ? src.length : e + 2;
  }
  if (c === '"' || c === "'") {
    let j = k + 1;
    while (j < src.length && src[j] !== c && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
    return j + 1;
  }
  if (c === '`') {
    let j = k + 1;
    while (j < src.length && src[j] !== '`') {
      if (src[j] === '\\') j += 2;
      else if (src[j] === '$' && src[j + 1] === '{') j = matchBrace(src, j + 1) + 1;
      else j++;
    }
    return j + 1;
  }
  if (c === '/' && regexAllowed) {
    let j = k + 1;
    let inClass = false;
    while (j < src.length && src[j] !== '\n') {
      if (src[j] === '\\') j++;
      else if (src[j] === '[') inClass = true;
      else if (src[j] === ']') inClass = false;
      else if (src[j] === '/' && !inClass) break;
      j++;
    }
    j++;
    while (j < src.length && /[a-z]/.test(src[j]!)) j++;
    return j;
  }
  return -1;
}

/** Whether a `/` at `k` starts a regex literal (by the previous significant character or word). */
function regexAllowedAt(src: string, k: number): boolean {
  let j = k - 1;
  while (j >= 0 && /\s/.test(src[j]!)) j--;
  if (j < 0) return true;
  if ('(,=:[!&|?{};+-*%<>~^'.includes(src[j]!)) return true;
  const word = /[A-Za-z_$]+$/.exec(src.slice(Math.max(0, j - 10), j + 1))?.[0];
  return word === 'return' || word === 'typeof' || word === 'case' || word === 'of' || word === 'in';
}

/** The index of the `}` matching the `{` at `open`. */
function matchBrace(src: string, open: number): number {
  let depth = 0;
  for (let k = open; k < src.length; ) {
    const c = src[k]!;
    if (c === '/' || c === '"' || c === "'" || c === '`') {
      const e = skipLiteral(src, k, c === '/' && regexAllowedAt(src, k));
      if (e >= 0) {
        k = e;
        continue;
      }
    }
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return k;
    k++;
  }
  return src.length;
}

/** Text of a TSDoc comment without its delimiters and leading stars. */
function cleanComment(comment: string): string {
  return comment
    .replace(/^\/\*\*\s?/, '')
    .replace(/\s*\*\/$/, '')
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, ''))
    .join('\n')
    .trim();
}

/** The `/** … *\/` comment ending right before `pos` (only whitespace between), if any. */
function leadingDoc(src: string, pos: number): string | undefined {
  const before = src.slice(0, pos).trimEnd();
  if (!before.endsWith('*/')) return undefined;
  const start = before.lastIndexOf('/**');
  if (start < 0 || before.slice(start).indexOf('*/') !== before.length - start - 2) return undefined;
  return cleanComment(before.slice(start));
}

/** The header of a declaration or member starting at `k`: up to `{`, `;`, `=` (not `=>`) or an end of line outside brackets. */
function header(src: string, k: number): { text: string; end: number; stop: string } {
  let depth = 0;
  let j = k;
  for (; j < src.length; j++) {
    const c = src[j]!;
    if (c === '"' || c === "'" || c === '`') {
      j = skipLiteral(src, j, false) - 1;
      continue;
    }
    if (c === '(' || c === '[' || c === '<') depth++;
    else if (c === ')' || c === ']' || (c === '>' && src[j - 1] !== '=')) depth--;
    else if (depth <= 0 && (c === '{' || c === ';' || (c === '=' && src[j + 1] !== '>' && src[j - 1] !== '!' && src[j - 1] !== '=' && src[j + 1] !== '='))) break;
    else if (depth <= 0 && c === '\n' && !/[,|&:(]\s*$/.test(src.slice(k, j)) && !/^\s*[|&.]/.test(src.slice(j + 1, j + 40))) break;
  }
  return { text: src.slice(k, j).replace(/\s+/g, ' ').replace(/\(\s/g, '(').replace(/\s\)/g, ')').trim(), end: j, stop: src[j] ?? '' };
}

/** Documented public members of the class or interface body opening at `open`. */
function members(src: string, open: number): { signature: string; doc: string }[] {
  const close = matchBrace(src, open);
  const out: { signature: string; doc: string }[] = [];
  let depth = 0;
  for (let k = open; k < close; ) {
    const c = src[k]!;
    if (c === '/' && src.startsWith('/**', k) && depth === 1) {
      const e = src.indexOf('*/', k) + 2;
      const doc = cleanComment(src.slice(k, e));
      let m = e;
      while (/\s/.test(src[m] ?? '')) m++;
      const h = header(src, m);
      const sig = h.text.replace(/^(?:public\s+|override\s+|declare\s+)+/, '');
      if (sig !== '' && !/^(?:private|protected)\b|^#|^static\s+(?:private|protected)\b/.test(sig) && !src.startsWith('/**', m)) out.push({ signature: sig, doc });
      k = e;
      continue;
    }
    if (c === '/' || c === '"' || c === "'" || c === '`') {
      const e = skipLiteral(src, k, c === '/' && regexAllowedAt(src, k));
      if (e >= 0) {
        k = e;
        continue;
      }
    }
    if (c === '{') depth++;
    else if (c === '}') depth--;
    k++;
  }
  return out;
}

interface Found {
  readonly kind: string;
  readonly signature: string;
  readonly doc: string | undefined;
  readonly members: { signature: string; doc: string }[];
  readonly file: string;
}

/** Parses `export { a, type b, c as d } from './x.ts'` lists: exported name → local name. */
function exportLists(src: string): { names: Map<string, string>; from: string | undefined; typeOnly: boolean; index: number }[] {
  const out: { names: Map<string, string>; from: string | undefined; typeOnly: boolean; index: number }[] = [];
  for (const m of src.matchAll(/^export\s+(type\s+)?\{([^}]*)\}(?:\s*from\s*['"]([^'"]+)['"])?/gm)) {
    const names = new Map<string, string>();
    for (const raw of m[2]!.split(',')) {
      const item = raw.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '').trim().replace(/^type\s+/, '');
      if (item === '') continue;
      const [local, exported] = item.split(/\s+as\s+/);
      names.set((exported ?? local)!.trim(), local!.trim());
    }
    out.push({ names, from: m[3], typeOnly: m[1] !== undefined, index: m.index });
  }
  return out;
}

class Resolver {
  private readonly cache = new Map<string, string>();
  constructor(private readonly root: string) {}

  private read(file: string): string {
    let s = this.cache.get(file);
    if (s === undefined) {
      s = readFileSync(file, 'utf8');
      this.cache.set(file, s);
    }
    return s;
  }

  /** Finds the declaration of `name` as exported by `file`. */
  find(file: string, name: string, seen = new Set<string>()): Found | undefined {
    const key = `${file}#${name}`;
    if (seen.has(key) || !existsSync(file)) return undefined;
    seen.add(key);
    const src = this.read(file);
    // Re-exports first: `export { name } from './x.ts'` or a local `export { name }`.
    for (const list of exportLists(src)) {
      const local = list.names.get(name);
      if (local === undefined) continue;
      if (list.from !== undefined) return this.find(resolve(dirname(file), list.from), local, seen);
      return this.declaration(file, src, local);
    }
    const direct = this.declaration(file, src, name);
    if (direct !== undefined) return direct;
    for (const m of src.matchAll(/^export\s+\*\s+from\s+['"]([^'"]+)['"]/gm)) {
      const found = this.find(resolve(dirname(file), m[1]!), name, seen);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** The top-level declaration of `name` in `src` (the first, for overloaded functions). */
  private declaration(file: string, src: string, name: string): Found | undefined {
    const re = new RegExp(`^(?:export\\s+)?(?:declare\\s+)?(?:abstract\\s+)?(?:async\\s+)?(?:class|function\\*?|interface|type|const|let|var|enum)\\s+${name.replace(/\$/g, '\\$')}\\b`, 'm');
    const m = re.exec(src);
    if (m === null) return undefined;
    const kind = DECL.exec(m[0])![1]!;
    const h = header(src, m.index);
    let signature = h.text.replace(/^export\s+/, '').replace(/^declare\s+/, '');
    if (kind === 'const' || kind === 'let' || kind === 'var') signature = signature.replace(/\s*=$/, '');
    const body = (kind === 'class' || kind === 'interface') && h.stop === '{' ? members(src, h.end) : [];
    return { kind: kind.replace('*', ''), signature, doc: leadingDoc(src, m.index), members: body, file: relative(this.root, file) };
  }
}

/** Markdown for one TSDoc comment: the text, `@param`s as a list, `@example` as code. */
function renderDoc(doc: string): string {
  const parts = doc.split(/\n(?=@)|^(?=@)/);
  const text: string[] = [];
  const params: string[] = [];
  const examples: string[] = [];
  const tags: string[] = [];
  for (const part of parts) {
    const tag = /^@(\w+)\s*([\s\S]*)$/.exec(part);
    if (tag === null) text.push(part.trim());
    else if (tag[1] === 'example') examples.push(tag[2]!.replace(/^```\w*\n?|\n?```$/g, '').trim());
    else if (tag[1] === 'param') {
      const p = /^(\S+)\s*(?:-\s*)?([\s\S]*)$/.exec(tag[2]!.trim());
      params.push(`- \`${p?.[1] ?? ''}\` — ${(p?.[2] ?? '').replace(/\s+/g, ' ')}`);
    } else tags.push(`*${tag[1] === 'returns' ? 'Returns' : tag[1] === 'throws' ? 'Throws' : `@${tag[1]!}`}:* ${tag[2]!.replace(/\s+/g, ' ').trim()}`);
  }
  const link = (s: string): string => s.replace(/\{@link\s+([^}|\s]+)(?:\s*\|\s*([^}]+)|\s+([^}]+))?\}/g, (_, target: string, a?: string, b?: string) => `\`${(a ?? b ?? target).trim()}\``);
  const out = [link(text.filter((t) => t !== '').join('\n'))];
  if (params.length > 0) out.push(`Parameters:\n\n${link(params.join('\n'))}`);
  for (const t of tags) out.push(link(t));
  for (const e of examples) out.push(`\`\`\`ts\n${e}\n\`\`\``);
  return out.filter((s) => s !== '').join('\n\n');
}

/** The first sentence (or line) of a comment, for member lists. */
function summary(doc: string): string {
  const text = doc.split(/\n(?=@)/)[0]!.replace(/\s+/g, ' ').trim();
  const link = text.replace(/\{@link\s+([^}|\s]+)(?:\s*\|\s*([^}]+)|\s+([^}]+))?\}/g, (_, target: string, a?: string, b?: string) => `\`${(a ?? b ?? target).trim()}\``);
  const first = /^(.+?[.!?])(?:\s|$)/.exec(link);
  return (first?.[1] ?? link).replace(/\|/g, '\\|');
}

function anchor(title: string): string {
  return title.toLowerCase().replace(/[^\w\s-]/g, '').trim().replace(/\s+/g, '-');
}

/** Builds the API reference from `<root>/src/index.ts`. */
export function generateApiDocs(root: string): ApiDocs {
  const indexFile = join(root, 'src', 'index.ts');
  const src = readFileSync(indexFile, 'utf8');
  const resolver = new Resolver(root);
  const intro = cleanComment(/^\/\*\*[\s\S]*?\*\//.exec(src)?.[0] ?? '');

  // Sections: a run of `//` comment lines before export statements starts a section.
  const sections: { title: string; entries: ApiEntry[]; plainNames?: string[] }[] = [];
  const lists = exportLists(src);
  const unresolved: string[] = [];
  const undocumented: string[] = [];
  let current: { title: string; entries: ApiEntry[]; plainNames?: string[] } | undefined;
  let generatedBlock = false;
  let listIndex = 0;
  const lines = src.split('\n');
  let offset = 0;
  for (const line of lines) {
    const start = offset;
    offset += line.length + 1;
    const comment = /^\/\/\s?(.*)$/.exec(line)?.[1]?.trim();
    if (comment !== undefined) {
      if (comment.startsWith('BEGIN GENERATED')) {
        generatedBlock = true;
        current = { title: 'Unit names', entries: [], plainNames: [] };
        sections.push(current);
      } else if (comment.startsWith('END GENERATED')) generatedBlock = false;
      else if (!generatedBlock) {
        current = { title: comment, entries: [] };
        sections.push(current);
      }
      continue;
    }
    while (listIndex < lists.length && lists[listIndex]!.index === start) {
      const list = lists[listIndex++]!;
      current ??= { title: 'Exports', entries: [] };
      if (!sections.includes(current)) sections.push(current);
      if (generatedBlock && current.plainNames !== undefined) {
        current.plainNames.push(...list.names.keys());
        continue;
      }
      for (const [name, local] of list.names) {
        const found = list.from === undefined ? undefined : resolver.find(resolve(dirname(indexFile), list.from), local);
        if (found === undefined) unresolved.push(name);
        else if (found.doc === undefined) undocumented.push(name);
        current.entries.push({
          name,
          typeOnly: list.typeOnly,
          kind: found?.kind,
          signature: found?.signature,
          doc: found?.doc,
          members: found?.members ?? [],
          file: found?.file,
        });
      }
    }
  }

  const md: string[] = [];
  md.push('# brian-ts API reference', '');
  md.push('<!-- Generated by scripts/api-docs.ts (`npm run docs`) from src/index.ts and the TSDoc comments. Do not edit. -->', '');
  if (intro !== '') md.push(intro.replace(/\s*\n\s*/g, ' '), '');
  md.push('Every name below is imported from `brian-ts` (`import { NeuronGroup, mV } from \'brian-ts\'`).', '');
  md.push('## Contents', '');
  for (const s of sections) md.push(`- [${s.title}](#${anchor(s.title)})`);
  md.push('');
  for (const s of sections) {
    md.push(`## ${s.title}`, '');
    if (s.plainNames !== undefined && s.plainNames.length > 0) {
      md.push(`The unit names of Brian2's \`from brian2 import *\` (${s.plainNames.length}), each a callable \`Unit\` (\`mV(-70)\`, \`ms([1, 2])\`):`, '');
      md.push(s.plainNames.map((n) => `\`${n}\``).join(', '), '');
    }
    for (const e of s.entries) {
      md.push(`### ${e.name}`, '');
      if (e.signature !== undefined) md.push('```ts', e.signature, '```', '');
      if (e.doc !== undefined && e.doc !== '') md.push(renderDoc(e.doc), '');
      else if (e.kind === undefined) md.push('*(declaration not found)*', '');
      if (e.members.length > 0) {
        md.push('| Member | Description |', '| --- | --- |');
        for (const m of e.members) md.push(`| \`${m.signature.replace(/\|/g, '\\|')}\` | ${summary(m.doc)} |`);
        md.push('');
      }
      if (e.file !== undefined) md.push(`<sub>${e.typeOnly ? 'type · ' : ''}${e.kind ?? ''} · \`${e.file}\`</sub>`, '');
    }
  }
  return { sections, markdown: `${md.join('\n').trimEnd()}\n`, unresolved, undocumented };
}

async function main(): Promise<void> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const out = join(root, 'docs', 'api.md');
  const docs = generateApiDocs(root);
  const count = docs.sections.reduce((n, s) => n + s.entries.length + (s.plainNames?.length ?? 0), 0);
  if (docs.unresolved.length > 0) console.warn(`declarations not found: ${docs.unresolved.join(', ')}`);
  if (docs.undocumented.length > 0) console.warn(`no TSDoc comment: ${docs.undocumented.join(', ')}`);
  if (process.argv.includes('--check')) {
    const current = existsSync(out) ? readFileSync(out, 'utf8') : '';
    if (current !== docs.markdown) {
      console.error('docs/api.md is out of date: run `npm run docs`');
      process.exit(1);
    }
    console.log(`docs/api.md is up to date (${count} names)`);
    return;
  }
  writeFileSync(out, docs.markdown);
  console.log(`wrote docs/api.md: ${docs.sections.length} sections, ${count} names`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
