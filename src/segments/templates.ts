// Built-in segments, as templates: the segments shops most often ask for (shop customer
// offers, Vouchery's customer segments), each a rule over the built-in conditions with the
// sentence it comes from. Creating one makes an ordinary, editable segment.
import type { RuleTree } from '@cohort/plugin-sdk';

export interface SegmentTemplate {
  /** Stable key: the value of the SegmentTemplateKey enum. */
  key: string;
  name: string;
  /** What the segment is, in the document's words. */
  description: string;
  /** The document it comes from. */
  source: string;
  /** The rule, in the shop's default currency where amounts need one. */
  rule(context: { currency: string }): RuleTree;
}

const SHOP_OFFERS = 'Common shop segments (customer offers)';
const VOUCHERY = "Vouchery's customer segments";
const GUIDE = 'RFM framework and retention spectrum (customer-centric segmentation)';

/** RFM groups of the default grid (src/rfm/grid.ts), in the shop currency. */
const rfmGroups = (currency: string, ...groups: string[]): RuleTree => ({ condition: { type: 'rfmGroup', params: { currency, groups } } });

/** Stages of the retention spectrum (plugins/retention). */
const retention = (...stages: ('ACTIVE' | 'DRIFTING' | 'CHURN_RISK' | 'LOST')[]): RuleTree => ({ condition: { type: 'retentionStage', params: { stages } } });

const orders = (count: { atLeast?: number; atMost?: number }): RuleTree => ({ condition: { type: 'orderCount', params: { count } } });

