import { keywordSetFor } from '../config/compiled-rules.ts'
import type { Config } from '../config/schema.ts'
import type { KeywordGroup } from '../domain/keywords/keyword-set.ts'
import type { Language } from '../domain/language.ts'

interface NamedCode {
  code: string
  label: string
}

export interface KeywordGroupView {
  words: Record<Language, string[]>
  /** May hold ((programName)) and ((supportNumber)), filled when the reply is sent. */
  reply: Record<Language, string>
}

export interface RoutingConfigView {
  queues: {
    id: string
    name: string
    description: string | undefined
    dispositions: NamedCode[]
    acknowledgementTemplate: string | undefined
    serviceLevelSeconds: number
    aging: { everySeconds: number; step: number; max: number }
    relaxSkillsAfterSeconds: number[]
  }[]
  skills: { id: string; name: string }[]
  dispositions: NamedCode[]
  notReadyReasons: NamedCode[]
  /** In order: the first rule that matches wins; the last one (no match) is the default. */
  screening: {
    name: string
    match:
      | {
          keyword?: string[]
          pattern?: string
          from?: string[]
          fromPrefix?: string[]
          to?: string[]
        }
      | undefined
    category: string
    queue: string
    priority: number
    skills: string[]
  }[]
  programs: {
    id: string
    name: string
    sender: string
    supportNumber: string
    requiresOptIn: boolean
    failoverTrunk: string | undefined
    captures: { name: string; pattern: string; attribute: string; mask: string }[]
    maskPii: string[]
  }[]
  /** The keywords in force for texts to each of our numbers (built-ins merged with overrides). */
  keywordSets: {
    sender: string
    label: string | undefined
    program: string | undefined
    optOut: KeywordGroupView
    optIn: KeywordGroupView
    help: KeywordGroupView
  }[]
}

/**
 * The routing half of the running configuration, read-only, as the administration screens show
 * it: queues with their disposition labels, skills, codes, screening rules in order, programs'
 * capture rules, and the keyword set in force per sender number. No secrets live in these
 * sections.
 * @example readRoutingConfig(config).keywordSets[0].optOut.words.fr // ['ARRET', 'ARRÊT', …]
 */
export function readRoutingConfig(config: Config): RoutingConfigView {
  const labels = new Map(config.dispositions.map((d) => [d.code, d.label]))
  return {
    queues: config.queues.map((q) => ({
      id: q.id,
      name: q.name,
      description: q.description,
      dispositions: q.dispositions.map((code) => ({ code, label: labels.get(code) ?? code })),
      acknowledgementTemplate: q.acknowledgementTemplate,
      serviceLevelSeconds: q.serviceLevelSeconds,
      aging: { ...q.aging },
      relaxSkillsAfterSeconds: [...q.relaxSkillsAfterSeconds],
    })),
    skills: config.skills.map((s) => ({ ...s })),
    dispositions: config.dispositions.map((d) => ({ ...d })),
    notReadyReasons: config.notReadyReasons.map((r) => ({ ...r })),
    screening: config.screening.map((rule) => ({
      name: rule.name,
      match: rule.match && structuredClone(rule.match),
      category: rule.category,
      queue: rule.queue,
      priority: rule.priority,
      skills: [...rule.skills],
    })),
    programs: config.programs.map((p) => ({
      id: p.id,
      name: p.name,
      sender: p.sender,
      supportNumber: p.supportNumber,
      requiresOptIn: p.requiresOptIn,
      failoverTrunk: p.failoverTrunk,
      captures: p.captures.map((c) => ({
        name: c.name,
        pattern: c.pattern,
        attribute: c.attribute,
        mask: c.mask ?? `[${c.name}]`,
      })),
      maskPii: [...p.maskPii],
    })),
    keywordSets: config.senders.map((sender) => {
      // as for a real text: the first program sending from the number applies
      const program = config.programs.find((p) => p.sender === sender.number)?.id
      const set = keywordSetFor(config, { program, sender: sender.number })
      return {
        sender: sender.number,
        label: sender.label,
        program,
        optOut: groupView(set.optOut),
        optIn: groupView(set.optIn),
        help: groupView(set.help),
      }
    }),
  }
}

function groupView(group: KeywordGroup): KeywordGroupView {
  return {
    words: { en: [...group.words.en], fr: [...group.words.fr] },
    reply: { ...group.reply },
  }
}
