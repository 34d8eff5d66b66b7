import { Type } from '@sinclair/typebox'

/**
 * Response schemas of the desk's read endpoints (settings, customer panel, board, reviews).
 * Times are epoch milliseconds, like the conversation views; a value that is not known is
 * left out rather than null.
 */

const Ms = Type.Integer({ description: 'epoch milliseconds' })
const NamedCode = Type.Object({ code: Type.String(), label: Type.String() })
const Role = Type.Union([Type.Literal('agent'), Type.Literal('supervisor'), Type.Literal('admin')])
const AgentStatus = Type.Union(
  ['available', 'busy', 'not_ready', 'offline'].map((s) => Type.Literal(s)),
)
const Skills = Type.Record(Type.String(), Type.Integer(), {
  description: 'skill id → proficiency 1–5',
})
const Anything = Type.Record(Type.String(), Type.Unknown())

export const DeskSettingsBody = Type.Object({
  notReadyReasons: Type.Array(NamedCode, { description: 'reasons an agent picks to go not ready' }),
  systemNotReadyReasons: Type.Array(NamedCode, {
    description: 'reasons Parley sets itself (an offer left to time out); never picked',
  }),
  dispositions: Type.Array(NamedCode),
  queues: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      dispositions: Type.Array(Type.String(), { description: 'codes allowed at wrap-up' }),
      serviceLevelSeconds: Type.Integer(),
    }),
  ),
  skills: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  standardResponses: Type.Array(
    Type.Object({
      key: Type.String({ description: 'send as { template: key } to …/messages' }),
      category: Type.String(),
      en: Type.Optional(Type.String()),
      fr: Type.Optional(Type.String()),
      placeholders: Type.Array(Type.String(), {
        description:
          '((names)) the bodies use; agentName and the conversation’s captured attributes are filled in when not given',
      }),
    }),
  ),
  reviewCriteria: Type.Array(
    Type.Object({ id: Type.String(), label: Type.String(), maxScore: Type.Integer() }),
  ),
  me: Type.Object({
    id: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    role: Role,
    status: AgentStatus,
    reason: Type.Optional(Type.String({ description: 'the not-ready reason code' })),
    statusSince: Ms,
    capacity: Type.Integer(),
    queues: Type.Array(Type.String()),
    skills: Skills,
  }),
  mayRevealMasked: Type.Boolean({
    description: 'whether POST /v1/conversations/:id/reveal is open to me',
  }),
})

const ConsentStatus = Type.Union(['opted_in', 'opted_out', 'unknown'].map((s) => Type.Literal(s)))

export const CustomerPanelBody = Type.Object({
  contact: Type.Object({
    phone: Type.String(),
    name: Type.Optional(Type.String()),
    email: Type.Optional(Type.String()),
    language: Type.Optional(Type.String()),
  }),
  consents: Type.Array(
    Type.Object({ program: Type.String(), status: ConsentStatus, since: Type.Optional(Ms) }),
  ),
  conversation: Type.Object({
    id: Type.String(),
    status: Type.String(),
    program: Type.Optional(Type.String()),
    category: Type.Optional(Type.String()),
    queueId: Type.Optional(Type.String()),
    queueName: Type.Optional(Type.String()),
    priority: Type.Integer(),
    requiredSkills: Type.Array(Type.String()),
    flagged: Type.Boolean(),
    openedAt: Ms,
  }),
  captured: Type.Array(
    Type.Object({
      attribute: Type.String(),
      capture: Type.String({ description: 'the capture rule' }),
      mask: Type.String({ description: 'what the texts show instead, e.g. [user id]' }),
    }),
    { description: 'captured values, named but not shown: reveal one (supervisors, audited)' },
  ),
  maskedNotStored: Type.Array(Type.String(), {
    description: 'PII kinds masked in the texts and never stored (sin, payment_card, bc_phn…)',
  }),
  attributes: Anything,
  screenPop: Type.Optional(Anything),
  history: Type.Array(
    Type.Object({
      id: Type.String(),
      status: Type.String(),
      queueId: Type.Optional(Type.String()),
      startedAt: Ms,
      endedAt: Type.Optional(Ms),
      disposition: Type.Optional(Type.String()),
      lastText: Type.Optional(
        Type.Object({
          direction: Type.Union([Type.Literal('inbound'), Type.Literal('outbound')]),
          preview: Type.String({ description: 'the first 100 characters, masked as stored' }),
          at: Ms,
        }),
      ),
    }),
  ),
})