export const SEGMENT_TEMPLATES: readonly SegmentTemplate[] = [
  {
    key: 'DEACTIVATED_CUSTOMERS',
    name: 'Deactivated customers',
    description: 'Customers who have been deactivated by you.',
    source: SHOP_OFFERS,
    rule: () => ({ condition: { type: 'accountStatus', params: { anyOf: ['DEACTIVATED'] } } }),
  },
  {
    key: 'POTENTIAL_CUSTOMERS',
    name: 'Potential customers',
    description: 'Customers who have registered with your store, but have not placed an order.',
    source: SHOP_OFFERS,
    // Any order counts here, pending or cancelled included: such a customer has placed one.
    rule: () => ({ condition: { type: 'orderCount', params: { count: { atMost: 0 }, statuses: ['PENDING', 'VALIDATED', 'CANCELLED', 'REFUNDED'] } } }),
  },
  {
    key: 'FIRST_ORDER_RECENTLY',
    name: 'Customers who placed their 1st order recently',
    description: 'Customers who have placed a single validated order in the past month (the last 30 days).',
    source: SHOP_OFFERS,
    rule: () => ({ and: [orders({ atLeast: 1, atMost: 1 }), { condition: { type: 'firstOrder', params: { within: { lastDays: 30 } } } }] }),
  },
  {
    key: 'LOYAL_CUSTOMERS',
    name: 'Loyal customers',
    description: 'Customers who have placed at least two validated orders.',
    source: SHOP_OFFERS,
    rule: () => orders({ atLeast: 2 }),
  },
  {
    key: 'CUSTOMERS',
    name: 'Customers',
    description: 'All customers who have placed at least one validated order, with no date limit.',
    source: SHOP_OFFERS,
    rule: () => orders({ atLeast: 1 }),
  },
  {
    key: 'NEW_CONTACTS',
    name: 'New contacts',
    description: 'For a promotion related to the first customer order: registered in the last 30 days, no validated order yet.',
    source: VOUCHERY,
    rule: () => ({ and: [orders({ atMost: 0 }), { condition: { type: 'registered', params: { within: { lastDays: 30 } } } }] }),
  },
  {
    key: 'SUBSCRIBERS',
    name: 'Subscribers',
    description: "A person subscribed to a newsletter but hasn't purchased.",
    source: VOUCHERY,
    rule: () => ({ and: [{ condition: { type: 'newsletterSubscribed', params: { subscribed: true } } }, orders({ atMost: 0 })] }),
  },
  {
    key: 'RETURNING_CUSTOMERS',
    name: 'Returning customers',
    description: 'A customer with X orders: here at least 3 validated orders (edit the rule for another number).',
    source: VOUCHERY,
    rule: () => orders({ atLeast: 3 }),
  },
  {
    key: 'REFERRED_CUSTOMERS',
    name: 'Referred customers',
    description: 'Referred by an existing customer: the referral source "referral" (edit the rule for your sources).',
    source: VOUCHERY,
    rule: () => ({ condition: { type: 'referralSource', params: { anyOf: ['referral'] } } }),
  },
  {
    key: 'LOYALTY_MEMBERS',
    name: 'Loyalty members',
    description: 'Promotions dedicated to members only.',
    source: VOUCHERY,
    rule: () => ({ condition: { type: 'loyaltyMember', params: { member: true } } }),
  },
  {
    key: 'UNPROFITABLE_CUSTOMERS',
    name: 'Unprofitable customers',
    description: "Coupon use: customers who got more than 30% of their validated orders' value in discounts, in the shop currency.",
    source: VOUCHERY,
    rule: ({ currency }) => ({ condition: { type: 'discountShare', params: { percent: { moreThan: 30 }, currency } } }),
  },
  {
    key: 'COUPON_ABUSE_SUSPECTS',
    name: 'Coupon abuse suspects',
    description:
      'Coupon abuse score, from the full transaction history: customers who used a voucher code on more than 80% of at least 3 validated orders, or had 3 or more redemptions rolled back, in the past year.',
    source: VOUCHERY,
    rule: () => ({
      or: [
        { condition: { type: 'voucherUse', params: { codeOrders: { atLeast: 3 }, codeShare: { moreThan: 80 }, within: { lastDays: 365 } } } },
        { condition: { type: 'voucherUse', params: { rollbacks: { atLeast: 3 }, within: { lastDays: 365 } } } },
      ],
    }),
  },
  {
    key: 'WON_BACK_CUSTOMERS',
    name: 'Won back customers',
    description: 'Coming back after X period of time: ordered in the last 30 days after 180 days or more without ordering.',
    source: VOUCHERY,
    rule: () => ({ condition: { type: 'wonBack', params: { gapDays: 180, within: { lastDays: 30 } } } }),
  },
  {
    key: 'PROFITABLE_CUSTOMERS',
    name: 'Profitable customers',
    description:
      'Customer lifetime value: spent more than 50,000 minor units of the shop currency ($500.00 in dollars) over their lifetime, net of refunds (validated orders only).',
    source: VOUCHERY,
    rule: ({ currency }) => ({ condition: { type: 'amountSpent', params: { amount: { moreThan: { amount: 50_000, currency } } } } }),
  },
  {
    key: 'RFM_CHAMPIONS',
    name: 'Champions',
    description: 'These customers spend the most money, the most often (RFM group CHAMPIONS: recency 5, FM 4 or 5).',
    source: GUIDE,
    rule: ({ currency }) => rfmGroups(currency, 'CHAMPIONS'),
  },
  {
    key: 'RFM_LOYALISTS',
    name: 'Loyalists',
    description: 'Customers who purchase on a regular basis (RFM group LOYAL: recency 3 or 4, FM 4 or 5).',
    source: GUIDE,
    rule: ({ currency }) => rfmGroups(currency, 'LOYAL'),
  },
  {
    key: 'RFM_NEW_CUSTOMERS',
    name: 'New customers',
    description: 'New Customers have recently made their first purchase (RFM group NEW: recency 5, FM 1).',
    source: GUIDE,
    rule: ({ currency }) => rfmGroups(currency, 'NEW'),
  },
  {
    key: 'RFM_PROMISING',
    name: 'Promising customers',
    description: 'Promising customers have recently made another purchase (RFM group PROMISING: recency 4, FM 1).',
    source: GUIDE,
    rule: ({ currency }) => rfmGroups(currency, 'PROMISING'),
  },
  {
    key: 'RFM_LOW_VALUE',
    name: 'Low-value customers',
    description: 'Customers who spend relatively little and not very often (frequency and monetary scores at most 2).',
    source: GUIDE,
    rule: ({ currency }) => ({ condition: { type: 'rfmScore', params: { currency, frequency: { atMost: 2 }, monetary: { atMost: 2 } } } }),
  },
  {
    key: 'RFM_LOST',
    name: 'Lost customers',
    description:
      'Customers who used to be core customers or potential core customers, but no longer fit into those categories (recency 1 or 2: RFM groups AT_RISK, PREVIOUSLY_LOYAL and DORMANT).',
    source: GUIDE,
    rule: ({ currency }) => rfmGroups(currency, 'AT_RISK', 'PREVIOUSLY_LOYAL', 'DORMANT'),
  },
  {
    key: 'RETENTION_ACTIVE',
    name: 'Active customers',
    description:
      'Active. This is where you want to keep your core customers. (Ordered within the expected gap between orders: their own median interval, or the shop’s.)',
    source: GUIDE,
    rule: () => retention('ACTIVE'),
  },
  {
    key: 'RETENTION_DRIFTING',
    name: 'Drifting customers',
    description:
      'Drifting. These are customers who are still aware of your brand but are no longer actively engaging with it. (Between one and two expected gaps since their last order.)',
    source: GUIDE,
    rule: () => retention('DRIFTING'),
  },
  {
    key: 'RETENTION_CHURN_RISK',
    name: 'Churn-risk customers',
    description:
      'Churn-risk. At this point, it’s time to start introducing offers. These customers have been out of touch with your brand long enough to lose touch. (Between two and three expected gaps.)',
    source: GUIDE,
    rule: () => retention('CHURN_RISK'),
  },
  {
    key: 'RETENTION_LOST',
    name: 'Lost customers (retention)',
    description:
      'Lost. Customers who have not made a purchase in a while will need significant incentives. (Three expected gaps or more since their last order.)',
    source: GUIDE,
    rule: () => retention('LOST'),
  },
];
