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
  /** Public members (classes, interfaces, and the classes/interfaces a type alias intersects), inherited ones included; `doc` is `''` when a member has no TSDoc comment. */
  readonly members: readonly ApiMember[];
  /** The source file of the declaration, relative to the repository root. */
  readonly file: string | undefined;
}

/** A public member of a class or interface. */
export interface ApiMember {
  readonly signature: string;
  readonly doc: string;
  /** The declaration it is inherited from, if not declared on the entry itself. */
  readonly from?: string;
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
  /** Public members without a TSDoc comment, as `Name.member`. */
  readonly undocumentedMembers: readonly string[];
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

/** The member name of a signature (`get values(): X` → `values`, `plot(y…)` → `plot`). */
function memberName(sig: string): string {
  return /^(?:static\s+)?(?:readonly\s+)?(?:async\s+)?(?:get\s+|set\s+)?(\[[^\]]*\]|[\w$]+)/.exec(sig)?.[1] ?? sig;
}

/**
 * Public members of the class or interface body opening at `open`: every declaration at the
 * body's top level with its TSDoc comment (`''` without one). Overloads are listed one by one
 * (an undocumented overload shares the documented one's comment); an overloaded method's
 * implementation signature is not part of the API and is left out.
 */
function members(src: string, open: number): { signature: string; doc: string }[] {
  const close = matchBrace(src, open);
  const out: { signature: string; doc: string; stop: string }[] = [];
  let k = open + 1;
  let doc: string | undefined;
  while (k < close) {
    const c = src[k]!;
    if (/\s|;|,/.test(c)) {
      k++;
      continue;
    }
    if (src.startsWith('/**', k)) {
      const e = src.indexOf('*/', k) + 2;
      doc = cleanComment(src.slice(k, e));
      k = e;
      continue;
    }
    if (c === '/' && (src[k + 1] === '/' || src[k + 1] === '*')) {
      k = skipLiteral(src, k, false);
      continue;
    }
    const h = header(src, k);
    let end = h.end;
    let text = h.text;
    let stop = h.stop;
    while (stop === '{') {
      const blockEnd = matchBrace(src, end);
      if (/(?::|=>|\||&|<|,)\s*$/.test(text)) {
        // A `{` where a type is expected is an object type, part of the signature: read on.
        const rest = header(src, blockEnd + 1);
        text = `${text} ${src.slice(end, blockEnd + 1).replace(/\s+/g, ' ')}${rest.text === '' ? '' : rest.text.startsWith('[') ? rest.text : ` ${rest.text}`}`.trim();
        stop = rest.stop;
        end = rest.end;
      } else {
        // A method, accessor or constructor body ends the member.
        end = blockEnd + 1;
        break;
      }
    }
    if (stop === '=') {
      // A class field's initialiser: skip to the end of the statement.
      let j = end;
      let depth = 0;
      for (; j < close; j++) {
        const ch = src[j]!;
        if (ch === '"' || ch === "'" || ch === '`') {
          j = skipLiteral(src, j, false) - 1;
          continue;
        }
        if (ch === '(' || ch === '[' || ch === '{') depth++;
        else if (ch === ')' || ch === ']' || ch === '}') depth--;
        else if (depth === 0 && (ch === ';' || ch === '\n')) break;
      }
      end = j;
    }
    const sig = text.replace(/^(?:public\s+|override\s+|declare\s+|abstract\s+)+/, '').replace(/\s*=$/, '').trim();
    const isPrivate = /^(?:private|protected)\b|^#|^static\s+(?:private|protected)\b|^static\s+#/.test(sig);
    if (sig !== '' && !isPrivate) out.push({ signature: sig, doc: doc ?? '', stop });
    doc = undefined;
    k = Math.max(end, k + 1);
  }
  // Overloads: a run of same-named members; the last, with a body, is the implementation when the others end in `;`.
  const result: { signature: string; doc: string }[] = [];
  for (let m = 0; m < out.length; m++) {
    const cur = out[m]!;
    const prev = out[m - 1];
    const name = memberName(cur.signature);
    const sameAsPrev = prev !== undefined && memberName(prev.signature) === name && !/^(?:static\s+)?(?:get|set)\s/.test(cur.signature);
    if (sameAsPrev && cur.stop === '{' && prev.stop !== '{') continue; // the implementation of overloads
    if (/^(?:static\s+)?set\s/.test(cur.signature) && out.some((o) => /^(?:static\s+)?get\s/.test(o.signature) && memberName(o.signature) === name)) continue; // a setter beside its getter
    const inherited = sameAsPrev && cur.doc === '' ? (result[result.length - 1]?.doc ?? '') : cur.doc;
    result.push({ signature: cur.signature, doc: inherited });
  }
  return result;
}

