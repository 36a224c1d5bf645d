// The rule editor: one rule, several modes that edit it and stay in step (each mode is given
// the rule and reports a new one). A mode is an entry of MODES and a component of its own: a
// text mode in the segment query language (packages/segment-query) is added as one more entry,
// and its component is the only file that imports that package.
import { useState, type ComponentType } from 'react';
import type { InputTypes } from '../api/schema';
import { Tabs, TabPanel } from '../ui/ui';
import { RuleJson } from './rule-json';
import { RuleTree } from './rule-tree';
import type { RuleInput } from './rules';

export interface RuleModeProps {
  types: InputTypes;
  rule: RuleInput;
  onChange: (rule: RuleInput) => void;
}

const MODES: { key: string; title: string; component: ComponentType<RuleModeProps> }[] = [
  { key: 'visual', title: 'Visual', component: RuleTree },
  { key: 'json', title: 'JSON', component: RuleJson },
];

export function RuleEditor(props: RuleModeProps & { label: string }) {
  const [mode, setMode] = useState('visual');
  const current = MODES.find((candidate) => candidate.key === mode) ?? (MODES[0] as (typeof MODES)[number]);
  const Mode = current.component;
  return (
    <div className="rule-editor">
      <Tabs label={props.label} tabs={MODES} selected={current.key} onSelect={setMode} />
      <TabPanel tab={current.key}>
        <Mode types={props.types} rule={props.rule} onChange={props.onChange} />
      </TabPanel>
    </div>
  );
}
