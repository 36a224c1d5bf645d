// The templates gallery (segmentTemplates): common shop segments, the RFM groups
// and the retention stages, each with its rule in words; one click creates an editable segment.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocation } from 'wouter';
import { request, succeeded } from '../api/client';
import { graphql } from '../gql';
import { ErrorNotice, Loading, Page } from '../ui/ui';

const TemplatesDocument = graphql(`
  query SegmentTemplates { segmentTemplates { key name description ruleDescription source } }
`);

const CreateFromTemplateDocument = graphql(`
  mutation CreateSegmentFromTemplate($input: CreateSegmentFromTemplateInput!) {
    createSegmentFromTemplate(input: $input) { __typename ... on MutationCreateSegmentFromTemplateSuccess { data { segment { id } } } ... on Error { message } }
  }
`);

export function TemplatesPage() {
  const [, navigate] = useLocation();
  const queries = useQueryClient();
  const templates = useQuery({ queryKey: ['segment-templates'], queryFn: () => request(TemplatesDocument) });
  const create = useMutation({
    mutationFn: async ({ key, name }: { key: string; name: string }) =>
      succeeded((await request(CreateFromTemplateDocument, { input: { template: key as never, name } })).createSegmentFromTemplate).segment.id,
    onSuccess: async (id) => {
      await queries.invalidateQueries({ queryKey: ['segments'] });
      navigate(`/segments/${encodeURIComponent(id)}`);
    },
  });
  return (
    <Page title="Segment templates">
      <p>Each template creates an ordinary segment, which you then edit like any other.</p>
      <ErrorNotice error={create.error ?? templates.error} />
      {!templates.data ? (
        <Loading />
      ) : (
        <ul className="gallery">
          {templates.data.segmentTemplates.map((template) => (
            <li key={template.key} className="card">
              <h2>{template.name}</h2>
              <p>{template.description}</p>
              <p className="rule-description">{template.ruleDescription}</p>
              <p className="muted small">From {template.source}</p>
              <button
                type="button"
                className="primary"
                disabled={create.isPending}
                onClick={() => {
                  const name = window.prompt('Name of the new segment', template.name);
                  if (name) create.mutate({ key: template.key, name });
                }}
                aria-label={`Create segment from the template ${template.name}`}
              >
                Create segment
              </button>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
