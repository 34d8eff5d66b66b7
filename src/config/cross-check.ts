import type { ConfigProblem } from './config-error.ts'
import type { RawConfig, TrunkConfig } from './schema.ts'

/**
 * Checks the references between sections (a sender's trunk exists, a queue's
 * dispositions are defined, …) once every section has the right shape.
 * @example crossCheck(config, trunks) // [] when every reference resolves
 */
export function crossCheck(
  config: RawConfig,
  trunks: Record<string, TrunkConfig>,
): ConfigProblem[] {
  const problems: ConfigProblem[] = []
  const refer = (path: string, value: string, known: ReadonlySet<string>, what: string) => {
    if (!known.has(value)) {
      const list = [...known].join(', ') || 'none defined'
      problems.push({
        path,
        expected: `a ${what} defined in the configuration (${list})`,
        got: JSON.stringify(value),
      })
    }
  }
  const unique = (section: string, values: readonly string[]) => {
    const seen = new Set<string>()
    values.forEach((value, index) => {
      if (seen.has(value))
        problems.push({
          path: `/${section}/${index}`,
          expected: 'a unique id',
          got: `duplicate ${JSON.stringify(value)}`,
        })
      seen.add(value)
    })
  }

  const trunkNames = new Set(Object.keys(trunks))
  const senders = new Set(config.senders.map((s) => s.number))
  const queues = new Set(config.queues.map((q) => q.id))
  const skills = new Set(config.skills.map((s) => s.id))
  const dispositions = new Set(config.dispositions.map((d) => d.code))
  const templates = new Set(config.templates.map((t) => t.key))

  unique(
    'senders',
    config.senders.map((s) => s.number),
  )
  unique(
    'programs',
    config.programs.map((p) => p.id),
  )
  unique(
    'queues',
    config.queues.map((q) => q.id),
  )
  unique(
    'skills',
    config.skills.map((s) => s.id),
  )
  unique(
    'templates',
    config.templates.map((t) => t.key),
  )
  unique(
    'dispositions',
    config.dispositions.map((d) => d.code),
  )
  unique(
    'notReadyReasons',
    config.notReadyReasons.map((r) => r.code),
  )
  unique(
    'screening',
    config.screening.map((r) => r.name),
  )
  unique(
    'qualityReview/criteria',
    config.qualityReview.criteria.map((c) => c.id),
  )

  refer('/defaultTrunk', config.defaultTrunk, trunkNames, 'trunk')
  config.senders.forEach((s, i) => refer(`/senders/${i}/trunk`, s.trunk, trunkNames, 'trunk'))
  config.programs.forEach((p, i) => {
    refer(`/programs/${i}/sender`, p.sender, senders, 'sender number')
    if (p.failoverTrunk) refer(`/programs/${i}/failoverTrunk`, p.failoverTrunk, trunkNames, 'trunk')
  })
  config.queues.forEach((q, i) => {
    q.dispositions.forEach((d, j) =>
      refer(`/queues/${i}/dispositions/${j}`, d, dispositions, 'disposition code'),
    )
    if (q.acknowledgementTemplate) {
      refer(
        `/queues/${i}/acknowledgementTemplate`,
        q.acknowledgementTemplate,
        templates,
        'template key',
      )
    }
  })
  config.screening.forEach((rule, i) => {
    refer(`/screening/${i}/queue`, rule.queue, queues, 'queue')
    rule.skills.forEach((s, j) => refer(`/screening/${i}/skills/${j}`, s, skills, 'skill'))
  })
  refer('/surveys/queue', config.surveys.queue, queues, 'queue')
  config.templates.forEach((t, i) => {
    if (!t.en && !t.fr)
      problems.push({ path: `/templates/${i}`, expected: 'an en or fr variant', got: 'neither' })
  })
  return problems
}