export const RevealBody = Type.Object({
  attribute: Type.String(),
  value: Type.String(),
  revealedAt: Ms,
})

const ConversationView = Type.Object({
  id: Type.String(),
  status: Type.String(),
  queueId: Type.Optional(Type.String()),
  agentId: Type.Optional(Type.String()),
  customerNumber: Type.String(),
  ourNumber: Type.String(),
  program: Type.Optional(Type.String()),
  category: Type.Optional(Type.String()),
  priority: Type.Integer(),
  flagged: Type.Boolean(),
  attributes: Anything,
  openedAt: Ms,
  acceptedAt: Type.Optional(Ms),
  endedAt: Type.Optional(Ms),
  closedAt: Type.Optional(Ms),
  closeReason: Type.Optional(Type.String()),
})

const ServiceLevel = Type.Object(
  {
    since: Type.Integer({ description: 'local midnight (the server’s time zone), epoch ms' }),
    thresholdSeconds: Type.Integer(),
    arrived: Type.Integer(),
    answered: Type.Integer(),
    answeredWithinThreshold: Type.Integer(),
    abandoned: Type.Integer(),
    waiting: Type.Integer(),
    waitingPastThreshold: Type.Integer(),
    movedAway: Type.Integer(),
    percent: Type.Union([Type.Number(), Type.Null()], {
      description:
        'answeredWithinThreshold ÷ (answered + abandoned + waitingPastThreshold) × 100, one decimal; null before any outcome',
    }),
  },
  { description: 'today’s service level; arrivals since `since`' },
)

export const QueuesBody = Type.Object({
  queues: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      counts: Type.Object({
        waiting: Type.Integer(),
        offered: Type.Integer(),
        active: Type.Integer(),
        ended: Type.Integer({ description: 'ended, awaiting wrap-up' }),
      }),
      agents: Type.Record(Type.String(), Type.Integer(), {
        description: 'agents serving the queue, by status',
      }),
      agentsByReason: Type.Record(Type.String(), Type.Integer(), {
        description: 'agents serving the queue who are not ready, by reason code',
      }),
      waiting: Type.Array(
        Type.Composite([ConversationView, Type.Object({ waitedMs: Type.Integer() })]),
      ),
      oldestWaitMs: Type.Integer(),
      serviceLevel: ServiceLevel,
    }),
  ),
})

export const AgentsBody = Type.Object({
  agents: Type.Array(
    Type.Object({
      id: Type.String(),
      username: Type.String(),
      displayName: Type.String(),
      role: Role,
      status: AgentStatus,
      reason: Type.Optional(Type.String({ description: 'the not-ready reason code' })),
      statusSince: Ms,
      inStatusMs: Type.Integer(),
      capacity: Type.Integer(),
      queues: Type.Array(Type.String()),
      skills: Skills,
      activeCount: Type.Integer(),
      conversations: Type.Array(
        Type.Object({
          id: Type.String(),
          status: Type.Union(['offered', 'active', 'ended'].map((s) => Type.Literal(s))),
          queueId: Type.Optional(Type.String()),
        }),
      ),
    }),
  ),
})

export const ReviewBody = Type.Object({
  id: Type.String(),
  conversationId: Type.String(),
  reviewer: Type.Object({ id: Type.String(), username: Type.String(), displayName: Type.String() }),
  scores: Type.Record(Type.String(), Type.Integer(), { description: 'criterion id → score' }),
  total: Type.Integer(),
  maxTotal: Type.Integer(),
  comment: Type.Optional(Type.String()),
  createdAt: Ms,
})
