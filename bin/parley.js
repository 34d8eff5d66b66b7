#!/usr/bin/env node
// Entry point for the installed `parley` command: load tsx, then the TypeScript CLI.
import { register } from 'tsx/esm/api'
register()
await import('../src/cli/main.ts')
