// The periodic check of running experiments: when one first finds an effect (positive or
// negative) it sends `experiment.significant`, when one first finds a sample ratio mismatch
// `experiment.srm_detected`; each once per experiment, noted on it in the transaction that
// writes the event, so two processes checking at once send it once.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { prisma, queryIn } from '../db/client.js';
import type { Clock } from '../shared/clock.js';
import { repeat, type Repeating } from '../shared/repeat.js';
import { emitEvents, type WebhookEventType } from '../webhooks/outbox.js';
import { experimentResults, type ExperimentResults } from './results.js';

/** What one check sent, by experiment id. */
export type SentAlerts = { experimentId: string; type: WebhookEventType }[];

function payload(experimentId: string, promotion: { id: string; name: string }, results: ExperimentResults, at: Date) {
  const { analysis, verdict } = results;
  const net = analysis.metrics.netRevenue?.absolute;
  return {
    experiment: { id: encodeGlobalID('Experiment', experimentId) },
    promotion: { id: encodeGlobalID('Promotion', promotion.id), name: promotion.name },
    verdict: { kind: verdict.kind, sentence: verdict.sentence },
    exposed: { heldOut: analysis.exposed.control, treated: analysis.exposed.treatment },
    sampleRatioPValue: analysis.sampleRatio.pValue,
    netRevenuePerCustomer: net ? { estimate: net.estimate, low: net.interval[0], high: net.interval[1], currency: results.currency } : null,
    incrementalNetRevenue: analysis.incrementalNetRevenue
      ? {
          estimate: { amount: analysis.incrementalNetRevenue.estimate, currency: results.currency },
          low: { amount: analysis.incrementalNetRevenue.interval[0], currency: results.currency },
          high: { amount: analysis.incrementalNetRevenue.interval[1], currency: results.currency },
        }
      : null,
    at: at.toISOString(),
  };
}

/**
 * Checks every running experiment not yet alerted on, and sends what it finds. With
 * `notCheckedWithinMs`, each experiment is first claimed (its `checkedAt` moved, if no process
 * checked it within that time): every instance runs the timer, one of them does the work.
 */
export async function checkRunningExperiments(clock: Clock, { notCheckedWithinMs = 0 }: { notCheckedWithinMs?: number } = {}): Promise<SentAlerts> {
  const running = await prisma.experiment.findMany({
    where: { startedAt: { not: null }, stoppedAt: null, OR: [{ significantAt: null }, { srmDetectedAt: null }] },
    include: { promotion: { select: { id: true, name: true, currency: true } } },
  });
  const sent: SentAlerts = [];
  for (const experiment of running) {
    const now = clock.now();
    if (notCheckedWithinMs > 0) {
      const checkedBefore = new Date(now.getTime() - notCheckedWithinMs);
      const claimed = await prisma.experiment.updateMany({
        where: { id: experiment.id, OR: [{ checkedAt: null }, { checkedAt: { lte: checkedBefore } }] },
        data: { checkedAt: now },
      });
      if (claimed.count === 0) continue;
    }
    const results = await experimentResults(experiment, experiment.promotion.currency, now);
    const kind = results.verdict.kind;
    const type: WebhookEventType | null =
      kind === 'sample-ratio-mismatch' && experiment.srmDetectedAt === null
        ? 'experiment.srm_detected'
        : (kind === 'positive-effect' || kind === 'negative-effect') && experiment.significantAt === null
          ? 'experiment.significant'
          : null;
    if (type === null) continue;
    const column = type === 'experiment.srm_detected' ? 'srmDetectedAt' : 'significantAt';
    const wrote = await prisma.$transaction(async (tx) => {
      const noted = await tx.experiment.updateMany({ where: { id: experiment.id, [column]: null }, data: { [column]: now } });
      if (noted.count === 0) return false;
      await emitEvents(queryIn(tx), [{ type, at: now, data: payload(experiment.id, experiment.promotion, results, now) }]);
      return true;
    });
    if (wrote) sent.push({ experimentId: experiment.id, type });
  }
  return sent;
}

/** How often main.ts checks: a result is news within the quarter hour; a check is two statements per running experiment. */
export const EXPERIMENT_CHECK_MINUTES = 15;

/** The check at start, then every `everyMinutes` (main.ts). */
export function scheduleExperimentChecks(everyMinutes: number, clock: Clock): Repeating {
  return repeat('check the running experiments', everyMinutes * 60_000, async () => {
    // Claimed for most of a period, so that the instance whose timer comes round first does each check.
    await checkRunningExperiments(clock, { notCheckedWithinMs: everyMinutes * 60_000 * 0.9 });
  });
}
