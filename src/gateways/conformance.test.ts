import { runGatewayConformance } from './conformance.ts'
import { createSandboxGateway } from './sandbox/sandbox-gateway.ts'
import { createTwilioGateway } from './twilio/twilio-gateway.ts'
import { startFakeTwilioApi } from './twilio/testing/fake-twilio-api.ts'
import { createSmppGateway } from './smpp/smpp-gateway.ts'
import { startFakeSmsc } from './smpp/testing/fake-smsc.ts'

const clock = { now: () => Date.now() }

runGatewayConformance('sandbox', () =>
  Promise.resolve({
    gateway: createSandboxGateway(
      { name: 'sandbox', deliveryDelayMs: 10, failTemporary: [], failPermanent: [] },
      { clock },
    ),
    deliver: () => undefined, // the sandbox delivers by itself
    close: () => Promise.resolve(),
  }),
)

runGatewayConformance('twilio (local HTTP server speaking the Messages API)', async () => {
  const api = await startFakeTwilioApi()
  const gateway = createTwilioGateway(
    {
      name: 'twilio',
      accountSid: 'AC00000000000000000000000000000001',
      authToken: 'token',
      baseUrl: api.baseUrl,
      statusCallbackUrl: 'https://parley.example.ca/webhooks/twilio/status',
      timeoutMs: 2000,
    },
    { fetch, clock },
  )
  return {
    gateway,
    // What the HTTP layer does with Twilio's callbacks once their signature is checked.
    deliver: (_sms, result) => {
      for (const status of ['sent', 'delivered']) {
        gateway.acceptStatusCallback({
          MessageSid: result.carrierIds[0] ?? '',
          MessageStatus: status,
        })
      }
    },
    close: () => api.close(),
  }
})

runGatewayConformance('smpp (fake SMSC over TCP on 127.0.0.1)', async () => {
  const smsc = await startFakeSmsc({ systemId: 'parley', password: 'pw', receiptDelayMs: 10 })
  const gateway = createSmppGateway(
    {
      name: 'smpp',
      host: '127.0.0.1',
      port: smsc.port,
      systemId: 'parley',
      password: 'pw',
      window: 10,
      enquireLinkMs: 5000,
      rebind: { initialMs: 50, maxMs: 500 },
      throttleBackoffMs: 100,
      submitTimeoutMs: 2000,
    },
    { clock },
  )
  return { gateway, deliver: () => undefined, close: () => smsc.close() }
})
