// The RFM grid: which group each combination of scores falls in. Shop configuration, given
// compactly as groups of cells, checked so that every combination is in exactly one group, and
// expanded to one entry per (R, F, M) combination for the stored thresholds
// (src/rfm/refresh.ts), which the SDK's RFM scoring reads (for the rfm conditions and the
// lifecycle analytics). docs/lifecycle-segments.md explains both presets and where they come from.
import { PROSPECTS } from '@cohort/plugin-sdk';
import { z } from 'zod';

/** R_F_M: a cell names R, F and M ("534"). R_FM: R and FM = (F + M) / 2 rounded half up ("53"), as Shopify's groups read scores. */
export type RfmAxes = 'R_F_M' | 'R_FM';

export interface RfmGroupCells {
  name: string;
  description?: string | null;
  /** Each a digit or a range "[a-b]" per axis: "5[4-5]" is R 5 with FM 4 or 5. */
  cells: string[];
}

export interface RfmGrid {
  /** Scores run from 1 to this: 5 (quintiles) or 3 (tertiles). */
  scale: number;
  axes: RfmAxes;
  groups: RfmGroupCells[];
}

export type RfmGridPreset = 'SHOPIFY' | 'KLAVIYO';

/**
 * The default: the ten-group R × FM grid of the open-source RFM notebooks (the `seg_map` of
 * regular expressions over R and F scores, 1 to 5, that Python RFM tutorials copy), read with
 * Shopify's FM = (F + M) / 2 on its second axis, its groups named as Shopify names them.
 */
const SHOPIFY: RfmGrid = {
  scale: 5,
  axes: 'R_FM',
  groups: [
    { name: 'CHAMPIONS', description: 'Very recent purchases, many orders, the most spend.', cells: ['5[4-5]'] },
    { name: 'LOYAL', description: 'Recent purchases, many orders, the most spend.', cells: ['[3-4][4-5]'] },
    { name: 'ACTIVE', description: 'Recent purchases, some orders, moderate spend ("potential loyalists").', cells: ['[4-5][2-3]'] },
    { name: 'NEW', description: 'Very recent purchases, few orders, low spend.', cells: ['51'] },
    { name: 'PROMISING', description: 'Recent purchases, few orders, low spend.', cells: ['41'] },
    { name: 'NEEDS_ATTENTION', description: 'Purchases a while ago, some orders, moderate spend.', cells: ['33'] },
    { name: 'ALMOST_LOST', description: 'No recent purchases, fewer orders, lower spend ("about to sleep").', cells: ['3[1-2]'] },
    { name: 'AT_RISK', description: 'No recent purchases, strong history.', cells: ['[1-2][3-4]'] },
    { name: 'PREVIOUSLY_LOYAL', description: 'No recent purchases, very strong history ("can\'t lose them").', cells: ['[1-2]5'] },
    { name: 'DORMANT', description: 'No recent orders, infrequent, low spend ("hibernating").', cells: ['[1-2][1-2]'] },
  ],
};

/** Klaviyo's six groups over scores 1 to 3, with its exact 27-combination mapping (R, F, M). */
const KLAVIYO: RfmGrid = {
  scale: 3,
  axes: 'R_F_M',
  groups: [
    { name: 'CHAMPIONS', description: 'Ordered recently, often, and spent the most.', cells: ['333', '332', '323'] },
    { name: 'LOYAL', description: 'Order regularly and spend well.', cells: ['321', '322', '331', '232', '233'] },
    { name: 'RECENT', description: 'Ordered recently, not yet often.', cells: ['311', '312', '313', '222', '223'] },
    { name: 'NEEDS_ATTENTION', description: 'Were good customers; recency is slipping.', cells: ['213', '221', '123', '132', '133'] },
    { name: 'AT_RISK', description: 'Have not ordered for a while.', cells: ['231', '212', '122', '131', '211'] },
    { name: 'INACTIVE', description: 'Ordered long ago, rarely, for little.', cells: ['111', '112', '113', '121'] },
  ],
};

export const RFM_PRESETS: Record<RfmGridPreset, RfmGrid> = { SHOPIFY, KLAVIYO };
export const DEFAULT_RFM_GRID = SHOPIFY;

/** FM for scores F and M: (F + M) / 2 rounded half up. */
export const fmOf = (frequency: number, monetary: number) => Math.floor((frequency + monetary + 1) / 2);

const axisCount = (axes: RfmAxes) => (axes === 'R_F_M' ? 3 : 2);

/** The (1-based) scores a cell names on each axis, or a reason it names none. */
function cellScores(cell: string, axes: RfmAxes, scale: number): number[][] | string {
  const parts = cell.match(/\[\d-\d\]|\d/g) ?? [];
  if (parts.join('') !== cell || parts.length !== axisCount(axes)) {
    return `must name ${axes === 'R_F_M' ? 'R, F and M' : 'R and FM'}, each a digit or a range like [4-5] (e.g. "${axes === 'R_F_M' ? '5[4-5]3' : '5[4-5]'}")`;
  }
  const sets: number[][] = [];
  for (const part of parts) {
    const [low, high] = part.length === 1 ? [Number(part), Number(part)] : [Number(part[1]), Number(part[3])];
    if (low < 1 || high > scale || low > high) return `"${part}" is not a score or range of scores from 1 to ${scale}`;
    sets.push(Array.from({ length: high - low + 1 }, (_, index) => low + index));
  }
  return sets;
}

