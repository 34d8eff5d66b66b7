/**
 * Asked for a program or sender the configuration does not define. Ids come from the
 * configuration itself, so this is a bug in the caller; user input is checked before lookup.
 */
export class ConfigLookupError extends Error {
  override readonly name = 'ConfigLookupError'

  constructor(
    readonly code: 'unknown_program' | 'unknown_sender',
    message: string,
  ) {
    super(message)
  }
}
