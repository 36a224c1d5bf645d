// The shop's settings, RFM scoring and retention spectrum: each form is its update input's
// fields (introspection), filled with what is set now.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { request, succeeded } from '../api/client';
import { useInputTypes, type InputTypes } from '../api/schema';
import { ValueEditor } from '../forms/value-editor';
import { graphql } from '../gql';
import { formatDateTime, humanize } from '../ui/format';
import { ErrorNotice, Loading, Section } from '../ui/ui';

const SettingsDocument = graphql(`
  query Settings {
    shopSettings { defaultCurrency timeZone cartAbandonmentMinutes }
    rfm { lookbackDays grid { preset scale axes } thresholds { currency customers computedAt } }
    retention { defaultGapDays useShopMedian multipliers shopMedianGapDays expectedGapDays computedAt }
  }
`);

const ShopDocument = graphql(`
  mutation UpdateShopSettings($input: UpdateShopSettingsInput!) { updateShopSettings(input: $input) { __typename ... on MutationUpdateShopSettingsSuccess { data { shopSettings { timeZone } } } ... on Error { code message } } }
`);
const RfmDocument = graphql(`
  mutation UpdateRfmSettings($input: UpdateRfmSettingsInput!) { updateRfmSettings(input: $input) { __typename ... on MutationUpdateRfmSettingsSuccess { data { rfm { lookbackDays } } } ... on Error { code message } } }
`);
const RetentionDocument = graphql(`
  mutation UpdateRetentionSettings($input: UpdateRetentionSettingsInput!) { updateRetentionSettings(input: $input) { __typename ... on MutationUpdateRetentionSettingsSuccess { data { retention { defaultGapDays } } } ... on Error { code message } } }
`);

function SettingsForm({
  types,
  inputType,
  initial,
  save,
  children,
}: {
  types: InputTypes;
  inputType: string;
  initial: Record<string, unknown>;
  save: (input: Record<string, unknown>) => Promise<unknown>;
  children?: ReactNode;
}) {
  const queries = useQueryClient();
  const [input, setInput] = useState(initial);
  const mutation = useMutation({ mutationFn: () => save(input), onSuccess: () => queries.invalidateQueries({ queryKey: ['settings'] }) });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        mutation.mutate();
      }}
    >
      {children}
      <div className="form-grid">
        {types.fields(inputType).map((field) => (
          <ValueEditor
            key={field.name}
            types={types}
            type={field.type}
            value={input[field.name]}
            onChange={(value) => setInput((current) => ({ ...current, [field.name]: value }))}
            label={humanize(field.name)}
            description={field.description}
            path={`${inputType}.${field.name}`}
          />
        ))}
      </div>
      <ErrorNotice error={mutation.error} />
      {mutation.isSuccess ? (
        <p className="notice good" role="status">
          Saved.
        </p>
      ) : null}
      <button type="submit" disabled={mutation.isPending}>
        Save
      </button>
    </form>
  );
}

export function Settings() {
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => request(SettingsDocument) });
  const types = useInputTypes();
  if (settings.error || types.error) return <ErrorNotice error={settings.error ?? types.error} />;
  if (!settings.data || !types.data) return <Loading />;
  const { shopSettings, rfm, retention } = settings.data;
  return (
    <>
      <Section title="Shop">
        <SettingsForm
          types={types.data}
          inputType="UpdateShopSettingsInput"
          initial={{ ...shopSettings }}
          save={async (input) => succeeded((await request(ShopDocument, { input })).updateShopSettings)}
        />
      </Section>
      <Section title="RFM scoring">
        <SettingsForm
          types={types.data}
          inputType="UpdateRfmSettingsInput"
          initial={{ ...(rfm.lookbackDays ? { lookbackDays: rfm.lookbackDays } : {}), ...(rfm.grid.preset ? { preset: rfm.grid.preset } : {}) }}
          save={async (input) => succeeded((await request(RfmDocument, { input })).updateRfmSettings)}
        >
          <p className="muted">
            Grid: {rfm.grid.preset ? humanize(rfm.grid.preset) : 'custom'}, scores 1 to {rfm.grid.scale}.{' '}
            {rfm.thresholds
              .map((threshold) => `${threshold.currency}: ${threshold.customers} customers, computed ${formatDateTime(threshold.computedAt)}`)
              .join('; ')}
          </p>
        </SettingsForm>
      </Section>
      <Section title="Retention spectrum">
        <SettingsForm
          types={types.data}
          inputType="UpdateRetentionSettingsInput"
          initial={{ defaultGapDays: retention.defaultGapDays, useShopMedian: retention.useShopMedian, multipliers: retention.multipliers }}
          save={async (input) => succeeded((await request(RetentionDocument, { input })).updateRetentionSettings)}
        >
          <p className="muted">
            Expected gap now {retention.expectedGapDays.toFixed(1)} days (shop median {retention.shopMedianGapDays?.toFixed(1) ?? '—'}, computed{' '}
            {formatDateTime(retention.computedAt)}).
          </p>
        </SettingsForm>
      </Section>
    </>
  );
}
