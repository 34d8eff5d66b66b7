export type StoreErrorCode =
  | 'database_unreachable'
  | 'database_locked'
  | 'database_unwritable'
  | 'migration_failed'
  | 'migrations_pending'

/** A store failure an operator can act on; `message` names the database, never its password. */
export class StoreError extends Error {
  override readonly name = 'StoreError'

  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options)
  }
}

/**
 * Shows a database URL without its password, for messages and logs.
 * @example redactUrl('postgres://app:secret@db:5432/parley') // 'postgres://app:***@db:5432/parley'
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return '(unparseable database URL)'
  }
}