interface Found {
  readonly kind: string;
  readonly signature: string;
  readonly doc: string | undefined;
  readonly members: ApiMember[];
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

  /** A name as seen from `file`: declared there or imported into it. */
  private findLocal(file: string, name: string, seen: Set<string>): Found | undefined {
    const src = this.read(file);
    const local = this.declaration(file, src, name, seen);
    if (local !== undefined) return local;
    for (const m of src.matchAll(/^import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/gm)) {
      for (const raw of m[1]!.split(',')) {
        const [imported, as] = raw.trim().replace(/^type\s+/, '').split(/\s+as\s+/);
        if ((as ?? imported)?.trim() === name && m[2]!.startsWith('.')) return this.find(resolve(dirname(file), m[2]!), imported!.trim(), seen);
      }
    }
    return undefined;
  }

  /** The top-level declaration of `name` in `src`; all overload signatures of a function; inherited members of classes and interfaces. */
  private declaration(file: string, src: string, name: string, seen = new Set<string>()): Found | undefined {
    const re = new RegExp(`^(?:export\\s+)?(?:declare\\s+)?(?:abstract\\s+)?(?:async\\s+)?(?:class|function\\*?|interface|type|const|let|var|enum)\\s+${name.replace(/\$/g, '\\$')}\\b`, 'gm');
    const matches = [...src.matchAll(re)];
    const m = matches[0];
    if (m === undefined) return undefined;
    const kind = DECL.exec(m[0])![1]!;
    const h = header(src, m.index);
    const clean = (text: string): string => text.replace(/^export\s+/, '').replace(/^declare\s+/, '');
    let signature = clean(h.text);
    if (kind === 'const' || kind === 'let' || kind === 'var') signature = signature.replace(/\s*=$/, '');
    if (kind.startsWith('function') && matches.length > 1) {
      // Overloads: every signature ending in `;`; the implementation (with a body) is not API.
      const overloads = matches.map((o) => header(src, o.index!)).filter((o) => o.stop === ';').map((o) => clean(o.text));
      if (overloads.length > 0) signature = overloads.join('\n');
    }
    let body: ApiMember[] = (kind === 'class' || kind === 'interface') && h.stop === '{' ? members(src, h.end) : [];
    const key = `${file}#decl#${name}`;
    if (!seen.has(key)) {
      seen.add(key);
      // Inherited members: `extends A, B` of interfaces and classes; the parts of an intersection type alias.
      let parents: string[] = [];
      const ext = /\bextends\s+(.+?)(?:\s+implements\b|$)/.exec(withoutTypeParameters(h.text));
      if ((kind === 'class' || kind === 'interface') && ext !== null) parents = splitTopLevel(ext[1]!);
      if (kind === 'type') {
        const semicolon = src.indexOf(';', h.end);
        const rhs = h.stop === '=' ? src.slice(h.end + 1, semicolon < 0 ? undefined : semicolon) : '';
        parents = rhs.split('&').map((p) => p.trim()).filter((p) => /^[A-Z][\w$]*(?:<.*>)?$/.test(p));
      }
      // A class's undocumented members take the comment of the same member of an interface it implements.
      const impl = kind === 'class' ? /\bimplements\s+(.+)$/.exec(withoutTypeParameters(h.text)) : null;
      for (const iface of impl === null ? [] : splitTopLevel(impl[1]!)) {
        const ifaceName = /^([\w$]+)/.exec(iface)?.[1];
        const found = ifaceName === undefined ? undefined : this.findLocal(file, ifaceName, seen);
        if (found === undefined) continue;
        body = body.map((b) => (b.doc !== '' ? b : { ...b, doc: found.members.find((f) => memberName(f.signature) === memberName(b.signature))?.doc ?? '' }));
      }
      for (const parent of parents) {
        const parentName = /^([\w$]+)/.exec(parent.trim())?.[1];
        if (parentName === undefined || parentName === name) continue;
        const found = this.findLocal(file, parentName, seen);
        if (found === undefined || (found.kind !== 'class' && found.kind !== 'interface')) continue;
        // An override without its own comment keeps the overridden member's.
        body = body.map((b) => (b.doc !== '' ? b : { ...b, doc: found.members.find((f) => memberName(f.signature) === memberName(b.signature))?.doc ?? '' }));
        const own = new Set(body.map((b) => memberName(b.signature)));
        for (const member of found.members) {
          if (!own.has(memberName(member.signature)) && !/^constructor\b/.test(member.signature)) body = [...body, { ...member, from: member.from ?? parentName }];
        }
      }
    }
    return { kind: kind.replace('*', ''), signature, doc: leadingDoc(src, m.index), members: body, file: relative(this.root, file) };
  }
}

