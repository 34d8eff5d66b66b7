import { Type } from '@sinclair/typebox'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import type { App } from '../../app/compose.ts'
import { inspectText } from '../../app/inspect-text.ts'
import { readRoutingConfig } from '../../app/read-routing-config.ts'
import { readTrunks } from '../../app/read-trunks.ts'
import { unwrap } from './desk-support.ts'
import { Encoding, Iso, Phone, requireAdmin } from './admin-support.ts'

const Trunk = Type.Object({
  name: Type.String(),
  type: Type.Union([Type.Literal('sandbox'), Type.Literal('twilio'), Type.Literal('smpp')]),
  enabled: Type.Boolean(),
  isDefault: Type.Boolean({ description: 'senders whose trunk is disabled send through it' }),
  senders: Type.Array(Type.Object({ number: Type.String(), label: Type.Optional(Type.String()) })),
  carries: Type.Array(Type.String(), { description: 'sender numbers whose texts it sends now' }),
  failoverFor: Type.Array(Type.String(), { description: 'programs failing over to it' }),
  health: Type.Object({
    state: Type.Union(['up', 'down', 'connecting', 'disabled'].map((s) => Type.Literal(s))),
    detail: Type.Optional(Type.String()),
    since: Type.Optional(Iso),
  }),
  breaker: Type.Object({
    state: Type.Union(['closed', 'open', 'half_open'].map((s) => Type.Literal(s))),
    failures: Type.Integer({ description: 'consecutive retryable failures' }),
    openUntil: Type.Optional(Iso),
  }),
  settings: Type.Record(
    Type.String(),
    Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Array(Type.String())]),
    { description: 'non-secret settings; secretEnv names the variable holding the secret' },
  ),
})

const NamedCode = Type.Object({ code: Type.String(), label: Type.String() })
const KeywordGroup = Type.Object({
  words: Type.Object({ en: Type.Array(Type.String()), fr: Type.Array(Type.String()) }),
  reply: Type.Object(
    { en: Type.String(), fr: Type.String() },
    { description: '((programName)) and ((supportNumber)) are filled when sent' },
  ),
})
const Routing = Type.Object({
  queues: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      description: Type.Optional(Type.String()),
      dispositions: Type.Array(NamedCode),
      acknowledgementTemplate: Type.Optional(Type.String()),
      serviceLevelSeconds: Type.Integer(),
      aging: Type.Object({
        everySeconds: Type.Integer(),
        step: Type.Integer(),
        max: Type.Integer(),
      }),
      relaxSkillsAfterSeconds: Type.Array(Type.Integer()),
    }),
  ),
  skills: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  dispositions: Type.Array(NamedCode),
  notReadyReasons: Type.Array(NamedCode),
  screening: Type.Array(
    Type.Object({
      name: Type.String(),
      match: Type.Optional(
        Type.Object({
          keyword: Type.Optional(Type.Array(Type.String())),
          pattern: Type.Optional(Type.String({ description: 'RE2 syntax' })),
          from: Type.Optional(Type.Array(Type.String())),
          fromPrefix: Type.Optional(Type.Array(Type.String())),
          to: Type.Optional(Type.Array(Type.String())),
        }),
      ),
      category: Type.String(),
      queue: Type.String(),
      priority: Type.Integer(),
      skills: Type.Array(Type.String()),
    }),
    { description: 'in order; the first match wins and the last (no match) is the default' },
  ),
  programs: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      sender: Type.String(),
      supportNumber: Type.String(),
      requiresOptIn: Type.Boolean(),
      failoverTrunk: Type.Optional(Type.String()),
      captures: Type.Array(
        Type.Object({
          name: Type.String(),
          pattern: Type.String(),
          attribute: Type.String(),
          mask: Type.String(),
        }),
      ),
      maskPii: Type.Array(Type.String()),
    }),
  ),
  keywordSets: Type.Array(
    Type.Object({
      sender: Type.String(),
      label: Type.Optional(Type.String()),
      program: Type.Optional(Type.String()),
      optOut: KeywordGroup,
      optIn: KeywordGroup,
      help: KeywordGroup,
    }),
    { description: 'the keywords in force for texts to each of our numbers' },
  ),
})

const TestBody = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 1600 }),
    from: Type.Optional(Phone),
    to: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 32,
        description: "one of our sender numbers (default: the program's, else the first)",
      }),
    ),
    program: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description: 'default: the first program sending from `to`',
      }),
    ),
  },
  { additionalProperties: false },
)
const TestResult = Type.Object({
  text: Type.String(),
  from: Type.String(),
  to: Type.String(),
  program: Type.Union([Type.String(), Type.Null()]),
  encoding: Encoding,
  segments: Type.Integer(),
  units: Type.Integer(),
  ucs2Characters: Type.Array(Type.String()),
  keyword: Type.Object({
    intent: Type.Union(
      ['opt_out', 'opt_in', 'help', 'possible_opt_out', 'none'].map((s) => Type.Literal(s)),
    ),
    language: Type.Union([Type.Literal('en'), Type.Literal('fr')]),
    keyword: Type.Union([Type.String(), Type.Null()]),
  }),
  screening: Type.Object({
    rule: Type.String(),
    category: Type.String(),
    queue: Type.String(),
    priority: Type.Integer(),
    skills: Type.Array(Type.String()),
    attributes: Type.Record(Type.String(), Type.String()),
    maskedText: Type.String(),
  }),
  pii: Type.Array(Type.String(), { description: 'kinds of personal information found' }),
})

/**
 * The running configuration as administrators see it (read-only, never a secret): trunks with
 * their live state, the routing setup, and a "test a message" that screens a text with the
 * rules already compiled.
 */
export function adminConfigRoutes(app: App) {
  const admin = requireAdmin(app)
  return (instance: FastifyInstance) => {
    const server = instance.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['administration']
    server.get(
      '/v1/admin/trunks',
      {
        onRequest: admin,
        schema: {
          tags,
          summary: 'Carrier trunks with their senders, live health and breaker',
          response: { 200: Type.Object({ trunks: Type.Array(Trunk) }) },
        },
      },
      () => ({ trunks: readTrunks(app) }),
    )
    server.get(
      '/v1/admin/routing',
      {
        onRequest: admin,
        schema: {
          tags,
          summary: 'Queues, skills, codes, screening rules and keyword sets in force',
          response: { 200: Routing },
        },
      },
      () => readRoutingConfig(app.config),
    )
    server.post(
      '/v1/admin/screening/test',
      {
        onRequest: admin,
        schema: {
          tags,
          summary: 'How a text would be classified, screened and masked (no text is sent)',
          body: TestBody,
          response: { 200: TestResult },
        },
      },
      (request) => {
        const found = unwrap(inspectText(app.config, request.body)).inspection
        return {
          ...found,
          ucs2Characters: [...found.ucs2Characters],
          screening: { ...found.screening, skills: [...found.screening.skills] },
          pii: [...found.pii],
        }
      },
    )
  }
}
