// What a promotion gives. Each effect kind has a zod schema for its stored form and a
// function computing its amount on a cart; amounts are integer minor units.
import { z } from 'zod';
import { amountSchema } from '../shared/money.js';

/** Percentages are stored as basis points (10% = 1000) so no float ever touches money. */
export const percentToBasisPoints = z
  .number()
  .gt(0, 'must be more than 0')
  .lte(100, 'must be at most 100')
  .refine((percent) => Number.isInteger(Math.round(percent * 100)) && Math.abs(percent * 100 - Math.round(percent * 100)) < 1e-9, 'may have at most two decimals')
  .transform((percent) => Math.round(percent * 100));

export const effectSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('percentageOff'), basisPoints: z.number().int().min(1).max(10_000) }),
  z.object({ type: z.literal('amountOff'), amount: amountSchema.min(1, 'must be more than 0') }),
]);

export type Effect = z.infer<typeof effectSchema>;

/** Rounds amount × basisPoints / 10000 half up, in integers. */
export function percentageOf(amount: number, basisPoints: number): number {
  return Math.floor((amount * basisPoints + 5_000) / 10_000);
}

/** The discount one effect gives on what remains of the cart, never more than that. */
export function effectAmount(effect: Effect, remaining: number): number {
  switch (effect.type) {
    case 'percentageOff':
      return Math.min(remaining, percentageOf(remaining, effect.basisPoints));
    case 'amountOff':
      return Math.min(remaining, effect.amount);
  }
}

export function describeEffect(effect: Effect, formatAmount: (amount: number) => string): string {
  switch (effect.type) {
    case 'percentageOff':
      return `${effect.basisPoints / 100}% off the order`;
    case 'amountOff':
      return `${formatAmount(effect.amount)} off the order`;
  }
}
