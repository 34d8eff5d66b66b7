/**
 * A binary min-heap of agents by (idleSince, id), with lazy deletion: each entry remembers the
 * item's version when pushed, and an entry whose item has moved on is stale and skipped.
 * Entries are parallel arrays, not objects: the router pushes an entry into every pool an agent
 * rejoins, and objects would become old-generation garbage the GC must later collect in pauses.
 */
export interface VersionedHeap<T extends { readonly version: number }> {
  items: T[]
  versions: number[]
  idle: number[]
  ids: string[]
}

/** @example createHeap<AgentSlot>().items.length // 0 */
export function createHeap<T extends { readonly version: number }>(): VersionedHeap<T> {
  return { items: [], versions: [], idle: [], ids: [] }
}

/** Adds the item's current version. */
export function pushEntry<T extends { readonly version: number }>(
  heap: VersionedHeap<T>,
  item: T,
  idleSince: number,
  id: string,
): void {
  const { items, versions, idle, ids } = heap
  let i = items.length
  items.push(item)
  versions.push(item.version)
  idle.push(idleSince)
  ids.push(id)
  while (i > 0) {
    const parent = (i - 1) >> 1
    const above = idle[parent] as number
    if (above < idleSince || (above === idleSince && (ids[parent] as string) <= id)) break
    move(heap, parent, i)
    i = parent
  }
  set(heap, i, item, item.version, idleSince, id)
}

/** Whether the entry at `i` belongs to an older version of its item. */
export function isStaleAt<T extends { readonly version: number }>(
  heap: VersionedHeap<T>,
  i: number,
): boolean {
  return (heap.items[i] as T).version !== heap.versions[i]
}

/** Pops stale entries off the top, so the top (index 0), if any, is live. */
export function dropStaleTop<T extends { readonly version: number }>(heap: VersionedHeap<T>): void {
  while (heap.items.length > 0 && isStaleAt(heap, 0)) popTop(heap)
}

/** Removes the top entry. */
export function popTop<T extends { readonly version: number }>(heap: VersionedHeap<T>): void {
  const { items, versions, idle, ids } = heap
  const item = items.pop()
  const version = versions.pop()
  const idleSince = idle.pop()
  const id = ids.pop()
  if (items.length === 0 || item === undefined) return
  siftDown(heap, 0, item, version as number, idleSince as number, id as string)
}

/** Drops every stale entry and rebuilds the heap bottom-up in O(n). */
export function compactHeap<T extends { readonly version: number }>(heap: VersionedHeap<T>): void {
  const live = createHeap<T>()
  heap.items.forEach((item, i) => {
    if (item.version !== heap.versions[i]) return
    live.items.push(item)
    live.versions.push(item.version)
    live.idle.push(heap.idle[i] as number)
    live.ids.push(heap.ids[i] as string)
  })
  for (let i = (live.items.length >> 1) - 1; i >= 0; i--) {
    const item = live.items[i] as T
    siftDown(live, i, item, item.version, live.idle[i] as number, live.ids[i] as string)
  }
  Object.assign(heap, live)
}

function siftDown<T extends { readonly version: number }>(
  heap: VersionedHeap<T>,
  start: number,
  item: T,
  version: number,
  idleSince: number,
  id: string,
): void {
  const { idle, ids } = heap
  const n = heap.items.length
  let i = start
  for (;;) {
    let child = 2 * i + 1
    if (child >= n) break
    const right = child + 1
    if (
      right < n &&
      before(
        idle[right] as number,
        ids[right] as string,
        idle[child] as number,
        ids[child] as string,
      )
    ) {
      child = right
    }
    if (!before(idle[child] as number, ids[child] as string, idleSince, id)) break
    move(heap, child, i)
    i = child
  }
  set(heap, i, item, version, idleSince, id)
}

function before(idleA: number, idA: string, idleB: number, idB: string): boolean {
  return idleA < idleB || (idleA === idleB && idA < idB)
}

function move<T extends { readonly version: number }>(
  heap: VersionedHeap<T>,
  from: number,
  to: number,
): void {
  heap.items[to] = heap.items[from] as T
  heap.versions[to] = heap.versions[from] as number
  heap.idle[to] = heap.idle[from] as number
  heap.ids[to] = heap.ids[from] as string
}

function set<T extends { readonly version: number }>(
  heap: VersionedHeap<T>,
  i: number,
  item: T,
  version: number,
  idleSince: number,
  id: string,
): void {
  heap.items[i] = item
  heap.versions[i] = version
  heap.idle[i] = idleSince
  heap.ids[i] = id
}
