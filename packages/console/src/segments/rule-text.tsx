// The text mode of the rule editor: the rule in the segment query language (docs/segment-
// queries.md), in CodeMirror 6, loaded with this mode in a chunk of its own. The API does the
// language's work, so the text is what Segment.query shows and every check is the server's:
// printSegmentQuery writes the tree as text, parseSegmentQuery reads what is typed (the rule
// for the tree, the JSON and the preview when it reads; the problems, placed, when it does
// not), segmentQuerySuggestions completes at the cursor with counts from the shop's data.
import { useEffect, useId, useRef, useState } from 'react';
import { request } from '../api/client';
import { graphql } from '../gql';
import { createQueryEditor, type QueryEditor, type QueryProblem } from './query-editor';
import type { RuleModeProps } from './rule-editor';
import { asRuleInput, ruleInputOf, type RuleInput } from './rules';

const PrintDocument = graphql(`
  query PrintSegmentQuery($rule: SegmentRuleInput!) {
    printSegmentQuery(rule: $rule)
  }
`);

const ParseDocument = graphql(`
  query ParseSegmentQuery($text: String!) {
    parseSegmentQuery(text: $text) { valid rule errors { message line column offset length replacement } }
  }
`);

const SuggestDocument = graphql(`
  query SuggestSegmentQuery($text: String!, $position: Int!) {
    segmentQuerySuggestions(text: $text, position: $position, first: 50) { from to complete suggestions { kind label insertText detail from to } }
  }
`);

/** A group with nothing in it (a new segment's rule) is no rule yet: its text is empty. */
const isEmpty = (rule: RuleInput) => ('and' in rule && rule.and.length === 0) || ('or' in rule && rule.or.length === 0);

const pageNonce = () => document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content || undefined;

export function RuleText({ rule, onChange, onProblem }: RuleModeProps) {
  const id = useId();
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<QueryEditor | null>(null);
  // The rule the text says (as JSON) and the text it was last set from: when the rule comes back
  // from the tree unchanged, the text stays as typed; when the same text is read again, nothing
  // is reported.
  const ruleOfText = useRef<string | null>(null);
  const textOfRule = useRef<string | null>(null);
  const report = useRef({ onChange, onProblem });
  report.current = { onChange, onProblem };
  const [problems, setProblems] = useState<QueryProblem[]>([]);
  const [unprintable, setUnprintable] = useState<string | null>(null);
  const [printing, setPrinting] = useState(true);

  useEffect(() => {
    /** Takes the rule a text reads as, unless it is the text the rule already came from. */
    const adopt = (text: string, stored: Record<string, unknown>) => {
      if (text === textOfRule.current) return;
      const next = ruleInputOf(stored);
      textOfRule.current = text;
      ruleOfText.current = JSON.stringify(next);
      report.current.onChange(next);
    };
    const created = createQueryEditor({
      parent: host.current as HTMLDivElement,
      labelledBy: `${id}-label`,
      describedBy: `${id}-help`,
      placeholder: 'amountSpent(within: last 365 days) > 300.00 USD AND NOT customerCategory(categories: ["wholesale"])',
      nonce: pageNonce(),
      // Typed text is not the rule until it is read: saving waits for the reading.
      onEdit: () => report.current.onProblem?.('the text is being read'),
      read: async (text, isCurrent) => {
        if (!text.trim()) {
          // No rule to read: nothing to mark, but a rule erased is not a rule to save.
          if (isCurrent()) {
            setProblems([]);
            report.current.onProblem?.(textOfRule.current ? 'the text is empty: write a rule' : null);
          }
          return [];
        }
        const { parseSegmentQuery: read } = await request(ParseDocument, { text });
        if (!isCurrent()) return [];
        setProblems(read.errors);
        report.current.onProblem?.(read.errors[0]?.message ?? null);
        if (read.valid && read.rule) adopt(text, read.rule);
        return read.errors;
      },
      suggest: async (text, position) => (await request(SuggestDocument, { text, position })).segmentQuerySuggestions,
    });
    editor.current = created;
    return () => {
      const last = created.text();
      created.destroy();
      editor.current = null;
      // Text that did not read goes with the mode (the rule is the last one that did); text
      // typed just before leaving the tab, not read yet, is read now and kept if it reads.
      report.current.onProblem?.(null);
      if (last.trim() && last !== textOfRule.current) {
        void request(ParseDocument, { text: last }).then(
          ({ parseSegmentQuery: read }) => {
            if (read.valid && read.rule) adopt(last, read.rule);
          },
          () => undefined,
        );
      }
    };
  }, [id]);

  useEffect(() => {
    const key = JSON.stringify(rule);
    if (key === ruleOfText.current) return;
    let current = true;
    setPrinting(true);
    const printed = isEmpty(rule) ? Promise.resolve('') : request(PrintDocument, { rule: asRuleInput(rule) }).then((answer) => answer.printSegmentQuery);
    printed.then(
      (text) => {
        if (!current) return;
        ruleOfText.current = key;
        textOfRule.current = text;
        setUnprintable(null);
        editor.current?.setText(text);
        setPrinting(false);
      },
      (error: unknown) => {
        if (!current) return;
        ruleOfText.current = key;
        textOfRule.current = '';
        setUnprintable(error instanceof Error ? error.message : String(error));
        editor.current?.setText('');
        setPrinting(false);
      },
    );
    return () => {
      current = false;
    };
  }, [rule]);

  return (
    <div className="field rule-text">
      <span id={`${id}-label`} className="label">
        The rule as text (segment query)
      </span>
      {unprintable ? (
        <p className="notice warn" role="status">
          The visual tree's rule is not complete, so it has no text yet ({unprintable}). Write it here, or finish it in the tree.
        </p>
      ) : null}
      <div ref={host} className="query-editor" aria-busy={printing} />
      <small id={`${id}-help`} className="help">
        {problems.length > 0
          ? 'Until the text reads, the visual tree, the JSON and the preview keep the last rule that did, and saving waits.'
          : 'Ctrl+Space suggests what may come next, with counts from your shop. Edits show in the visual tree and the preview as soon as the text reads.'}
      </small>
      {/* Announced as they come and go, for whoever does not see the marks. */}
      <div aria-live="polite">
        {problems.length > 0 ? (
          <ul className="query-problems error-text" aria-label="Problems in the text" data-testid="query-problems">
            {problems.map((problem) => (
              <li key={`${problem.offset}:${problem.message}`}>
                Line {problem.line}, column {problem.column}: {problem.message}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
