/**
 * Highlighting inside Brian model strings: in string and template literals that look like model
 * code (equations `dv/dt = … : unit`, statements, conditions), derivatives, unit specifications,
 * flags, numbers and comments get their own colours. Purely visual; a regular-expression scan of
 * each literal in view, so it never fails on odd input.
 */
import { syntaxTree } from '@codemirror/language';
import { RangeSetBuilder } from '@codemirror/state';
import type { DecorationSet, ViewUpdate } from '@codemirror/view';
import { Decoration, EditorView, ViewPlugin } from '@codemirror/view';

const marks = {
  derivative: Decoration.mark({ class: 'cm-brian-derivative' }),
  unit: Decoration.mark({ class: 'cm-brian-unit' }),
  flag: Decoration.mark({ class: 'cm-brian-flag' }),
  comment: Decoration.mark({ class: 'cm-brian-comment' }),
  number: Decoration.mark({ class: 'cm-brian-number' }),
};

const MODEL_LIKE = /\/dt\b|:\s*(?:1|volt|amp|siemens|second|hertz|metre|meter|farad|ohm|integer|boolean|[a-zA-Z]+(?:\s*[*/]\s*[a-zA-Z0-9]+)*)\s*(?:\(|$|\n|#)|^\s*[A-Za-z_]\w*\s*(?:[-+*/]?=)[^=]|[<>]=?|\bclip\(|\brand\(/m;

const TOKEN = new RegExp(
  [
    '(?<comment>#[^\\n]*)',
    '(?<derivative>\\bd[A-Za-z_]\\w*\\s*/\\s*dt\\b)',
    '(?<unit>:\\s*[A-Za-z0-9_*/ .]+?(?=\\s*(?:\\(|#|\\n|$)))',
    '(?<flag>\\((?:\\s*[a-z][a-z-]*(?:\\s+[a-z][a-z-]*)?\\s*,?)+\\)(?=\\s*(?:#|\\n|$)))',
    '(?<number>\\b\\d+(?:\\.\\d*)?(?:[eE][-+]?\\d+)?\\b)',
  ].join('|'),
  'g',
);

function build(view: EditorView): DecorationSet {
  const found: { from: number; to: number; kind: keyof typeof marks }[] = [];
  for (const { from, to } of view.visibleRanges) {
    syntaxTree(view.state).iterate({
      from,
      to,
      enter: (node) => {
        if (node.name !== 'String' && node.name !== 'TemplateString') return;
        const text = view.state.doc.sliceString(node.from, node.to);
        const body = text.slice(1, -1);
        if (!MODEL_LIKE.test(body)) return false;
        for (const m of body.matchAll(TOKEN)) {
          const groups = m.groups ?? {};
          const kind = (Object.keys(marks) as (keyof typeof marks)[]).find((k) => groups[k] !== undefined);
          if (kind === undefined || m[0].length === 0) continue;
          const start = node.from + 1 + m.index;
          found.push({ from: start, to: start + m[0].length, kind });
        }
        return false;
      },
    });
  }
  found.sort((a, b) => a.from - b.from || a.to - b.to);
  const builder = new RangeSetBuilder<Decoration>();
  let last = -1;
  for (const f of found) {
    if (f.from < last) continue;
    builder.add(f.from, f.to, marks[f.kind]);
    last = f.to;
  }
  return builder.finish();
}

// The syntax highlighter's string spans may nest inside these marks: style.css colours both.
export const modelStringHighlight = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = build(view);
    }
    update(update: ViewUpdate): void {
      if (update.docChanged || update.viewportChanged || syntaxTree(update.startState) !== syntaxTree(update.state)) this.decorations = build(update.view);
    }
  },
  { decorations: (v) => v.decorations },
);
