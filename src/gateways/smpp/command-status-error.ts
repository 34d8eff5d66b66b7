import { SendError } from '../gateway.ts'

// SMPP v3.4 §5.1.3 command_status values with a meaning of their own.
const THROTTLED = 0x58 // ESME_RTHROTTLED: exceeded the allowed message limits
const MSG_Q_FULL = 0x14 // ESME_RMSGQFUL: the SMSC's queue is full

/**
 * command_status values treated as temporary: retrying later may succeed.
 * 0x58 throttled and 0x14 queue full also pause the whole bind (see the gateway); 0x08 is the
 * SMSC's own system error; 0x04 means the SMSC thinks we are not bound (we rebind); 0x64 is a
 * temporary application error at the receiving end.
 */
export const RETRYABLE_COMMAND_STATUSES: ReadonlyMap<
  number,
  { code: 'throttled' | 'unavailable' | 'not_bound'; name: string }
> = new Map([
  [THROTTLED, { code: 'throttled', name: 'ESME_RTHROTTLED' }],
  [MSG_Q_FULL, { code: 'throttled', name: 'ESME_RMSGQFUL' }],
  [0x08, { code: 'unavailable', name: 'ESME_RSYSERR' }],
  [0x04, { code: 'not_bound', name: 'ESME_RINVBNDSTS' }],
  [0x64, { code: 'unavailable', name: 'ESME_RX_T_APPN' }],
])

// Address problems: the number, not the message, is wrong.
const INVALID_NUMBER = new Map([
  [0x0b, 'ESME_RINVDSTADR'],
  [0x50, 'ESME_RINVDSTTON'],
  [0x51, 'ESME_RINVDSTNPI'],
])

/** Whether a command_status asks the bind to pause its submissions (throttling). */
export function pausesBind(commandStatus: number): boolean {
  return commandStatus === THROTTLED || commandStatus === MSG_Q_FULL
}

/**
 * Translates a non-zero submit_sm_resp command_status into a SendError. Every status not listed
 * in RETRYABLE_COMMAND_STATUSES or as an address error is a permanent rejection.
 * @example sendErrorForCommandStatus(0x58).code // 'throttled'
 */
export function sendErrorForCommandStatus(commandStatus: number): SendError {
  const hex = `0x${commandStatus.toString(16).padStart(8, '0')}`
  const retryable = RETRYABLE_COMMAND_STATUSES.get(commandStatus)
  if (retryable !== undefined) {
    return new SendError(retryable.code, true, `SMSC answered ${retryable.name} (${hex})`, {
      carrierCode: hex,
    })
  }
  const invalid = INVALID_NUMBER.get(commandStatus)
  if (invalid !== undefined) {
    return new SendError('invalid_number', false, `SMSC answered ${invalid} (${hex})`, {
      carrierCode: hex,
    })
  }
  return new SendError('rejected', false, `SMSC rejected the message (${hex})`, {
    carrierCode: hex,
  })
}
