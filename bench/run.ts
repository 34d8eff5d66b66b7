import { cpus } from 'node:os'
import type { Figures, Scenario } from './scenario.ts'
import { acceptScenario } from './scenarios/accept.ts'
import { broadcastScenario } from './scenarios/broadcast.ts'
import { inboundScenario } from './scenarios/inbound.ts'
import { matcherScenario } from './scenarios/matcher.ts'
import { screeningScenario } from './scenarios/screening.ts'
import { segmentsScenario } from './scenarios/segments.ts'
import { smppDispatchScenario } from './scenarios/smpp-dispatch.ts'
import { webScenario } from './scenarios/web.ts'

/** Every scenario, in the order `npm run bench` runs them. Add new ones here. */
const SCENARIOS: readonly Scenario[] = [
  segmentsScenario,
  screeningScenario,
  matcherScenario,
  acceptScenario,
  broadcastScenario,
  smppDispatchScenario,
  inboundScenario,
  webScenario,
]

/**
 * `npm run bench [-- <scenario>…] [--json]`: runs the named scenarios (all by default), each
 * printing a table; `--json` also prints every figure as one JSON object at the end.
 * Figures vary by machine and load: compare runs on the same machine, never assert on them.
 */
async function main(args: readonly string[]): Promise<number> {
  const json = args.includes('--json')
  const names = args.filter((arg) => arg !== '--json')
  const unknown = names.filter((name) => !SCENARIOS.some((s) => s.name === name))
  if (unknown.length > 0) {
    const known = SCENARIOS.map((s) => s.name).join(', ')
    console.error(`bench: unknown scenario ${unknown.join(', ')} (known: ${known})`)
    return 2
  }
  const chosen = names.length === 0 ? SCENARIOS : SCENARIOS.filter((s) => names.includes(s.name))
  const cpu = cpus()[0]?.model ?? 'unknown CPU'
  console.log(
    `# Parley bench — Node ${process.version}, ${process.platform}/${process.arch}, ${cpu}`,
  )
  const all: Record<string, Figures> = {}
  for (const scenario of chosen) {
    console.log(`\n## ${scenario.name}: ${scenario.description}\n`)
    all[scenario.name] = await scenario.run()
  }
  if (json) console.log(`\n${JSON.stringify(all, null, 2)}`)
  return 0
}

process.exitCode = await main(process.argv.slice(2))
