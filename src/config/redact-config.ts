import type { Config } from './schema.ts'

/**
 * The effective configuration as plain data for `parley doctor`, with every
 * secret value and the database password replaced.
 * @example redactConfig(config).databaseUrl // 'postgres://parley:***@db/parley'
 */
export function redactConfig(config: Config): Record<string, unknown> {
  const secrets = Object.fromEntries(
    Object.keys(config.secrets).map((name) => [name, '[REDACTED]']),
  )
  let databaseUrl: string | undefined
  if (config.databaseUrl) {
    try {
      const url = new URL(config.databaseUrl)
      if (url.password) url.password = '***'
      databaseUrl = url.toString()
    } catch {
      databaseUrl = '[unparseable]'
    }
  }
  return { ...structuredClone(config), databaseUrl, secrets }
}

/** Secret values, for the logger to scrub wherever they might appear. */
export function secretValues(config: Config): string[] {
  return Object.values(config.secrets)
}
