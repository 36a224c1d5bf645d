// The rule editor: one rule, several modes that edit it and stay in step (each mode is given
// the rule and reports a new one). A mode is an entry of MODES and a component of its own. The
// text mode (the segment query language, in CodeMirror) is loaded when first opened, in a chunk
// of its own, so that pages which never show it do not pay for the editor.
import { lazy, Suspense, useState, type ComponentType } from 'react';
import type { InputTypes } from '../api/schema';
import { Loading, Tabs, TabPanel } from '../ui/ui';
import { RuleJson } from './rule-json';
import { RuleTree } from './rule-tree';
import type { RuleInput } from './rules';

export interface RuleModeProps {
  types: InputTypes;
  rule: RuleInput;
  onChange: (rule: RuleInput) => void;
  /** A mode that holds text says whether it reads: a problem while it does not (the rule given is then the last one that read), null when it does. */
  onProblem?: (problem: string | null) => void;
}

const RuleText = lazy(() => import('./rule-text').then((module) => ({ default: module.RuleText })));

const MODES: { key: string; title: string; component: ComponentType<RuleModeProps> }[] = [
  { key: 'visual', title: 'Visual', component: RuleTree },
  { key: 'json', title: 'JSON', component: RuleJson },
  { key: 'text', title: 'Text', component: RuleText },
];

export function RuleEditor(props: RuleModeProps & { label: string }) {
  const [mode, setMode] = useState('visual');
  const current = MODES.find((candidate) => candidate.key === mode) ?? (MODES[0] as (typeof MODES)[number]);
  const Mode = current.component;
  return (
    <div className="rule-editor">
      <Tabs label={props.label} tabs={MODES} selected={current.key} onSelect={setMode} />
      <TabPanel tab={current.key}>
        <Suspense fallback={<Loading what="Loading the editor" />}>
          <Mode types={props.types} rule={props.rule} onChange={props.onChange} onProblem={props.onProblem} />
        </Suspense>
      </TabPanel>
    </div>
  );
}
