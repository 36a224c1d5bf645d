// A promotion: its form is CreatePromotionInput's fields (introspection), in sections;
// targeting picks segments, the cart rule is the rule editor, effects are forms derived from
// each effect's input (a partner's effects included). A saved one also has its voucher codes
// and its report.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocation } from 'wouter';
import { request, succeeded } from '../api/client';
import { useInputTypes, type InputTypes } from '../api/schema';
import { ValueEditor } from '../forms/value-editor';
import { graphql } from '../gql';
import type { PromotionEditorQuery } from '../gql/graphql';
import { RuleEditor } from '../segments/rule-editor';
import { ruleInputOf, type RuleInput } from '../segments/rules';
import { formatMoney, humanize } from '../ui/format';
import { ErrorNotice, Loading, Page, Section } from '../ui/ui';
import { PromotionReport } from './report';
import { SegmentPicker } from './segment-picker';
import { VoucherCodes } from './vouchers';

const PromotionDocument = graphql(`
  query PromotionEditor($id: ID!) {
    node(id: $id) {
      __typename
      ... on Promotion {
        id name description status priority currency startsAt endsAt exclusive percentOfDiscounted combinesWithVouchers requiresVoucher
        usageLimit usageLimitPerCustomer redemptionCount
        maxDiscountPerOrder { amount } budget { amount }
        periodicLimits { period limit perCustomer }
        schedule { daysOfWeek startTime endTime }
        includeSegments { id } excludeSegments { id }
        cartRule storedEffects effectDescriptions cartRuleDescription
      }
    }
  }
`);

const CreateDocument = graphql(`
  mutation CreatePromotion($input: CreatePromotionInput!) {
    createPromotion(input: $input) { __typename ... on MutationCreatePromotionSuccess { data { promotion { id } } } ... on Error { message } ... on InvalidInputError { path } }
  }
`);

const UpdateDocument = graphql(`
  mutation UpdatePromotion($input: UpdatePromotionInput!) {
    updatePromotion(input: $input) { __typename ... on MutationUpdatePromotionSuccess { data { promotion { id } } } ... on Error { message } ... on InvalidInputError { path } }
  }
`);

type Input = Record<string, unknown>;

/** Sections of the form, by CreatePromotionInput's field names; fields the API adds later land in "More". */
const SECTIONS: { title: string; fields: string[] }[] = [
  { title: 'About', fields: ['name', 'description', 'status', 'currency', 'priority'] },
  { title: 'Targeting', fields: ['includeSegments', 'excludeSegments'] },
  { title: 'Cart rule', fields: ['cartRule'] },
  { title: 'Effects', fields: ['effects'] },
  { title: 'Stacking', fields: ['exclusive', 'percentOfDiscounted', 'combinesWithVouchers', 'maxDiscountPerOrder', 'requiresVoucher'] },
  { title: 'Limits and budget', fields: ['usageLimit', 'usageLimitPerCustomer', 'periodicLimits', 'budget'] },
  { title: 'Schedule', fields: ['startsAt', 'endsAt', 'schedule'] },
];

/** Drops nulls and __typename, so what the API answered can be sent back as input. */
function asInput(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asInput);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key, entry]) => key !== '__typename' && entry !== null && entry !== undefined)
        .map(([key, entry]) => [key, asInput(entry)]),
    );
  }
  return value;
}

type Loaded = Extract<NonNullable<PromotionEditorQuery['node']>, { __typename: 'Promotion' }>;

function inputOf(promotion: Loaded): Input {
  const {
    __typename: _type,
    id: _id,
    redemptionCount: _count,
    effectDescriptions: _effects,
    cartRuleDescription: _rule,
    storedEffects,
    cartRule,
    includeSegments,
    excludeSegments,
    maxDiscountPerOrder,
    budget,
    ...rest
  } = promotion;
  return asInput({
    ...rest,
    includeSegments: includeSegments.map((segment) => segment.id),
    excludeSegments: excludeSegments.map((segment) => segment.id),
    ...(cartRule ? { cartRule: ruleInputOf(cartRule) } : {}),
    effects: storedEffects.map((effect) => ({ [effect.type as string]: effect.params })),
    maxDiscountPerOrder: maxDiscountPerOrder?.amount,
    budget: budget?.amount,
  }) as Input;
}

export function PromotionEditorPage({ id }: { id?: string }) {
  const promotion = useQuery({ queryKey: ['promotion', id], queryFn: () => request(PromotionDocument, { id: id as string }), enabled: id !== undefined });
  const types = useInputTypes();
  if (types.error || promotion.error) return <ErrorNotice error={types.error ?? promotion.error} />;
  if (!types.data || (id && !promotion.data)) return <Loading />;
  const node = promotion.data?.node;
  const saved = node?.__typename === 'Promotion' ? node : undefined;
  if (id && !saved) return <ErrorNotice error={new Error('No such promotion')} />;
  return <Editor key={id ?? 'new'} types={types.data} saved={saved} />;
}

