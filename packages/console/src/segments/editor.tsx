// A segment: its name and rule (visual tree, JSON, text), the live preview, and for a saved one its
// size over time, its members' export and, for a static segment, its list.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { download, request, succeeded } from '../api/client';
import { useInputTypes } from '../api/schema';
import { Chart } from '../charts/lazy-chart';
import { graphql } from '../gql';
import { ErrorNotice, Loading, Page, Section } from '../ui/ui';
import { RuleEditor } from './rule-editor';
import { SegmentPreview } from './preview';
import { asRuleInput, emptyRule, ruleInputOf, type RuleInput } from './rules';
import { StaticMembers } from './static-members';
import { sizeChart } from './size-chart';

const SegmentDocument = graphql(`
  query SegmentEditor($id: ID!) {
    node(id: $id) {
      __typename
      ... on Segment {
        id name description kind rule ruleProblem membershipRecordedSince
        sizeOverTime(days: 30) { date size }
        promotions { targeting promotion { id name } }
      }
    }
  }
`);

const CreateDocument = graphql(`
  mutation CreateSegment($input: CreateSegmentInput!) {
    createSegment(input: $input) { __typename ... on MutationCreateSegmentSuccess { data { segment { id } } } ... on Error { message } }
  }
`);

const UpdateDocument = graphql(`
  mutation UpdateSegment($input: UpdateSegmentInput!) {
    updateSegment(input: $input) { __typename ... on MutationUpdateSegmentSuccess { data { segment { id } } } ... on Error { message } }
  }
`);

const DeleteDocument = graphql(`
  mutation DeleteSegment($id: ID!) {
    deleteSegment(input: { id: $id }) { __typename ... on MutationDeleteSegmentSuccess { data { deletedSegmentId } } ... on Error { message } }
  }
`);

export function SegmentEditorPage({ id }: { id?: string }) {
  const segment = useQuery({ queryKey: ['segment', id], queryFn: () => request(SegmentDocument, { id: id as string }), enabled: id !== undefined });
  const types = useInputTypes();
  if (types.error) return <ErrorNotice error={types.error} />;
  if (segment.error) return <ErrorNotice error={segment.error} />;
  if (!types.data || (id && !segment.data)) return <Loading />;
  const node = segment.data?.node;
  const saved = node?.__typename === 'Segment' ? node : undefined;
  if (id && !saved) return <ErrorNotice error={new Error('No such segment')} />;
  return <Editor key={id ?? 'new'} types={types.data} saved={saved} />;
}

type Saved = {
  id: string;
  name: string;
  description?: string | null;
  kind: 'DYNAMIC' | 'STATIC';
  rule: Record<string, unknown>;
  ruleProblem?: string | null;
  sizeOverTime: { date: string; size?: number | null }[];
  promotions: { targeting: string; promotion: { id: string; name: string } }[];
};

