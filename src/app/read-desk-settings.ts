import type { Config } from '../config/schema.ts'
import { NOT_RESPONDING } from '../domain/routing/agent-transitions.ts'
import type { User } from './manage-users.ts'
import { mayRevealMasked } from './reveal-attribute.ts'
import { describeStandardResponse, standardResponses } from './standard-responses.ts'

type NamedCode = { code: string; label: string }

export interface DeskSettings {
  /** Reasons an agent picks from to go not ready. */
  notReadyReasons: NamedCode[]
  /** Reasons Parley sets itself (an offer let time out); never picked. */
  systemNotReadyReasons: NamedCode[]
  dispositions: NamedCode[]
  queues: { id: string; name: string; dispositions: string[]; serviceLevelSeconds: number }[]
  skills: { id: string; name: string }[]
  standardResponses: ReturnType<typeof describeStandardResponse>[]
  reviewCriteria: { id: string; label: string; maxScore: number }[]
  me: {
    id: string
    username: string
    displayName: string
    role: User['role']
    status: User['status']
    reason: string | undefined
    statusSince: number
    capacity: number
    queues: string[]
    skills: Record<string, number>
  }
  /** Whether the signed-in person may reveal a conversation's captured values. */
  mayRevealMasked: boolean
}

/**
 * Everything a desk needs to render, from the configuration and the signed-in person: the
 * codes and labels, the queues, skills, standard responses, the review scorecard, and who I am.
 * @example readDeskSettings(config, me).standardResponses[0] // { key: 'appointment_reminder', placeholders: ['date', 'time', 'office'], … }
 */
export function readDeskSettings(config: Config, me: User): DeskSettings {
  return {
    notReadyReasons: config.notReadyReasons.map(({ code, label }) => ({ code, label })),
    systemNotReadyReasons: [{ code: NOT_RESPONDING.code, label: NOT_RESPONDING.label }],
    dispositions: config.dispositions.map(({ code, label }) => ({ code, label })),
    queues: config.queues.map((q) => ({
      id: q.id,
      name: q.name,
      dispositions: [...q.dispositions],
      serviceLevelSeconds: q.serviceLevelSeconds,
    })),
    skills: config.skills.map(({ id, name }) => ({ id, name })),
    standardResponses: standardResponses(config).map(describeStandardResponse),
    reviewCriteria: config.qualityReview.criteria.map(({ id, label, maxScore }) => ({
      id,
      label,
      maxScore,
    })),
    me: {
      id: me.id,
      username: me.username,
      displayName: me.displayName,
      role: me.role,
      status: me.status,
      reason: me.notReadyReason,
      statusSince: me.statusSince,
      capacity: me.capacity,
      queues: [...me.queues],
      skills: { ...me.skills },
    },
    mayRevealMasked: mayRevealMasked(me),
  }
}
