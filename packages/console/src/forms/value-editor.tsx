// A form for any GraphQL input value, derived from the schema's input types (introspection):
// one control per field, labelled by its name and described by its description, nested inputs
// as fieldsets, @oneOf inputs as a choice of one field, enums as selects, lists as repeated
// entries. Conditions and effects, built in or a partner's, get their forms from this alone.
import { useId, type ReactNode } from 'react';
import { isRequired, namedType, unwrapNonNull, type InputTypes, type TypeRef } from '../api/schema';
import { humanize, minorPerMajor } from '../ui/format';

export interface EditorProps {
  types: InputTypes;
  type: TypeRef;
  value: unknown;
  onChange: (value: unknown) => void;
  label: string;
  description?: string | null;
  /** Where the value sits in the input, e.g. "rule.and.0.condition.amountSpent": names its controls. */
  path: string;
}

type Fields = Record<string, unknown>;

const controlId = (path: string) => `f-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** A skeleton of an input type's value: its required nested inputs, so a new condition or effect starts with its form open. */
export function skeleton(types: InputTypes, type: TypeRef): unknown {
  if (!isRequired(type)) return undefined;
  const inner = unwrapNonNull(type);
  if (inner.kind === 'LIST') return [];
  if (inner.kind !== 'INPUT_OBJECT' || !inner.name) return inner.kind === 'SCALAR' && inner.name === 'Boolean' ? true : undefined;
  const definition = types.get(inner.name);
  if (definition.isOneOf) return {};
  return Object.fromEntries(
    types
      .fields(inner.name)
      .map((field) => [field.name, skeleton(types, field.type)])
      .filter(([, value]) => value !== undefined),
  );
}

/** Drops a field, so that "not set" is left out of the input rather than sent as null. */
function withField(object: Fields, name: string, value: unknown): Fields {
  const next = { ...object };
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0 && !(name in object))) delete next[name];
  else next[name] = value;
  return next;
}

function Help({ id, text }: { id: string; text?: string | null }) {
  return text ? (
    <small id={id} className="help">
      {text}
    </small>
  ) : null;
}

export function ValueEditor(props: EditorProps): ReactNode {
  const { types, type } = props;
  const inner = unwrapNonNull(type);
  if (inner.kind === 'LIST') return <ListEditor {...props} itemType={inner.ofType as TypeRef} />;
  const named = namedType(type);
  if (named.kind === 'INPUT_OBJECT' && named.name === 'MoneyInput') return <MoneyEditor {...props} />;
  if (named.kind === 'INPUT_OBJECT') return <ObjectEditor {...props} typeName={named.name as string} />;
  if (named.kind === 'ENUM') return <EnumEditor {...props} typeName={named.name as string} />;
  return <ScalarEditor {...props} scalar={named.name as string} required={isRequired(type)} types={types} />;
}

function ObjectEditor({ types, type, value, onChange, label, description, path, typeName }: EditorProps & { typeName: string }) {
  const helpId = useId();
  const definition = types.get(typeName);
  const fields = types.fields(typeName);
  const required = isRequired(type);
  const object = (value && typeof value === 'object' ? value : undefined) as Fields | undefined;
  if (!object) {
    return (
      <div className="field optional-object">
        <button
          type="button"
          className="link"
          onClick={() => onChange(skeleton(types, { kind: 'NON_NULL', name: null, ofType: type.kind === 'NON_NULL' ? (type.ofType as TypeRef) : type }) ?? {})}
          aria-describedby={description ? helpId : undefined}
        >
          + {label}
        </button>
        <Help id={helpId} text={description} />
      </div>
    );
  }
  const body = definition.isOneOf ? (
    <OneOfEditor types={types} typeName={typeName} value={object} onChange={onChange} path={path} />
  ) : (
    fields.map((field) => (
      <ValueEditor
        key={field.name}
        types={types}
        type={field.type}
        value={object[field.name]}
        onChange={(next) => onChange(withField(object, field.name, next))}
        label={humanize(field.name)}
        description={field.description}
        path={`${path}.${field.name}`}
      />
    ))
  );
  return (
    <fieldset className="object" aria-describedby={description ? helpId : undefined}>
      <legend>
        {label}
        {!required ? (
          <button type="button" className="link remove" onClick={() => onChange(undefined)} aria-label={`Remove ${label}`}>
            remove
          </button>
        ) : null}
      </legend>
      <Help id={helpId} text={description} />
      {body}
    </fieldset>
  );
}

function OneOfEditor({
  types,
  typeName,
  value,
  onChange,
  path,
}: {
  types: InputTypes;
  typeName: string;
  value: Fields;
  onChange: (value: unknown) => void;
  path: string;
}) {
  const fields = types.fields(typeName);
  const chosen = fields.find((field) => value[field.name] !== undefined);
  const id = controlId(`${path}.$choice`);
  return (
    <>
      <div className="field">
        <label htmlFor={id}>Which one</label>
        <select
          id={id}
          value={chosen?.name ?? ''}
          onChange={(event) => {
            const field = fields.find((candidate) => candidate.name === event.target.value);
            onChange(
              field
                ? {
                    [field.name]:
                      skeleton(types, { kind: 'NON_NULL', name: null, ofType: field.type }) ?? (namedType(field.type).kind === 'INPUT_OBJECT' ? {} : undefined),
                  }
                : {},
            );
          }}
        >
          <option value="">Choose…</option>
          {fields.map((field) => (
            <option key={field.name} value={field.name}>
              {humanize(field.name)}
              {field.description ? ` — ${field.description}` : ''}
            </option>
          ))}
        </select>
      </div>
      {chosen ? (
        <ValueEditor
          types={types}
          type={{ kind: 'NON_NULL', name: null, ofType: chosen.type }}
          value={value[chosen.name]}
          onChange={(next) => onChange({ [chosen.name]: next })}
          label={humanize(chosen.name)}
          description={chosen.description}
          path={`${path}.${chosen.name}`}
        />
      ) : null}
    </>
  );
}

function ListEditor({ types, type, value, onChange, label, description, path, itemType }: EditorProps & { itemType: TypeRef }) {
  const helpId = useId();
  const id = controlId(path);
  const item = namedType(itemType);
  const list = Array.isArray(value) ? value : [];
  const required = isRequired(type);
  if (item.kind === 'ENUM') {
    const values = types.get(item.name as string).enumValues ?? [];
    return (
      <fieldset className="choices" aria-describedby={description ? helpId : undefined}>
        <legend>{label}</legend>
        <Help id={helpId} text={description} />
        {values.map((option) => (
          <label key={option.name} className="inline" title={option.description ?? undefined}>
            <input
              type="checkbox"
              checked={list.includes(option.name)}
              onChange={(event) => {
                const next = event.target.checked ? [...list, option.name] : list.filter((entry) => entry !== option.name);
                onChange(next.length === 0 && !required ? undefined : next);
              }}
            />
            {humanize(option.name)}
          </label>
        ))}
      </fieldset>
    );
  }
  if (item.kind === 'SCALAR') {
    const numeric = item.name === 'Int' || item.name === 'Float';
    return (
      <div className="field">
        <label htmlFor={id}>
          {label}
          {required ? <span className="required"> (required)</span> : null}
        </label>
        <input
          id={id}
          type="text"
          value={list.join(', ')}
          placeholder="values separated by commas"
          aria-describedby={description ? helpId : undefined}
          onChange={(event) => {
            const entries = event.target.value.split(',').map((entry) => entry.trim());
            const kept = entries.filter((entry, index) => entry !== '' || index === entries.length - 1);
            const parsed = numeric ? kept.filter(Boolean).map(Number) : kept.filter((entry, index) => entry !== '' || index < kept.length - 1);
            onChange(parsed.length === 0 && !required ? undefined : parsed);
          }}
        />
        <Help id={helpId} text={description} />
      </div>
    );
  }
  return (
    <fieldset className="list" aria-describedby={description ? helpId : undefined}>
      <legend>{label}</legend>
      <Help id={helpId} text={description} />
      <ol>
        {list.map((entry, index) => (
          <li key={index}>
            <ValueEditor
              types={types}
              type={{ kind: 'NON_NULL', name: null, ofType: unwrapNonNull(itemType) }}
              value={entry}
              onChange={(next) => onChange(list.map((existing, position) => (position === index ? next : existing)))}
              label={`${singular(label)} ${index + 1}`}
              path={`${path}.${index}`}
            />
            <button
              type="button"
              className="link"
              onClick={() => onChange(list.filter((_, position) => position !== index))}
              aria-label={`Remove ${label} ${index + 1}`}
            >
              Remove
            </button>
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => onChange([...list, skeleton(types, { kind: 'NON_NULL', name: null, ofType: unwrapNonNull(itemType) }) ?? {}])}>
        Add to {label.toLowerCase()}
      </button>
    </fieldset>
  );
}

function EnumEditor({ types, type, value, onChange, label, description, path, typeName }: EditorProps & { typeName: string }) {
  const helpId = useId();
  const id = controlId(path);
  const values = types.get(typeName).enumValues ?? [];
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={typeof value === 'string' ? value : ''}
        onChange={(event) => onChange(event.target.value || undefined)}
        aria-describedby={description ? helpId : undefined}
      >
        {!isRequired(type) || value === undefined ? <option value="">{isRequired(type) ? 'Choose…' : 'Not set'}</option> : null}
        {values.map((option) => (
          <option key={option.name} value={option.name}>
            {humanize(option.name)}
          </option>
        ))}
      </select>
      <Help id={helpId} text={description} />
    </div>
  );
}

function ScalarEditor({ value, onChange, label, description, path, scalar, required }: EditorProps & { scalar: string; required: boolean }) {
  const helpId = useId();
  const id = controlId(path);
  const described = description ? helpId : undefined;
  const labelled = (
    <label htmlFor={id}>
      {label}
      {required ? <span className="required"> (required)</span> : null}
    </label>
  );
  if (scalar === 'Boolean') {
    if (required) {
      return (
        <div className="field">
          <label className="inline" htmlFor={id}>
            <input id={id} type="checkbox" checked={value === true} onChange={(event) => onChange(event.target.checked)} aria-describedby={described} />
            {label}
          </label>
          <Help id={helpId} text={description} />
        </div>
      );
    }
    return (
      <div className="field">
        {labelled}
        <select
          id={id}
          value={value === true ? 'true' : value === false ? 'false' : ''}
          onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value === 'true')}
          aria-describedby={described}
        >
          <option value="">Not set</option>
          <option value="true">Yes</option>
          <option value="false">No</option>
        </select>
        <Help id={helpId} text={description} />
      </div>
    );
  }
  if (scalar === 'Int' || scalar === 'Float' || scalar === 'SafeInt') {
    return (
      <div className="field">
        {labelled}
        <input
          id={id}
          type="number"
          inputMode={scalar === 'Float' ? 'decimal' : 'numeric'}
          step={scalar === 'Float' ? 'any' : 1}
          value={typeof value === 'number' ? value : ''}
          onChange={(event) => onChange(event.target.value === '' ? undefined : Number(event.target.value))}
          aria-describedby={described}
        />
        <Help id={helpId} text={description} />
      </div>
    );
  }
  if (scalar === 'DateTime' || scalar === 'Date') {
    const local = typeof value === 'string' ? (scalar === 'Date' ? value : toLocalInput(value)) : '';
    return (
      <div className="field">
        {labelled}
        <input
          id={id}
          type={scalar === 'Date' ? 'date' : 'datetime-local'}
          value={local}
          onChange={(event) =>
            onChange(event.target.value === '' ? undefined : scalar === 'Date' ? event.target.value : new Date(event.target.value).toISOString())
          }
          aria-describedby={described}
        />
        <Help id={helpId} text={description} />
      </div>
    );
  }
  if (scalar === 'JSONObject') {
    return (
      <div className="field">
        {labelled}
        <textarea
          id={id}
          defaultValue={value === undefined ? '' : JSON.stringify(value)}
          onChange={(event) => {
            try {
              onChange(event.target.value.trim() === '' ? undefined : JSON.parse(event.target.value));
            } catch {
              // Kept as typed until it parses.
            }
          }}
          aria-describedby={described}
        />
        <Help id={helpId} text={description} />
      </div>
    );
  }
  return (
    <div className="field">
      {labelled}
      <input
        id={id}
        type="text"
        value={typeof value === 'string' ? value : ''}
        onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
        aria-describedby={described}
      />
      <Help id={helpId} text={description} />
    </div>
  );
}

/** Money as people write it: "300.00" in a currency, sent as minor units (MoneyInput). */
function MoneyEditor({ type, value, onChange, label, description, path }: EditorProps) {
  const helpId = useId();
  const id = controlId(path);
  const money = (value && typeof value === 'object' ? value : undefined) as { amount?: number; currency?: string } | undefined;
  const currency = money?.currency ?? 'USD';
  const perMajor = minorPerMajor(currency);
  return (
    <fieldset className="money" aria-describedby={description ? helpId : undefined}>
      <legend>
        {label}
        {!isRequired(type) && money ? (
          <button type="button" className="link remove" onClick={() => onChange(undefined)} aria-label={`Remove ${label}`}>
            remove
          </button>
        ) : null}
      </legend>
      <Help id={helpId} text={description} />
      <div className="row">
        <div className="field">
          <label htmlFor={id}>Amount</label>
          <input
            id={id}
            type="number"
            inputMode="decimal"
            min={0}
            step={1 / perMajor}
            value={typeof money?.amount === 'number' ? money.amount / perMajor : ''}
            onChange={(event) =>
              onChange(event.target.value === '' && !isRequired(type) ? undefined : { currency, amount: Math.round(Number(event.target.value) * perMajor) })
            }
          />
        </div>
        <div className="field narrow">
          <label htmlFor={`${id}-currency`}>Currency</label>
          <input
            id={`${id}-currency`}
            type="text"
            maxLength={3}
            value={currency}
            onChange={(event) => onChange({ amount: money?.amount ?? 0, currency: event.target.value.toUpperCase() })}
          />
        </div>
      </div>
    </fieldset>
  );
}

/** "Effects" → "Effect", for the entries of a list. */
const singular = (label: string) => label.replace(/ies$/, 'y').replace(/s$/, '');

function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const offset = date.getTimezoneOffset() * 60_000;
  return new Date(date.getTime() - offset).toISOString().slice(0, 16);
}
