/** Figures a scenario reports, by name: `'gsm7 plain ops/s': 1234567`. */
export type Figures = Record<string, string | number>

/** One benchmark scenario; `npm run bench -- <name>` runs only the named ones. */
export interface Scenario {
  readonly name: string
  readonly description: string
  /** Measures, prints its figures as a small table, and returns them. */
  run(): Promise<Figures>
}
