// `explainEligibility` (admin): the answer to "why didn't my discount apply?", down to the
// condition of the rule tree that failed, for every live promotion and a given shopper and cart.
import type { Promotion } from '../generated/prisma/client.js';
import type { SchemaParts } from '../schema/builder.js';
import { explainRuleTree, type RuleExplanation, type RuleNode } from '../rules/rule-tree.js';
import { getShopContext } from '../settings/shop-context.js';
import { InvalidInputError, NotFoundError } from '../shared/errors.js';
import { prisma } from '../db/client.js';
import { eligibilityOf } from './checkout.js';
import type { NotAppliedReason } from './decide.js';
import { PromotionNode } from '../promotions/promotion.graphql.js';
import { EligibilityInput } from './eligible-promotions.graphql.js';

export function registerExplainTypes({ builder, registry }: SchemaParts) {
  const RuleKind = builder.enumType('RuleKind', { values: ['AND', 'OR', 'NOT', 'CONDITION'] as const });

  const RuleExplanationRef = builder.objectRef<RuleExplanation>('RuleExplanation');
  RuleExplanationRef.implement({
    description: 'One node of a rule tree, in words, and whether it was met.',
    fields: (t) => ({
      kind: t.field({ type: RuleKind, resolve: (node) => node.kind }),
      description: t.exposeString('description'),
      met: t.exposeBoolean('met'),
      // A rule tree has at most 200 nodes whatever its depth, so asking for more levels costs what
      // the nodes cost: not the tenfold per level of an ordinary list (an admin UI asks for the whole tree).
      children: t.field({ type: [RuleExplanationRef], complexity: { field: 1, multiplier: 1 }, resolve: (node) => node.children }),
    }),
  });

  interface SegmentExplanation {
    segmentId: string;
    targeting: 'INCLUDE' | 'EXCLUDE';
    member: boolean;
    rule: RuleExplanation | null;
  }

  const SegmentExplanationRef = builder.objectRef<SegmentExplanation>('SegmentExplanation').implement({
    fields: (t) => ({
      segment: t.prismaField({ type: 'Segment', resolve: (query, entry) => prisma.segment.findUniqueOrThrow({ ...query, where: { id: entry.segmentId } }) }),
      targeting: t.exposeString('targeting', { description: 'INCLUDE or EXCLUDE.' }),
      member: t.exposeBoolean('member'),
      rule: t.field({
        type: RuleExplanationRef,
        nullable: true,
        description: 'Null for a static segment (membership is its list).',
        resolve: (entry) => entry.rule,
      }),
    }),
  });

  interface PromotionExplanation {
    promotion: Promotion;
    applied: boolean;
    reason: NotAppliedReason | null;
    segments: SegmentExplanation[];
    cartRule: RuleExplanation | null;
  }

  const PromotionExplanationRef = builder.objectRef<PromotionExplanation>('PromotionExplanation').implement({
    fields: (t) => ({
      promotion: t.field({ type: PromotionNode, resolve: (entry) => entry.promotion }),
      applied: t.exposeBoolean('applied'),
      reason: t.exposeString('reason', {
        nullable: true,
        description:
          "The NotAppliedReason, when it did not apply: HELD_OUT when the customer is in the held-out arm of the promotion's running experiment and it would apply.",
      }),
      segments: t.field({ type: [SegmentExplanationRef], resolve: (entry) => entry.segments }),
      cartRule: t.field({ type: RuleExplanationRef, nullable: true, resolve: (entry) => entry.cartRule }),
    }),
  });

  builder.queryField('explainEligibility', (t) =>
    t.field({
      type: [PromotionExplanationRef],
      description: 'For support and admins: for each live promotion, whether it applies to this shopper and cart and why not, down to the failing condition.',
      authScopes: { admin: true },
      complexity: 2_000,
      errors: { types: [NotFoundError, InvalidInputError] },
      args: { input: t.arg({ type: EligibilityInput }) },
      resolve: async (_root, { input }, context) => {
        // An explanation exposes nobody: a customer not yet in a running experiment is placed by the hash, and nothing is stored.
        const { customerId, cart, eligibility } = await eligibilityOf(input, context, { expose: false });
        const now = context.clock.now();
        const [catalogue, shop] = await Promise.all([context.promotions.load(now), getShopContext(now)]);
        const definitions = catalogue.allFacts;
        const values = await Promise.all(definitions.map((fact) => (customerId === null ? fact.empty : context.loadFact(fact, customerId))));
        const facts = Object.fromEntries(definitions.map((fact, index) => [fact.name, values[index]]));
        const evaluation = { now, shop, cart };
        const memberOf = new Set(eligibility.segmentIds);
        const reasons = new Map([...eligibility.notApplied, ...eligibility.heldOut].map((entry) => [entry.promotion.id, entry.reason]));
        return catalogue.promotions.map((promotion) => ({
          promotion: promotion.record,
          applied: eligibility.applied.some((entry) => entry.promotion.id === promotion.id),
          reason: reasons.get(promotion.id) ?? null,
          segments: [
            ...promotion.includeSegmentIds.map((id) => ({ id, targeting: 'INCLUDE' as const })),
            ...promotion.excludeSegmentIds.map((id) => ({ id, targeting: 'EXCLUDE' as const })),
          ].map(({ id, targeting }) => {
            const segment = catalogue.segments.get(id);
            return {
              segmentId: id,
              targeting,
              member: memberOf.has(id),
              rule: segment && segment.kind === 'DYNAMIC' ? explainRuleTree(segment.rule, registry, facts, evaluation) : null,
            };
          }),
          cartRule: promotion.cartRule ? explainRuleTree(promotion.cartRule as RuleNode, registry, facts, evaluation) : null,
        }));
      },
    }),
  );
}
