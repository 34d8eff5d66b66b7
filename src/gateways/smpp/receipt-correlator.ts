import { carrierIdKeys, type IdBase } from './normalise-carrier-id.ts'

export interface ReceiptCorrelator {
  /** Files an id returned in submit_sm_resp. */
  remember(submittedId: string): void
  /** The submitted id a receipt's id refers to, or undefined when none matches. */
  match(receiptId: string): string | undefined
  /** Forgets a submitted id (after its final receipt). */
  forget(submittedId: string): void
  readonly size: number
}

/**
 * Matches receipt ids to submitted ids although the SMSC may write them in another base or
 * padded (REFERENCE.md, SMPP). Bounded: beyond `maxIds` the oldest ids are forgotten.
 * @example const ids = createReceiptCorrelator({ submitIdBase: 'hex', receiptIdBase: 'decimal', maxIds: 100_000 })
 */
export function createReceiptCorrelator(options: {
  submitIdBase: IdBase
  receiptIdBase: IdBase
  maxIds: number
}): ReceiptCorrelator {
  // Insertion order = age, so the first entry is always the oldest.
  const submitted = new Map<string, string[]>()
  const byKey = new Map<string, string>()

  function forget(id: string): void {
    for (const key of submitted.get(id) ?? []) if (byKey.get(key) === id) byKey.delete(key)
    submitted.delete(id)
  }

  return {
    remember(id) {
      forget(id)
      const keys = carrierIdKeys(id, options.submitIdBase)
      submitted.set(id, keys)
      for (const key of keys) byKey.set(key, id)
      while (submitted.size > options.maxIds) {
        const oldest = submitted.keys().next().value
        if (oldest === undefined) break
        forget(oldest)
      }
    },
    match(receiptId) {
      for (const key of carrierIdKeys(receiptId, options.receiptIdBase)) {
        const id = byKey.get(key)
        if (id !== undefined) return id
      }
      return undefined
    },
    forget,
    get size() {
      return submitted.size
    },
  }
}
