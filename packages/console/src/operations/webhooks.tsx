// Webhook endpoints: create one (its signing secret shown once), enable or disable, rotate the
// secret, delete; each with its delivery log, filtered by status, and redelivery.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { request, succeeded } from '../api/client';
import { useInputTypes } from '../api/schema';
import { graphql } from '../gql';
import { formatDateTime, humanize } from '../ui/format';
import { Badge, ErrorNotice, Loading, SecretOnce, Section } from '../ui/ui';

const EndpointsDocument = graphql(`
  query WebhookEndpoints($status: WebhookDeliveryStatus) {
    webhookEndpoints(first: 10) {
      edges {
        node {
          id url description enabled disabledReason eventTypes createdAt
          deliveries(first: 10, status: $status) { edges { node { id status attemptCount createdAt deliveredAt failureReason nextAttemptAt event { type } attempts { responseStatus error durationMs } } } }
        }
      }
    }
  }
`);

const CreateDocument = graphql(`
  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) { __typename ... on MutationCreateWebhookEndpointSuccess { data { secret endpoint { id } } } ... on Error { message } ... on InvalidInputError { path } }
  }
`);

const UpdateDocument = graphql(`
  mutation UpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {
    updateWebhookEndpoint(input: $input) { __typename ... on MutationUpdateWebhookEndpointSuccess { data { endpoint { id enabled } } } ... on Error { message } }
  }
`);

const RotateDocument = graphql(`
  mutation RotateWebhookSecret($id: ID!) {
    rotateWebhookSecret(input: { id: $id }) { __typename ... on MutationRotateWebhookSecretSuccess { data { secret } } ... on Error { message } }
  }
`);

const DeleteDocument = graphql(`
  mutation DeleteWebhookEndpoint($id: ID!) {
    deleteWebhookEndpoint(input: { id: $id }) { __typename ... on MutationDeleteWebhookEndpointSuccess { data { deletedId } } ... on Error { message } }
  }
`);

const RedeliverDocument = graphql(`
  mutation RedeliverWebhook($delivery: ID!) {
    redeliverWebhook(input: { delivery: $delivery }) { __typename ... on MutationRedeliverWebhookSuccess { data { delivery { id status } } } ... on Error { message } }
  }
`);

const STATUS_TONE = { SUCCEEDED: 'good', FAILED: 'bad', PENDING: 'warn' } as const;

