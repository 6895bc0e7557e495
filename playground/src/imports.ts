/**
 * ES imports of a program → `require` calls, for running the program as a function body.
 * sucrase's own `imports` transform calls functions as `f.call(void 0, …)`, which breaks brian-ts's
 * callable units (`mV(3)`: a function whose prototype is Unit's, without `Function.prototype.call`);
 * so sucrase only strips the types and this rewrites the (top-level, static) import declarations.
 * Line numbers are kept: each declaration is replaced by code with as many line breaks.
 */

const IMPORT = /^([ \t]*)import\s+(?:(?<clause>[\w$*{][^;'"]*?)\s+from\s+)?(?<quote>['"])(?<spec>[^'"\n]+)\k<quote>[ \t]*;?/gm;

function bindings(clause: string, module: string): string {
  const parts: string[] = [];
  let rest = clause.trim();
  const ns = /^\*\s*as\s+([\w$]+)$/.exec(rest);
  if (ns !== null) return `const ${ns[1]!} = ${module};`;
  const def = /^([\w$]+)\s*(?:,\s*)?/.exec(rest);
  if (def !== null && !rest.startsWith('{')) {
    parts.push(`const ${def[1]!} = ${module}.default;`);
    rest = rest.slice(def[0].length).trim();
  }
  const ns2 = /^\*\s*as\s+([\w$]+)$/.exec(rest);
  if (ns2 !== null) parts.push(`const ${ns2[1]!} = ${module};`);
  const named = /^\{([\s\S]*)\}$/.exec(rest);
  if (named !== null) {
    const names = named[1]!
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '' && !s.startsWith('type '))
      .map((s) => {
        const m = /^([\w$]+|'[^']*'|"[^"]*")(?:\s+as\s+([\w$]+))?$/.exec(s);
        if (m === null) throw new SyntaxError(`cannot read the import list entry '${s}'`);
        return m[2] === undefined ? m[1]! : `${m[1]!}: ${m[2]}`;
      });
    parts.push(`const { ${names.join(', ')} } = ${module};`);
  }
  return parts.join(' ');
}

/** `code` with its import declarations turned into `const … = require('…')`; `require` is the given name. */
export function rewriteImports(code: string, require = 'require'): string {
  return code.replace(IMPORT, (whole, indent: string, ...rest: unknown[]) => {
    const groups = rest[rest.length - 1] as { clause?: string; spec: string };
    const module = `${require}(${JSON.stringify(groups.spec)})`;
    const breaks = '\n'.repeat((whole.match(/\n/g) ?? []).length);
    const clause = groups.clause?.trim();
    return `${indent}${clause === undefined || clause === '' ? `${module};` : bindings(clause, module)}${breaks}`;
  });
}

/** `export` in front of a declaration removed (a function body cannot export). */
export function stripExports(code: string): string {
  return code.replace(/^([ \t]*)export\s+(?:default\s+)?(?=(?:async\s+)?(?:const|let|var|function|class)\b)/gm, '$1');
}
