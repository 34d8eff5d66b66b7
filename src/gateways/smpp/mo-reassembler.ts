import type { ConcatInfo } from './concatenation.ts'

export interface MoPart {
  from: string
  to: string
  text: string
  concat: ConcatInfo
}

export interface MoReassemblerOptions {
  /** How long to wait for missing parts before giving up on them. */
  timeoutMs: number
  /** Most incomplete messages kept at once; the oldest is flushed beyond that. */
  maxPending: number
  /**
   * Receives every finished message; `complete` is false when parts never came. What it
   * returns is handed back by the `add` that completed the message (the listener's verdict).
   */
  onMessage(message: { from: string; to: string; body: string; complete: boolean }): unknown
}

/** What `add` returns for the part that completed a message. */
export interface MoCompleted {
  /** onMessage's return value. */
  answered: unknown
  /**
   * Keeps the message's other parts waiting again (with a fresh timeout), for when it could not
   * be taken: the carrier offers the refused part again, and that completes it once more.
   */
  putBack(): void
}

interface Pending {
  parts: Map<number, string>
  total: number
  from: string
  to: string
  timer: NodeJS.Timeout
}

/**
 * Reassembles concatenated mobile-originated parts by (from, to, ref, total), in any arrival
 * order, ignoring duplicate parts. When parts are missing after `timeoutMs` (or the buffer is
 * full) the parts received are delivered anyway, in order: a customer's words are never dropped
 * because the network lost a fragment.
 * @example const mo = createMoReassembler({ timeoutMs: 60_000, maxPending: 1000, onMessage: emit })
 */
export function createMoReassembler(options: MoReassemblerOptions): {
  /** Files a part; returns the verdict when this part completed its message, else undefined. */
  add(part: MoPart): MoCompleted | undefined
  flushAll(): void
} {
  const pending = new Map<string, Pending>()

  function finish(key: string, complete: boolean): unknown {
    const entry = pending.get(key)
    if (entry === undefined) return undefined
    clearTimeout(entry.timer)
    pending.delete(key)
    const body = [...entry.parts.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, text]) => text)
      .join('')
    return options.onMessage({ from: entry.from, to: entry.to, body, complete })
  }

  function add(part: MoPart): MoCompleted | undefined {
    if (part.concat.total <= 1) {
      const answered = options.onMessage({
        from: part.from,
        to: part.to,
        body: part.text,
        complete: true,
      })
      return { answered, putBack: () => undefined }
    }
    const key = [part.from, part.to, part.concat.ref, part.concat.total].join('\u0000')
    let entry = pending.get(key)
    if (entry === undefined) {
      if (pending.size >= options.maxPending) {
        const oldest = pending.keys().next().value
        if (oldest !== undefined) finish(oldest, false)
      }
      const timer = setTimeout(() => finish(key, false), options.timeoutMs)
      entry = { parts: new Map(), total: part.concat.total, from: part.from, to: part.to, timer }
      pending.set(key, entry)
    }
    entry.parts.set(part.concat.seq, part.text)
    if (entry.parts.size < entry.total) return undefined
    const others = [...entry.parts].filter(([seq]) => seq !== part.concat.seq)
    const answered = finish(key, true)
    return {
      answered,
      putBack: () => {
        for (const [seq, text] of others) add({ ...part, text, concat: { ...part.concat, seq } })
      },
    }
  }

  return {
    add,
    flushAll() {
      for (const key of [...pending.keys()]) finish(key, false)
    },
  }
}
