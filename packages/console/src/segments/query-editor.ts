// CodeMirror 6 set up for the segment query language: highlighting over the language's tokens,
// lint marks from the problems the API places in the text, and completion from the API's
// suggestions (with counts from the shop's data). It knows nothing of GraphQL: the text mode
// (rule-text.tsx) gives it the two calls. Loaded with the text mode only, in a chunk of its own.
import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  completionKeymap,
  type Completion,
  type CompletionContext,
  type CompletionResult,
} from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { HighlightStyle, StreamLanguage, syntaxHighlighting, type StringStream } from '@codemirror/language';
import { linter, lintKeymap, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { tags } from '@lezer/highlight';

/** A problem placed in the text (the API's SegmentQueryError). */
export interface QueryProblem {
  message: string;
  line: number;
  column: number;
  offset: number;
  length: number;
  replacement?: string | null;
}

export type SuggestionKind = 'CONDITION' | 'PARAMETER' | 'OPERATOR' | 'KEYWORD' | 'VALUE';

/** What may be written at a position (the API's SegmentQuerySuggestions). */
export interface QuerySuggestions {
  from: number;
  to: number;
  /** False when the shop's values were still being read on the server: asking again gets them. */
  complete: boolean;
  suggestions: { kind: SuggestionKind; label: string; insertText: string; detail?: string | null; from: number; to: number }[];
}

export interface QueryEditorOptions {
  parent: HTMLElement;
  /** The id of the element that names the editor, and of the one that describes it. */
  labelledBy: string;
  describedBy: string;
  placeholder: string;
  /** The page's style nonce (its Content-Security-Policy allows style elements with it only). */
  nonce: string | undefined;
  /** Called on every change of the text, typed or set. */
  onEdit: () => void;
  /** Reads the text (the API's parseSegmentQuery) and gives its problems; `isCurrent` says whether the editor still shows that text. */
  read: (text: string, isCurrent: () => boolean) => Promise<QueryProblem[]>;
  suggest: (text: string, position: number) => Promise<QuerySuggestions>;
}

export interface QueryEditor {
  /** Replaces the text (the rule changed elsewhere: in the visual tree, in the JSON). */
  setText(text: string): void;
  text(): string;
  destroy(): void;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'between', 'last', 'since', 'before', 'from', 'to', 'days', 'day', 'weeks', 'week']);
const CONSTANTS = new Set(['true', 'false', 'null']);

/** The language's tokens, enough to colour them; the API's parser is the one that reads. */
const segmentQuery = StreamLanguage.define<{ afterOpen: boolean }>({
  name: 'segment-query',
  startState: () => ({ afterOpen: false }),
  token(stream: StringStream) {
    if (stream.eatSpace()) return null;
    const quote = stream.peek();
    if (quote === '"' || quote === "'") {
      stream.next();
      let escaped = false;
      for (let next = stream.next(); next !== undefined; next = stream.next()) {
        if (next === quote && !escaped) break;
        escaped = !escaped && next === '\\';
      }
      return 'string';
    }
    if (stream.match(/^-?\d[\d.,]*(?:[eE][-+]?\d+)?(?:-\d\d-\d\d(?:T[\d:.]+(?:Z|[+-]\d\d:\d\d)?)?)?/)) return 'number';
    if (stream.match(/^(?:CA\$|US\$|[€₹$£¥])/)) return 'unit';
    if (stream.match(/^(?:>=|<=|[<>=])/)) return 'operator';
    if (stream.match(/^[A-Za-z_][\w]*/)) {
      const word = stream.current();
      const lower = word.toLowerCase();
      if (stream.match(/^\s*:/, false)) return 'propertyName';
      if (KEYWORDS.has(lower)) return 'keyword';
      if (CONSTANTS.has(lower)) return 'atom';
      if (/^[A-Z][A-Z0-9_]*$/.test(word) && word.length > 1) return 'atom';
      return 'variableName.function';
    }
    stream.next();
    return /[()[\]{}]/.test(stream.current()) ? 'bracket' : 'punctuation';
  },
  languageData: { closeBrackets: { brackets: ['(', '[', '{', '"'] } },
});

// Colours with at least 4.5:1 contrast on white (WCAG AA), as the rest of the console.
const highlighting = HighlightStyle.define([
  { tag: tags.keyword, color: '#6b2c91', fontWeight: '600' },
  { tag: tags.function(tags.variableName), color: '#1d4f91' },
  { tag: tags.propertyName, color: '#0d5c63' },
  { tag: tags.string, color: '#a3261b' },
  { tag: [tags.number, tags.unit], color: '#22663f' },
  { tag: tags.atom, color: '#7a4a00' },
  { tag: tags.operator, color: '#1a202c', fontWeight: '600' },
]);

