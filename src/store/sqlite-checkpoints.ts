import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/** Background checkpoints of one SQLite file's write-ahead log. */
export interface Checkpoints {
  /** Stops the thread (after the checkpoint under way, if any). */
  stop(): Promise<void>
}

export interface CheckpointOptions {
  /** How often the thread copies the log into the database file. */
  everyMs: number
  /** Frames of log past which the writer is asked to start it over (`onLongLog`). */
  restartFrames: number
  /**
   * The log is long and nearly all copied: the writer's connection should run a PASSIVE
   * checkpoint of its own between transactions, so its next transaction starts the log over.
   */
  onLongLog: () => void
  onError: (message: string) => void
}

// Plain JavaScript: the thread loads no TypeScript and nothing of Parley's. After a pass that
// leaves a long log it runs a second one at once, which copies only what was committed during
// the first, so the writer's own checkpoint has almost nothing left to copy.
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file, { timeout: 5000 })
const pass = () => db.pragma('wal_checkpoint(PASSIVE)')[0].log
const timer = setInterval(() => {
  try {
    if (pass() < workerData.restartFrames) return
    pass()
    parentPort.postMessage({ longLog: true })
  } catch (error) { parentPort.postMessage({ error: String(error) }) }
}, workerData.everyMs)
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close() })
`

/**
 * Copies the write-ahead log back into the database file every `everyMs`, from a thread with a
 * connection of its own, for a connection that has `wal_autocheckpoint` off. SQLite otherwise
 * checkpoints inside whichever commit passes 1,000 pages of log: that commit copies the pages
 * and syncs the file on the event loop, a stall of milliseconds every second or so under load,
 * and about a third of all commit time in the inbound benchmark. A PASSIVE checkpoint never
 * waits for the writer nor holds it up.
 *
 * Copying is not enough to keep the log short: the writer starts it over only when one of its
 * transactions begins with every frame already copied, and under steady load there is always a
 * commit newer than the last pass (the log reached 464 MB in 13 s at 1,000 texts/s). So once the
 * log passes `restartFrames` the thread calls for `onLongLog` (decision 0015). A failed
 * checkpoint is reported to `onError` and tried again at the next interval.
 * @example const checkpoints = startCheckpoints('./data/parley.db', { everyMs: 250, restartFrames: 8192, onLongLog, onError })
 */
export function startCheckpoints(file: string, options: CheckpointOptions): Checkpoints {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(THREAD, {
    eval: true,
    workerData: { driver, file, everyMs: options.everyMs, restartFrames: options.restartFrames },
    // it allocates almost nothing: a small heap keeps the thread's memory small
    resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 },
  })
  worker.on('message', (message: { longLog?: true; error?: string }) => {
    if (message.longLog) options.onLongLog()
    if (message.error !== undefined) options.onError(message.error)
  })
  worker.on('error', (error) => options.onError(String(error)))
  worker.unref()
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
  return {
    stop: async () => {
      worker.ref() // kept out of the process's lifetime until now; now it is waited for
      worker.postMessage('stop')
      await exited
    },
  }
}
