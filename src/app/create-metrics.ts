import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

export interface Metrics {
  readonly registry: Registry
  readonly httpRequests: Histogram<'method' | 'route' | 'status'>
  readonly errors: Counter<'code'>
}

/**
 * One registry per running app (never prom-client's global one), with Node's
 * default process metrics and Parley's own.
 * @example const metrics = createMetrics(); await metrics.registry.metrics()
 */
export function createMetrics(): Metrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'parley_' })
  return {
    registry,
    httpRequests: new Histogram({
      name: 'parley_http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    errors: new Counter({
      name: 'parley_errors_total',
      help: 'Errors answered to clients, by stable error code',
      labelNames: ['code'],
      registers: [registry],
    }),
  }
}
