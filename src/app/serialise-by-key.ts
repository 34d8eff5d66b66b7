import type { Store } from '../store/connect.ts'

/** Runs a task after every earlier task with the same key has settled. */
export type KeyedSerialiser = <T>(key: string, task: () => Promise<T>) => Promise<T>

/**
 * One queue per key, none between keys: two texts from the same customer to the same number
 * are threaded one after the other (so they cannot open two conversations), while other
 * customers' texts go ahead. A key's queue is dropped once it empties, so memory follows the
 * number of busy threads, not every thread ever seen. In one process only: across servers on
 * one PostgreSQL database, a unique index keeps a thread to one waiting conversation (see
 * openOrContinueConversations).
 * @example const serialise = createKeyedSerialiser(); await serialise('+1250…|+1250…', () => work())
 */
export function createKeyedSerialiser(): KeyedSerialiser {
  const tails = new Map<string, Promise<unknown>>()
  return <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const previous = tails.get(key) ?? Promise.resolve()
    const run = previous.then(() => task())
    const tail = run.then(
      () => undefined,
      () => undefined,
    )
    tails.set(key, tail)
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key)
    })
    return run
  }
}

const byStore = new WeakMap<Store, KeyedSerialiser>()

/**
 * The serialiser every change to a conversation thread goes through, one per store (so tests
 * with several stores do not wait on each other).
 */
export function threadSerialiser(store: Store): KeyedSerialiser {
  let serialiser = byStore.get(store)
  if (serialiser === undefined) {
    serialiser = createKeyedSerialiser()
    byStore.set(store, serialiser)
  }
  return serialiser
}

/** A conversation thread: the customer's number and ours. */
export const threadKey = (customerNumber: string, ourNumber: string): string =>
  `${customerNumber}|${ourNumber}`

/**
 * Takes the turn of every key at once and keeps them until the returned function is called: a
 * batch of texts is threaded as one piece of work, while a CRM write or an opt-out on any of its
 * threads waits. Keys must be distinct; only one caller may hold several keys at a time (the
 * inbound worker), so two holders can never wait on each other.
 * @example const release = await holdKeys(serialise, ['a|b', 'c|d']); try { … } finally { release() }
 */
export async function holdKeys(
  serialise: KeyedSerialiser,
  keys: readonly string[],
): Promise<() => void> {
  let release: () => void = () => undefined
  const released = new Promise<void>((resolve) => (release = resolve))
  await Promise.all(
    keys.map(
      (key) =>
        new Promise<void>((taken) => {
          void serialise(key, () => {
            taken()
            return released
          })
        }),
    ),
  )
  return release
}
