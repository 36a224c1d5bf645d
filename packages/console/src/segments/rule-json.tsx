// The JSON mode of the rule editor: the SegmentRuleInput itself, kept in step with the visual
// tree both ways; text that does not parse stays as typed, with the reason, until it does (and
// saving waits).
import { useEffect, useId, useRef, useState } from 'react';
import type { RuleInput } from './rules';

const pretty = (rule: RuleInput) => JSON.stringify(rule, null, 2);

export function RuleJson({
  rule,
  onChange,
  onProblem,
}: {
  rule: RuleInput;
  onChange: (rule: RuleInput) => void;
  onProblem?: (problem: string | null) => void;
}) {
  const id = useId();
  const [text, setText] = useState(() => pretty(rule));
  const [problem, setProblemShown] = useState<string | null>(null);
  const report = useRef(onProblem);
  report.current = onProblem;
  const setProblem = (next: string | null) => {
    setProblemShown(next);
    report.current?.(next);
  };
  // Text that does not parse goes with the mode; the rule is the last one that did.
  useEffect(() => () => report.current?.(null), []);
  useEffect(() => {
    // The tree changed elsewhere: show it, unless the text already says the same.
    setText((current) => {
      try {
        return JSON.stringify(JSON.parse(current)) === JSON.stringify(rule) ? current : pretty(rule);
      } catch {
        return pretty(rule);
      }
    });
  }, [rule]);
  return (
    <div className="field">
      <label htmlFor={id}>The rule as JSON (SegmentRuleInput)</label>
      <textarea
        id={id}
        className="code"
        rows={18}
        spellCheck={false}
        value={text}
        aria-invalid={problem !== null}
        aria-describedby={`${id}-problem`}
        onChange={(event) => {
          setText(event.target.value);
          try {
            const parsed = JSON.parse(event.target.value) as RuleInput;
            if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
              throw new Error('A rule is an object: { "and": [...] }, { "or": [...] }, { "not": {...} } or { "condition": {...} }');
            setProblem(null);
            onChange(parsed);
          } catch (error) {
            setProblem(error instanceof Error ? error.message : String(error));
          }
        }}
      />
      <small id={`${id}-problem`} className={problem ? 'help error-text' : 'help'} role={problem ? 'alert' : undefined}>
        {problem ?? 'Edits here show in the visual tree as soon as they parse.'}
      </small>
    </div>
  );
}