function Editor({ types, saved }: { types: InputTypes; saved?: Loaded }) {
  const [, navigate] = useLocation();
  const queries = useQueryClient();
  const original = saved ? inputOf(saved) : null;
  const [input, setInput] = useState<Input>(() => original ?? { name: '', currency: 'USD', status: 'DRAFT', effects: [{ percentageOff: { percent: 10 } }] });
  // A cart rule being typed as text that does not read yet: saving waits for it.
  const [cartRuleProblem, setCartRuleProblem] = useState<string | null>(null);
  const set = (field: string, value: unknown) =>
    setInput((current) => {
      const next = { ...current };
      if (value === undefined) delete next[field];
      else next[field] = value;
      return next;
    });
  const save = useMutation({
    mutationFn: async () => {
      if (!saved || !original) return succeeded((await request(CreateDocument, { input: input as never })).createPromotion).promotion.id;
      // Fields left out of an update keep their values: a field cleared in the form is sent as null.
      const cleared = Object.fromEntries(
        Object.keys(original)
          .filter((field) => !(field in input))
          .map((field) => [field, null]),
      );
      succeeded((await request(UpdateDocument, { input: { ...cleared, ...input, id: saved.id } as never })).updatePromotion);
      return saved.id;
    },
    onSuccess: async (id) => {
      await queries.invalidateQueries();
      if (!saved) navigate(`/promotions/${encodeURIComponent(id)}`);
    },
  });
  const fields = types.fields('CreatePromotionInput');
  const placed = new Set(SECTIONS.flatMap((section) => section.fields));
  const sections = [...SECTIONS, { title: 'More', fields: fields.map((field) => field.name).filter((name) => !placed.has(name)) }].filter(
    (section) => section.fields.length > 0,
  );
  const currency = typeof input.currency === 'string' && input.currency.length === 3 ? input.currency : 'USD';

  const control = (name: string) => {
    const field = fields.find((candidate) => candidate.name === name);
    if (!field) return null;
    if (name === 'includeSegments' || name === 'excludeSegments') {
      return (
        <SegmentPicker
          key={name}
          label={name === 'includeSegments' ? 'Customers in any of these segments (none: everyone)' : 'Never customers in these segments'}
          selected={(input[name] as string[] | undefined) ?? []}
          onChange={(ids) => set(name, ids)}
        />
      );
    }
    if (name === 'cartRule') {
      const rule = input.cartRule as RuleInput | undefined;
      return (
        <div key={name}>
          <label className="inline">
            <input
              type="checkbox"
              checked={rule !== undefined}
              onChange={(event) => set('cartRule', event.target.checked ? { and: [{ condition: {} }] } : undefined)}
            />
            Only for carts that meet a rule
          </label>
          <p className="help">{field.description}</p>
          {rule ? (
            <RuleEditor label="How to edit the cart rule" types={types} rule={rule} onChange={(next) => set('cartRule', next)} onProblem={setCartRuleProblem} />
          ) : null}
        </div>
      );
    }
    return (
      <ValueEditor
        key={name}
        types={types}
        type={field.type}
        value={input[name]}
        onChange={(value) => set(name, value)}
        label={humanize(name)}
        description={field.description}
        path={`promotion.${name}`}
      />
    );
  };

  const messages = ((input.effects as Input[] | undefined) ?? []).flatMap((effect) =>
    effect.message && typeof (effect.message as Input).text === 'string' ? [(effect.message as Input).text as string] : [],
  );

  return (
    <Page
      title={saved ? saved.name : 'New promotion'}
      actions={
        <button type="submit" form="promotion-form" className="primary" disabled={save.isPending || cartRuleProblem !== null}>
          {save.isPending ? 'Saving…' : saved ? 'Save changes' : 'Create promotion'}
        </button>
      }
    >
      <ErrorNotice error={save.error} />
      {save.isSuccess ? (
        <p className="notice good" role="status">
          Saved.
        </p>
      ) : null}
      {saved ? (
        <p className="muted">
          Gives: {saved.effectDescriptions.join('; ')}
          {saved.cartRuleDescription ? `, when the cart ${saved.cartRuleDescription}` : ''}.
        </p>
      ) : null}
      <form
        id="promotion-form"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        {sections.map((section) => (
          <Section key={section.title} title={section.title}>
            <div className={section.title === 'About' || section.title === 'Stacking' || section.title === 'Limits and budget' ? 'form-grid' : undefined}>
              {section.fields.map(control)}
            </div>
            {section.title === 'Effects' && messages.length > 0 ? (
              <div className="notice">
                <p>
                  <strong>Messages as a shopper sees them</strong> (when {'{missing}'} is, for example, {formatMoney(1850, currency)}):
                </p>
                <ul>
                  {messages.map((text, index) => (
                    <li key={index} data-testid="message-preview">
                      {text.replaceAll('{missing}', formatMoney(1850, currency))}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </Section>
        ))}
      </form>
      {saved ? (
        <>
          <VoucherCodes promotionId={saved.id} name={saved.name} />
          <PromotionReport promotionId={saved.id} name={saved.name} />
        </>
      ) : null}
    </Page>
  );
}
