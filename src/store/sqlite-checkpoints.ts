import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/** Background checkpoints of one SQLite file's write-ahead log. */
export interface Checkpoints {
  /** Stops the thread (after the checkpoint under way, if any). */
  stop(): Promise<void>
}

// Plain JavaScript: the thread loads no TypeScript and nothing of Parley's.
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file, { timeout: 5000 })
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)') } catch (error) { parentPort.postMessage(String(error)) }
}, workerData.everyMs)
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close() })
`

/**
 * Copies the write-ahead log back into the database file every `everyMs`, from a thread with a
 * connection of its own, for a connection that has `wal_autocheckpoint` off. SQLite otherwise
 * checkpoints inside whichever commit passes 1,000 pages of log: that commit copies the pages
 * and syncs the file on the event loop, a stall of milliseconds every second or so under load,
 * and about a third of all commit time in the inbound benchmark. A PASSIVE checkpoint never
 * waits for the writer nor holds it up; the writer starts the log over once it has all been
 * copied. A failed checkpoint is reported to `onError` and tried again at the next interval.
 * @example const checkpoints = startCheckpoints('./data/parley.db', 250, (e) => logger.warn(e))
 */
export function startCheckpoints(
  file: string,
  everyMs: number,
  onError: (message: string) => void,
): Checkpoints {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(THREAD, {
    eval: true,
    workerData: { driver, file, everyMs },
    // it allocates almost nothing: a small heap keeps the thread's memory small
    resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 },
  })
  worker.on('message', (message: string) => onError(message))
  worker.on('error', (error) => onError(String(error)))
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
