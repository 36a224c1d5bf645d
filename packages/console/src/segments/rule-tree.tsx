// The visual mode of the rule editor: AND / OR groups, NOT, and conditions, each condition a
// form derived from its GraphQL input type (forms/value-editor.tsx).
import { useId } from 'react';
import { namedType, type InputTypes } from '../api/schema';
import { skeleton, ValueEditor } from '../forms/value-editor';
import { humanize } from '../ui/format';
import { conditionType, type RuleInput } from './rules';

interface NodeProps {
  types: InputTypes;
  rule: RuleInput;
  onChange: (rule: RuleInput) => void;
  /** Removes the node from its group; absent for the root. */
  onRemove?: () => void;
  path: string;
  depth: number;
}

export function RuleTree({ types, rule, onChange }: { types: InputTypes; rule: RuleInput; onChange: (rule: RuleInput) => void }) {
  return (
    <div className="rule-tree">
      <RuleNode types={types} rule={rule} onChange={onChange} path="rule" depth={0} />
    </div>
  );
}

function RuleNode(props: NodeProps) {
  const { rule } = props;
  if ('and' in rule || 'or' in rule) return <GroupNode {...props} />;
  if ('not' in rule) return <NotNode {...props} />;
  return <ConditionNode {...props} />;
}

function NodeActions({ rule, onChange, onRemove, label }: Pick<NodeProps, 'rule' | 'onChange' | 'onRemove'> & { label: string }) {
  return (
    <span className="node-actions">
      <button type="button" className="link" onClick={() => onChange({ not: rule })} aria-label={`NOT: negate ${label}`}>
        NOT
      </button>
      {onRemove ? (
        <button type="button" className="link danger" onClick={onRemove} aria-label={`Remove ${label}`}>
          Remove
        </button>
      ) : null}
    </span>
  );
}

function GroupNode({ types, rule, onChange, onRemove, path, depth }: NodeProps) {
  const id = useId();
  const operator = 'and' in rule ? 'and' : 'or';
  const children = 'and' in rule ? rule.and : 'or' in rule ? rule.or : [];
  const set = (next: RuleInput[]) => onChange(operator === 'and' ? { and: next } : { or: next });
  const label = depth === 0 ? 'the rule' : `group ${path}`;
  return (
    <fieldset className={`rule-group depth-${depth % 3}`}>
      <legend>
        <label htmlFor={id} className="visually-hidden">
          Combine the rules of {label}
        </label>
        <select id={id} value={operator} onChange={(event) => onChange(event.target.value === 'and' ? { and: children } : { or: children })}>
          <option value="and">All of these (AND)</option>
          <option value="or">Any of these (OR)</option>
        </select>
        <NodeActions rule={rule} onChange={onChange} onRemove={onRemove} label={label} />
      </legend>
      {children.length === 0 ? <p className="muted">No rule yet: add a condition.</p> : null}
      <ol className="rule-children">
        {children.map((child, index) => (
          <li key={index}>
            <RuleNode
              types={types}
              rule={child}
              path={`${path}.${operator}.${index}`}
              depth={depth + 1}
              onChange={(next) => set(children.map((existing, position) => (position === index ? next : existing)))}
              onRemove={() => set(children.filter((_, position) => position !== index))}
            />
          </li>
        ))}
      </ol>
      <div className="group-actions">
        <button type="button" onClick={() => set([...children, { condition: {} }])}>
          + Condition
        </button>
        <button type="button" onClick={() => set([...children, { [operator === 'and' ? 'or' : 'and']: [{ condition: {} }] } as RuleInput])}>
          + {operator === 'and' ? 'Any-of (OR)' : 'All-of (AND)'} group
        </button>
      </div>
    </fieldset>
  );
}

function NotNode({ types, rule, onChange, onRemove, path, depth }: NodeProps) {
  const inner = (rule as { not: RuleInput }).not;
  return (
    <div className="rule-not">
      <div className="not-head">
        <strong>NOT</strong>
        <button type="button" className="link" onClick={() => onChange(inner)} aria-label={`Remove the NOT of ${path}`}>
          Remove NOT
        </button>
        {onRemove ? (
          <button type="button" className="link danger" onClick={onRemove} aria-label={`Remove ${path}`}>
            Remove
          </button>
        ) : null}
      </div>
      <RuleNode types={types} rule={inner} onChange={(next) => onChange({ not: next })} path={`${path}.not`} depth={depth + 1} />
    </div>
  );
}

function ConditionNode({ types, rule, onChange, onRemove, path, depth }: NodeProps) {
  const id = useId();
  const condition = (rule as { condition: Record<string, unknown> }).condition;
  const type = conditionType(condition);
  const options = types.fields('ConditionInput');
  const chosen = options.find((option) => option.name === type);
  return (
    <div className="rule-condition">
      <div className="condition-head">
        <label htmlFor={id}>Condition</label>
        <select
          id={id}
          value={type ?? ''}
          onChange={(event) => {
            const option = options.find((candidate) => candidate.name === event.target.value);
            onChange({ condition: option ? { [option.name]: skeleton(types, { kind: 'NON_NULL', name: null, ofType: option.type }) ?? {} } : {} });
          }}
        >
          <option value="">Choose a condition…</option>
          {options.map((option) => (
            <option key={option.name} value={option.name}>
              {option.description ?? humanize(option.name)} ({option.name})
            </option>
          ))}
        </select>
        <NodeActions rule={rule} onChange={onChange} onRemove={onRemove} label={chosen ? `condition ${chosen.description ?? chosen.name}` : 'this condition'} />
        {depth === 0 ? (
          <button type="button" className="link" onClick={() => onChange({ and: [rule, { condition: {} }] })}>
            + Another condition (AND)
          </button>
        ) : null}
      </div>
      {chosen ? (
        <ConditionForm
          types={types}
          typeName={namedType(chosen.type).name as string}
          value={condition[chosen.name]}
          onChange={(params) => onChange({ condition: { [chosen.name]: params } })}
          path={`${path}.condition.${chosen.name}`}
        />
      ) : null}
    </div>
  );
}

function ConditionForm({
  types,
  typeName,
  value,
  onChange,
  path,
}: {
  types: InputTypes;
  typeName: string;
  value: unknown;
  onChange: (value: unknown) => void;
  path: string;
}) {
  const definition = types.get(typeName);
  const params = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  return (
    <div className="condition-form">
      {definition.description ? <p className="help">{definition.description}</p> : null}
      {types.fields(typeName).map((field) => (
        <ValueEditor
          key={field.name}
          types={types}
          type={field.type}
          value={params[field.name]}
          onChange={(next) => {
            const copy = { ...params };
            if (next === undefined) delete copy[field.name];
            else copy[field.name] = next;
            onChange(copy);
          }}
          label={humanize(field.name)}
          description={field.description}
          path={`${path}.${field.name}`}
        />
      ))}
    </div>
  );
}