/** Every combination of scores the cell covers, as axis keys ("53" for R_FM, "534" for R_F_M). */
function cellKeys(sets: number[][]): string[] {
  return sets.reduce<string[]>((keys, set) => keys.flatMap((key) => set.map((score) => `${key}${score}`)), ['']);
}

const groupNameSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{0,39}$/, 'must be capitals, digits and underscores, starting with a letter (at most 40), e.g. AT_RISK')
  .refine((name) => name !== PROSPECTS, `is kept for customers without orders, whom no cell holds`);

/** An admin's grid, checked: every combination of scores in exactly one group. */
export const rfmGridSchema = z
  .object({
    scale: z.union([z.literal(3), z.literal(5)], { error: 'must be 3 (tertiles) or 5 (quintiles)' }),
    axes: z.enum(['R_F_M', 'R_FM']),
    groups: z
      .array(
        z.object({
          name: groupNameSchema,
          description: z.string().max(500, 'must be at most 500 characters').nullish(),
          cells: z.array(z.string().max(40, 'must be at most 40 characters')).min(1, 'give at least one cell').max(125, 'give at most 125 cells'),
        }),
      )
      .min(1, 'give at least one group')
      .max(50, 'give at most 50 groups'),
  })
  .superRefine((grid, context) => {
    const owner = new Map<string, string>();
    const names = new Set<string>();
    let unreadable = false;
    grid.groups.forEach((group, groupIndex) => {
      if (names.has(group.name)) context.addIssue({ code: 'custom', path: ['groups', groupIndex, 'name'], message: `"${group.name}" names two groups` });
      names.add(group.name);
      group.cells.forEach((cell, cellIndex) => {
        const path = ['groups', groupIndex, 'cells', cellIndex];
        const sets = cellScores(cell, grid.axes, grid.scale);
        if (typeof sets === 'string') {
          unreadable = true;
          return context.addIssue({ code: 'custom', path, message: sets });
        }
        for (const key of cellKeys(sets)) {
          const other = owner.get(key);
          if (other !== undefined)
            return context.addIssue({
              code: 'custom',
              path,
              message: `covers ${describeKey(key, grid.axes)}, which ${other === group.name ? 'another of its cells' : other} already covers`,
            });
          owner.set(key, group.name);
        }
      });
    });
    const missing = cellKeys(Array.from({ length: axisCount(grid.axes) }, () => Array.from({ length: grid.scale }, (_, index) => index + 1))).filter(
      (key) => !owner.has(key),
    );
    // A cell that could not be read leaves gaps of its own: they are not news.
    if (missing.length > 0 && !unreadable) {
      context.addIssue({
        code: 'custom',
        path: ['groups'],
        message: `every combination of scores needs a group; none has ${missing
          .slice(0, 10)
          .map((key) => describeKey(key, grid.axes))
          .join(', ')}${missing.length > 10 ? ` and ${missing.length - 10} more` : ''}`,
      });
    }
  });

const describeKey = (key: string, axes: RfmAxes) => (axes === 'R_F_M' ? `R ${key[0]} F ${key[1]} M ${key[2]}` : `R ${key[0]} FM ${key[1]}`);

/** The group of every (R, F, M) combination of a valid grid, keyed "RFM". */
export function gridCells(grid: RfmGrid): Record<string, string> {
  const byAxisKey = new Map<string, string>();
  for (const group of grid.groups) {
    for (const cell of group.cells) {
      const sets = cellScores(cell, grid.axes, grid.scale);
      if (typeof sets === 'string') throw new Error(`invalid RFM grid cell "${cell}": ${sets}`);
      for (const key of cellKeys(sets)) byAxisKey.set(key, group.name);
    }
  }
  const cells: Record<string, string> = {};
  for (let recency = 1; recency <= grid.scale; recency += 1) {
    for (let frequency = 1; frequency <= grid.scale; frequency += 1) {
      for (let monetary = 1; monetary <= grid.scale; monetary += 1) {
        const key = grid.axes === 'R_F_M' ? `${recency}${frequency}${monetary}` : `${recency}${fmOf(frequency, monetary)}`;
        const group = byAxisKey.get(key);
        if (group === undefined) throw new Error(`RFM grid has no group for ${describeKey(key, grid.axes)}`);
        cells[`${recency}${frequency}${monetary}`] = group;
      }
    }
  }
  return cells;
}

/** The shop's grid as stored (null: the default). A stored grid that no longer parses falls back to the default, with a warning from the caller. */
export function storedGrid(value: unknown): { grid: RfmGrid; isDefault: boolean; invalid: boolean } {
  if (value === null || value === undefined) return { grid: DEFAULT_RFM_GRID, isDefault: true, invalid: false };
  const parsed = rfmGridSchema.safeParse(value);
  return parsed.success ? { grid: parsed.data, isDefault: false, invalid: false } : { grid: DEFAULT_RFM_GRID, isDefault: true, invalid: true };
}
