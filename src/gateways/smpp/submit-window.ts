/** Gives back a slot taken with `acquire`; calling it twice is harmless. */
export type ReleaseSlot = () => void

export interface SubmitWindow {
  /** Waits for a free slot, first come first served. Rejects if `rejectWaiting` is called. */
  acquire(): Promise<ReleaseSlot>
  /** Hands out no slot for `ms` (a throttled bind backs off as a whole); extends a running pause. */
  pause(ms: number): void
  /** Fails every waiter, e.g. when the bind is lost. Slots already taken stay taken. */
  rejectWaiting(error: Error): void
  /** Cancels the pause timer (on stop). */
  close(): void
  readonly inFlight: number
  readonly waiting: number
  readonly paused: boolean
}

interface Waiter {
  resolve(release: ReleaseSlot): void
  reject(error: Error): void
}

/**
 * A window of at most `size` outstanding submit_sm (REFERENCE.md, SMPP: throughput per bind ≈
 * window ÷ round-trip time). Further submits wait in FIFO order; a pause holds them all.
 * @example const window = createSubmitWindow(10); const release = await window.acquire(); … release()
 */
export function createSubmitWindow(size: number): SubmitWindow {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`window must be ≥ 1, got ${size}`)
  const waiters: Waiter[] = []
  let inFlight = 0
  let pauseTimer: NodeJS.Timeout | undefined

  function makeRelease(): ReleaseSlot {
    let released = false
    return () => {
      if (released) return
      released = true
      inFlight--
      drain()
    }
  }

  function drain(): void {
    while (pauseTimer === undefined && inFlight < size) {
      const next = waiters.shift()
      if (next === undefined) return
      inFlight++
      next.resolve(makeRelease())
    }
  }

  return {
    acquire() {
      return new Promise<ReleaseSlot>((resolve, reject) => {
        waiters.push({ resolve, reject })
        drain()
      })
    },
    pause(ms) {
      if (pauseTimer !== undefined) clearTimeout(pauseTimer)
      pauseTimer = setTimeout(() => {
        pauseTimer = undefined
        drain()
      }, ms)
    },
    rejectWaiting(error) {
      for (const waiter of waiters.splice(0)) waiter.reject(error)
    },
    close() {
      if (pauseTimer !== undefined) clearTimeout(pauseTimer)
      pauseTimer = undefined
    },
    get inFlight() {
      return inFlight
    },
    get waiting() {
      return waiters.length
    },
    get paused() {
      return pauseTimer !== undefined
    },
  }
}
