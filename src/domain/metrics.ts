// Domain services count what they do through this facade; the implementation is src/metrics/.
export { Metrics } from '../metrics/metrics.js'
