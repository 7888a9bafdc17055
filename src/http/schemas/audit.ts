import { Type } from 'typebox'

/** The answer of an audit-chain verification (operator's and an organization's). */
export const AuditVerification = Type.Object({
  ok: Type.Boolean(),
  chains: Type.Array(
    Type.Object({
      chainId: Type.Integer(),
      firstSeq: Type.Integer(),
      lastSeq: Type.Integer(),
      links: Type.Integer(),
      headHash: Type.String(),
    }),
  ),
  problem: Type.Union([
    Type.Object({
      chainId: Type.Integer(),
      seq: Type.Integer(),
      eventId: Type.Union([Type.Integer(), Type.Null()]),
      kind: Type.String(),
      message: Type.String(),
    }),
    Type.Null(),
  ]),
  unsealedEvents: Type.Integer(),
})
