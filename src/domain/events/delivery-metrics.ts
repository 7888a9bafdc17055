import type { Metrics } from '../metrics.js'
import type { DeliveryObserver } from './delivery-worker.js'

/** Counts delivery outcomes in /metrics, per kind of endpoint (webhook, ssf_stream). */
export function deliveryObserver(metrics: Metrics): DeliveryObserver {
  metrics.define(
    'tessera_event_deliveries_total',
    'Webhook and Shared Signals delivery attempts by endpoint kind and outcome (delivered, retrying, failed, discarded).',
  )
  return {
    attempted(endpoint, outcome) {
      metrics.inc('tessera_event_deliveries_total', { endpoint, outcome })
    },
    delivered() {},
  }
}
