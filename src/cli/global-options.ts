import type { Command } from 'commander'
import { loadConfig } from '../config/load-config.ts'
import type { Config } from '../config/schema.ts'

export interface GlobalOptions {
  config?: string
  verbose?: boolean
}

/** Loads the configuration named by --config (or PARLEY_CONFIG, or the example). */
export function configFrom(command: Command): Config {
  const options = command.optsWithGlobals<GlobalOptions>()
  return loadConfig({ path: options.config })
}