export function Webhooks() {
  const queries = useQueryClient();
  const types = useInputTypes();
  const [status, setStatus] = useState('');
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>([]);
  const [secret, setSecret] = useState<{ label: string; value: string } | null>(null);
  const endpoints = useQuery({ queryKey: ['webhooks', status], queryFn: () => request(EndpointsDocument, { status: (status || null) as never }) });
  const refresh = () => queries.invalidateQueries({ queryKey: ['webhooks'] });
  const create = useMutation({
    mutationFn: async () => succeeded((await request(CreateDocument, { input: { url, eventTypes: events as never } })).createWebhookEndpoint),
    onSuccess: async (data) => {
      setSecret({ label: `Signing secret of ${url}.`, value: data.secret });
      setUrl('');
      await refresh();
    },
  });
  const change = useMutation({
    mutationFn: async (action: { kind: 'enable' | 'disable' | 'delete' | 'rotate' | 'redeliver'; id: string; url?: string }) => {
      if (action.kind === 'rotate') {
        const rotated = succeeded((await request(RotateDocument, { id: action.id })).rotateWebhookSecret);
        setSecret({ label: `New signing secret of ${action.url}.`, value: rotated.secret });
      } else if (action.kind === 'delete') succeeded((await request(DeleteDocument, { id: action.id })).deleteWebhookEndpoint);
      else if (action.kind === 'redeliver') succeeded((await request(RedeliverDocument, { delivery: action.id })).redeliverWebhook);
      else succeeded((await request(UpdateDocument, { input: { id: action.id, enabled: action.kind === 'enable' } })).updateWebhookEndpoint);
    },
    onSuccess: refresh,
  });
  const eventTypes = types.data?.get('WebhookEventType').enumValues ?? [];
  return (
    <>
      <Section title="New endpoint">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate();
          }}
        >
          <div className="field">
            <label htmlFor="webhook-url">URL</label>
            <input id="webhook-url" type="url" required value={url} onChange={(event) => setUrl(event.target.value)} placeholder="https://example.com/cohort" />
          </div>
          <fieldset>
            <legend>Events</legend>
            {eventTypes.map((type) => (
              <label key={type.name} className="inline" title={type.description ?? undefined}>
                <input
                  type="checkbox"
                  checked={events.includes(type.name)}
                  onChange={(event) => setEvents(event.target.checked ? [...events, type.name] : events.filter((name) => name !== type.name))}
                />
                {humanize(type.name)}
              </label>
            ))}
          </fieldset>
          <button type="submit" disabled={create.isPending || events.length === 0}>
            Create endpoint
          </button>
        </form>
      </Section>
      {secret ? <SecretOnce label={secret.label} secret={secret.value} /> : null}
      <ErrorNotice error={endpoints.error ?? create.error ?? change.error} />
      <div className="field">
        <label htmlFor="delivery-status">Show deliveries</label>
        <select id="delivery-status" value={status} onChange={(event) => setStatus(event.target.value)}>
          <option value="">All</option>
          <option value="FAILED">Failed</option>
          <option value="PENDING">Pending</option>
          <option value="SUCCEEDED">Succeeded</option>
        </select>
      </div>
      {!endpoints.data ? (
        <Loading />
      ) : endpoints.data.webhookEndpoints.edges.length === 0 ? (
        <p className="muted">No endpoint yet.</p>
      ) : (
        endpoints.data.webhookEndpoints.edges.map(({ node }) => (
          <Section
            key={node.id}
            title={node.url}
            actions={
              <span className="actions">
                <button type="button" onClick={() => change.mutate({ kind: node.enabled ? 'disable' : 'enable', id: node.id })}>
                  {node.enabled ? 'Disable' : 'Enable'}
                </button>
                <button type="button" onClick={() => change.mutate({ kind: 'rotate', id: node.id, url: node.url })}>
                  Rotate secret
                </button>
                <button
                  type="button"
                  className="danger"
                  onClick={() => window.confirm(`Delete ${node.url} and its log?`) && change.mutate({ kind: 'delete', id: node.id })}
                >
                  Delete
                </button>
              </span>
            }
          >
            <p>
              {node.enabled ? <Badge tone="good">enabled</Badge> : <Badge tone="bad">disabled{node.disabledReason ? `: ${node.disabledReason}` : ''}</Badge>}{' '}
              {node.eventTypes.map(humanize).join(', ')}
            </p>
            <table className="data">
              <caption>The latest deliveries</caption>
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">Status</th>
                  <th scope="col">Created</th>
                  <th scope="col">Tries</th>
                  <th scope="col">Last answer</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {node.deliveries.edges.map(({ node: delivery }) => {
                  const last = delivery.attempts.at(-1);
                  return (
                    <tr key={delivery.id}>
                      <th scope="row">{humanize(delivery.event.type)}</th>
                      <td>
                        <Badge tone={STATUS_TONE[delivery.status]}>{humanize(delivery.status)}</Badge>
                        {delivery.failureReason ? <div className="small muted">{delivery.failureReason}</div> : null}
                      </td>
                      <td>{formatDateTime(delivery.createdAt)}</td>
                      <td>{delivery.attemptCount}</td>
                      <td>{last ? `${last.responseStatus ?? last.error ?? '—'} in ${last.durationMs} ms` : '—'}</td>
                      <td>
                        <button type="button" className="small" onClick={() => change.mutate({ kind: 'redeliver', id: delivery.id })} disabled={!node.enabled}>
                          Redeliver
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </Section>
        ))
      )}
    </>
  );
}
