// Picks segments for a promotion's targeting: a filterable list of checkboxes.
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { request } from '../api/client';
import { graphql } from '../gql';

const SegmentNamesDocument = graphql(`
  query SegmentNames { segments(first: 100) { edges { node { id name } } } }
`);

export function SegmentPicker({ label, selected, onChange }: { label: string; selected: string[]; onChange: (ids: string[] | undefined) => void }) {
  const id = useId();
  const [filter, setFilter] = useState('');
  const segments = useQuery({ queryKey: ['segment-names'], queryFn: () => request(SegmentNamesDocument) });
  const all = segments.data?.segments.edges.map((edge) => edge.node) ?? [];
  const shown = all.filter((segment) => selected.includes(segment.id) || segment.name.toLowerCase().includes(filter.toLowerCase()));
  return (
    <fieldset>
      <legend>{label}</legend>
      <div className="field">
        <label htmlFor={id}>Filter segments</label>
        <input id={id} type="search" value={filter} onChange={(event) => setFilter(event.target.value)} />
      </div>
      <div className="checklist">
        {shown.map((segment) => (
          <label key={segment.id}>
            <input
              type="checkbox"
              checked={selected.includes(segment.id)}
              onChange={(event) => {
                const next = event.target.checked ? [...selected, segment.id] : selected.filter((candidate) => candidate !== segment.id);
                onChange(next.length > 0 ? next : undefined);
              }}
            />
            {segment.name}
          </label>
        ))}
        {shown.length === 0 ? <p className="muted">No segment matches.</p> : null}
      </div>
    </fieldset>
  );
}
