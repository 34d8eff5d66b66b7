/**
 * Texts that must not be stored in clear (one-time codes), held in memory
 * until sent. The outbox row keeps a masked copy; if the process dies before
 * sending, the code is lost by design and the dispatcher fails the message
 * (`secret_lost`): the citizen asks for a new code.
 */
export interface SecretBodies {
  /** This process's id: its secret-holding texts are marked with it, and only it claims them. */
  readonly holder: string
  hold(messageId: string, body: string, expiresAt: number): void
  get(messageId: string, now: number): string | undefined
  forget(messageId: string): void
}

export function createSecretBodies(holder: string): SecretBodies {
  const bodies = new Map<string, { body: string; expiresAt: number }>()
  return {
    holder,
    hold: (messageId, body, expiresAt) => {
      bodies.set(messageId, { body, expiresAt })
    },
    get: (messageId, now) => {
      for (const [id, entry] of bodies) {
        if (entry.expiresAt < now) bodies.delete(id)
        else break // held in order of expiry, near enough: codes share one lifetime
      }
      return bodies.get(messageId)?.body
    },
    forget: (messageId) => {
      bodies.delete(messageId)
    },
  }
}
