import type { WaitingClass } from './waiting-class.ts'

/**
 * The index of the class whose cursor conversation comes first in routing order: higher
 * effective priority, then waited longest, then smaller id (compareWaitingRank, inlined: it
 * runs for every class on every decision).
 */
export function bestClass(classes: readonly WaitingClass[]): number {
  let best = 0
  let top = classes[0]
  if (top === undefined) return best
  for (let i = 1; i < classes.length; i++) {
    const other = classes[i] as WaitingClass
    if (
      other.cursorRank > top.cursorRank ||
      (other.cursorRank === top.cursorRank &&
        (other.cursorAt < top.cursorAt ||
          (other.cursorAt === top.cursorAt && other.cursorId < top.cursorId)))
    ) {
      best = i
      top = other
    }
  }
  return best
}
