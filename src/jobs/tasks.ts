// Cohort's background tasks, by job name (jobs.ts says where they run).
import { MEMBERSHIP_DUE, MEMBERSHIP_SCHEDULE, type MembershipTracker } from '../segments/tracking.js';
import type { Clock } from '../shared/clock.js';
import { deliverWebhook, type DeliveryOptions } from '../webhooks/delivery.js';
import { WEBHOOK_DELIVER } from '../webhooks/outbox.js';
import type { TaskHandlers } from './options.js';

/** `webhooks`: how deliveries are made (main.ts: from the configured settings, webhooks/delivery.ts `deliveryOptions`). */
export function cohortTasks(tracker: MembershipTracker, clock: Clock, webhooks: DeliveryOptions): TaskHandlers {
  return {
    [MEMBERSHIP_DUE]: async (payload) => {
      const customerId = String(payload.customerId);
      // Time: with the other customers due by now (trackDue). A job naming its cause runs alone: a write's promise (INGESTION:
      // its tracking could not run at once), or the retry of a tracking that failed.
      if (payload.cause === undefined) await tracker.trackDue(customerId);
      else await tracker.trackCustomers([customerId], payload.cause === 'INGESTION' ? 'INGESTION' : 'TIME');
    },
    // After a segment's rule changed: every customer's due times under it, then the segment marked recorded (admin reads may use the record).
    [MEMBERSHIP_SCHEDULE]: async () => void (await tracker.scheduleDueTimes()),
    [WEBHOOK_DELIVER]: (payload) => deliverWebhook(String(payload.deliveryId), payload.manual === true, clock, webhooks),
  };
}