function Editor({ types, saved }: { types: NonNullable<ReturnType<typeof useInputTypes>['data']>; saved?: Saved }) {
  const [, navigate] = useLocation();
  const queries = useQueryClient();
  const [name, setName] = useState(saved?.name ?? '');
  const [description, setDescription] = useState(saved?.description ?? '');
  const [kind, setKind] = useState<'DYNAMIC' | 'STATIC'>(saved?.kind ?? 'DYNAMIC');
  const [rule, setRule] = useState<RuleInput>(() => (saved ? ruleInputOf(saved.rule) : emptyRule()));
  const [savedRule, setSavedRule] = useState(() => JSON.stringify(rule));
  // Text being typed that does not read yet: saving waits for it (the rule is still the last that read).
  const [ruleProblem, setRuleProblem] = useState<string | null>(null);
  const dirty = JSON.stringify(rule) !== savedRule || name !== (saved?.name ?? '') || description !== (saved?.description ?? '');

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (dirty) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const save = useMutation({
    mutationFn: async () => {
      if (saved) {
        succeeded((await request(UpdateDocument, { input: { id: saved.id, name, description: description || null, rule: asRuleInput(rule) } })).updateSegment);
        return saved.id;
      }
      return succeeded((await request(CreateDocument, { input: { name, description: description || null, kind, rule: asRuleInput(rule) } })).createSegment)
        .segment.id;
    },
    onSuccess: async (savedId) => {
      setSavedRule(JSON.stringify(rule));
      await queries.invalidateQueries();
      if (!saved) navigate(`/segments/${encodeURIComponent(savedId)}`);
    },
  });
  const remove = useMutation({
    mutationFn: async () => succeeded((await request(DeleteDocument, { id: saved?.id as string })).deleteSegment),
    onSuccess: async () => {
      await queries.invalidateQueries();
      navigate('/segments');
    },
  });

  const download_ = (format: 'csv' | 'json') =>
    download(`/export/segments/${encodeURIComponent(saved?.id ?? '')}/members.${format}`, `${name.replace(/[^A-Za-z0-9_-]+/g, '-')}-members.${format}`);

  return (
    <Page
      title={saved ? saved.name : 'New segment'}
      actions={
        <>
          {saved ? (
            <button type="button" className="danger" onClick={() => window.confirm(`Delete "${saved.name}"?`) && remove.mutate()} disabled={remove.isPending}>
              Delete
            </button>
          ) : null}
          <button type="submit" form="segment-form" className="primary" disabled={save.isPending || !name.trim() || ruleProblem !== null}>
            {save.isPending ? 'Saving…' : saved ? 'Save changes' : 'Create segment'}
          </button>
        </>
      }
    >
      <ErrorNotice error={save.error ?? remove.error} />
      {save.isSuccess && !dirty ? (
        <p className="notice good" role="status">
          Saved.
        </p>
      ) : null}
      {saved?.ruleProblem ? <p className="notice error">This segment's rule cannot be used: {saved.ruleProblem}</p> : null}
      <form
        id="segment-form"
        className="editor-grid"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <div className="editor-main">
          <section className="card" aria-labelledby="about-title">
            <h2 id="about-title">About</h2>
            <div className="row">
              <div className="field grow">
                <label htmlFor="segment-name">Name</label>
                <input id="segment-name" value={name} onChange={(event) => setName(event.target.value)} required maxLength={120} />
              </div>
              {saved ? (
                <p className="field">
                  <span className="label">Kind</span> {saved.kind === 'DYNAMIC' ? 'Dynamic' : 'Static'}
                </p>
              ) : (
                <div className="field">
                  <label htmlFor="segment-kind">Kind</label>
                  <select
                    id="segment-kind"
                    value={kind}
                    onChange={(event) => setKind(event.target.value as 'DYNAMIC' | 'STATIC')}
                    aria-describedby="segment-kind-help"
                  >
                    <option value="DYNAMIC">Dynamic</option>
                    <option value="STATIC">Static</option>
                  </select>
                  <small id="segment-kind-help" className="help">
                    Dynamic: whoever meets the rule, always current. Static: a list, starting with the rule's members now.
                  </small>
                </div>
              )}
            </div>
            <div className="field">
              <label htmlFor="segment-description">Description</label>
              <input id="segment-description" value={description} onChange={(event) => setDescription(event.target.value)} />
            </div>
          </section>
          <section className="card" aria-labelledby="rule-title">
            <h2 id="rule-title">Rule</h2>
            <RuleEditor label="How to edit the rule" types={types} rule={rule} onChange={setRule} onProblem={setRuleProblem} />
          </section>
        </div>
        <SegmentPreview rule={rule} segmentId={saved?.id} />
      </form>
      {saved ? (
        <>
          {saved.kind === 'DYNAMIC' ? (
            <Section title="Size over the last 30 days">
              <Chart {...sizeChart(saved.name, saved.sizeOverTime)} />
            </Section>
          ) : (
            <StaticMembers segmentId={saved.id} />
          )}
          <Section title="Members">
            <p>Download every member with their contact details (admin and analyst keys only).</p>
            <div className="actions">
              <button type="button" onClick={() => void download_('csv')}>
                Export CSV
              </button>
              <button type="button" onClick={() => void download_('json')}>
                Export JSON
              </button>
            </div>
          </Section>
          <Section title="Promotions aimed at it">
            {saved.promotions.length === 0 ? (
              <p className="muted">None yet.</p>
            ) : (
              <ul>
                {saved.promotions.map((use) => (
                  <li key={use.promotion.id}>
                    <Link href={`/promotions/${encodeURIComponent(use.promotion.id)}`}>{use.promotion.name}</Link> (
                    {use.targeting === 'INCLUDE' ? 'includes it' : 'excludes it'})
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </>
      ) : null}
    </Page>
  );
}