const theme = EditorView.theme({
  '&': { border: '1px solid #718096', borderRadius: '5px', background: '#fff', fontSize: '0.9rem' },
  '&.cm-focused': { outline: '2px solid #1d4f91', outlineOffset: '1px' },
  '.cm-content': { fontFamily: "ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace", padding: '0.5rem 0', minHeight: '6.5rem' },
  '.cm-line': { padding: '0 0.6rem' },
  '.cm-placeholder': { color: '#4a5568' },
  '.cm-tooltip': { fontSize: '0.85rem' },
  '.cm-tooltip.cm-tooltip-autocomplete > ul': { fontFamily: "ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace", maxHeight: '16em' },
  '.cm-completionDetail': { color: '#4a5568', fontStyle: 'normal', marginLeft: '1em' },
  '.cm-completionLabel': { color: '#1a202c' },
  '.cm-tooltip-autocomplete ul li[aria-selected] .cm-completionDetail, .cm-tooltip-autocomplete ul li[aria-selected] .cm-completionLabel': { color: '#fff' },
  '.cm-tooltip-autocomplete ul li[aria-selected]': { background: '#1d4f91', color: '#fff' },
  '.cm-diagnostic-error': { borderLeftColor: '#b42318' },
});

const COMPLETION_TYPE: Record<SuggestionKind, string> = {
  CONDITION: 'function',
  PARAMETER: 'property',
  OPERATOR: 'keyword',
  KEYWORD: 'keyword',
  VALUE: 'constant',
};

export function createQueryEditor(options: QueryEditorOptions): QueryEditor {
  const complete = async (context: CompletionContext): Promise<CompletionResult | null> => {
    // Typing opens suggestions in a word, a string or right after "(", "," or ":"; Ctrl-Space anywhere.
    if (!context.explicit && !context.matchBefore(/(?:[\w"'$€]+|[(,:]\s*)$/)) return null;
    const text = context.state.doc.toString();
    let answer = await options.suggest(text, context.pos);
    if (!answer.complete && !context.aborted) {
      // A kind's first request on a server comes without the shop's values; they follow shortly.
      await new Promise((resolve) => setTimeout(resolve, 250));
      if (!context.aborted) answer = await options.suggest(text, context.pos);
    }
    if (context.aborted || answer.suggestions.length === 0) return null;
    return {
      from: answer.from,
      to: answer.to,
      // The API filters by what is typed and orders (the shop's values first): keep its order.
      filter: false,
      options: answer.suggestions.map((suggestion): Completion => ({
        label: suggestion.label,
        detail: suggestion.detail ?? undefined,
        type: COMPLETION_TYPE[suggestion.kind],
        apply:
          suggestion.from === answer.from && suggestion.to === answer.to
            ? suggestion.insertText
            : (view) =>
                view.dispatch({
                  changes: { from: suggestion.from, to: suggestion.to, insert: suggestion.insertText },
                  selection: { anchor: suggestion.from + suggestion.insertText.length },
                  userEvent: 'input.complete',
                }),
      })),
    };
  };

  const lint = linter(
    async (view): Promise<Diagnostic[]> => {
      const doc = view.state.doc;
      const problems = await options.read(doc.toString(), () => view.state.doc === doc);
      return problems.map((problem) => {
        const from = Math.min(problem.offset, doc.length);
        const to = Math.min(problem.offset + problem.length, doc.length);
        const replacement = problem.replacement;
        return {
          from,
          to,
          severity: 'error',
          message: problem.message,
          actions: replacement
            ? [{ name: `Write ${replacement}`, apply: (target, start, end) => target.dispatch({ changes: { from: start, to: end, insert: replacement } }) }]
            : [],
        };
      });
    },
    { delay: 300 },
  );

  const view = new EditorView({
    parent: options.parent,
    state: EditorState.create({
      doc: '',
      extensions: [
        options.nonce ? EditorView.cspNonce.of(options.nonce) : [],
        EditorView.contentAttributes.of({
          'aria-labelledby': options.labelledBy,
          'aria-describedby': options.describedBy,
          spellcheck: 'false',
          autocapitalize: 'off',
          autocorrect: 'off',
        }),
        EditorView.lineWrapping,
        history(),
        closeBrackets(),
        segmentQuery,
        syntaxHighlighting(highlighting),
        autocompletion({ override: [complete], activateOnTypingDelay: 150, icons: false }),
        lint,
        placeholder(options.placeholder),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onEdit();
        }),
        theme,
        // No Tab binding: Tab leaves the editor, as from any other field.
        keymap.of([...closeBracketsKeymap, ...completionKeymap, ...lintKeymap, ...historyKeymap, ...defaultKeymap]),
      ],
    }),
  });

  return {
    setText(text) {
      if (view.state.doc.toString() === text) return;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    text: () => view.state.doc.toString(),
    destroy: () => view.destroy(),
  };
}