/**
 * Members whose meaning is fixed by the language and need no comment of their own: constructors
 * (the class's comment and parameters describe them), `toString`, symbol-keyed protocol methods
 * (iteration, inspection, conversion), and index and call signatures (the type's comment says
 * what indexing or calling does).
 */
function selfExplanatory(signature: string): boolean {
  return /^constructor\b|^toString\(|^\*?\[Symbol\.|^\[[\w$]+\s*:|^\(|^<[^>]*>\(|^new\s*\(/.test(signature);
}

/** A declaration header without the type parameters after its name (`class A<V extends B> extends C` → `class A extends C`). */
function withoutTypeParameters(text: string): string {
  const open = /^[^<(]*?\b[\w$]+\s*</.exec(text);
  if (open === null) return text;
  let depth = 0;
  for (let k = open[0].length - 1; k < text.length; k++) {
    if (text[k] === '<') depth++;
    else if (text[k] === '>' && text[k - 1] !== '=' && --depth === 0) return text.slice(0, open[0].length - 1) + text.slice(k + 1);
  }
  return text;
}

/** Splits `A, B<C, D>` at top-level commas. */
function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text[k]!;
    if (c === '<' || c === '(' || c === '{' || c === '[') depth++;
    else if (c === '>' || c === ')' || c === '}' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, k).trim());
      start = k + 1;
    }
  }
  out.push(text.slice(start).trim());
  return out.filter((p) => p !== '');
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
  const undocumentedMembers: string[] = [];
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
        for (const m of found?.members ?? []) {
          const id = `${m.from ?? name}.${memberName(m.signature)}`;
          if (m.doc === '' && !selfExplanatory(m.signature) && !undocumentedMembers.includes(id)) undocumentedMembers.push(id);
        }
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
      if (e.signature !== undefined) md.push('```ts', e.signature.replace(/\n/g, '\n'), '```', '');
      if (e.doc !== undefined && e.doc !== '') md.push(renderDoc(e.doc), '');
      else if (e.kind === undefined) md.push('*(declaration not found)*', '');
      if (e.members.length > 0) {
        md.push('| Member | Description |', '| --- | --- |');
        for (const m of e.members) md.push(`| \`${m.signature.replace(/\|/g, '\\|')}\` | ${summary(m.doc)}${m.from === undefined ? '' : ` *(from ${m.from})*`} |`);
        md.push('');
      }
      if (e.file !== undefined) md.push(`<sub>${e.typeOnly ? 'type · ' : ''}${e.kind ?? ''} · \`${e.file}\`</sub>`, '');
    }
  }
  return { sections, markdown: `${md.join('\n').trimEnd()}\n`, unresolved, undocumented, undocumentedMembers };
}

async function main(): Promise<void> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const out = join(root, 'docs', 'api.md');
  const docs = generateApiDocs(root);
  const count = docs.sections.reduce((n, s) => n + s.entries.length + (s.plainNames?.length ?? 0), 0);
  if (docs.unresolved.length > 0) console.warn(`declarations not found: ${docs.unresolved.join(', ')}`);
  if (docs.undocumented.length > 0) console.warn(`no TSDoc comment: ${docs.undocumented.join(', ')}`);
  if (docs.undocumentedMembers.length > 0) console.warn(`members without a TSDoc comment: ${docs.undocumentedMembers.join(', ')}`);
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
