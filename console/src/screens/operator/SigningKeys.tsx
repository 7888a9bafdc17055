import { useState } from 'preact/hooks'
import type { Identity } from '../../api/identity.js'
import { ConfirmButton } from '../../components/ConfirmButton.js'
import { ErrorMessage } from '../../components/ErrorMessage.js'
import { Loading } from '../../components/Loading.js'
import { Time } from '../../components/Time.js'
import { useLoad } from '../../components/use-load.js'

interface SigningKeyRow {
  kid: string
  alg: string
  state: 'active' | 'verifying' | 'expired'
  createdAt: string
  retiredAt: string | null
  verifyUntil: string | null
}

const STATE_TEXT = {
  active: 'active (signs new tokens)',
  verifying: 'retired (verifies the tokens it signed)',
  expired: 'expired (no token left to verify)',
} as const

/** The access-token signing keys: kid, algorithm, state, age; rotate. */
export function SigningKeys({ identity }: { identity: Identity }) {
  const keys = useLoad(
    () => identity.rest.data<SigningKeyRow[]>({ path: '/v2/admin/signing-keys' }),
    [],
  )
  const [notice, setNotice] = useState<string | null>(null)
  return (
    <>
      <h1>Signing keys</h1>
      <p class="muted">
        One key signs access tokens; after a rotation the previous one keeps verifying the tokens it
        signed until they have expired, then leaves the JWKS.
      </p>
      <div class="actions">
        <ConfirmButton
          label="Rotate signing key"
          confirm="Rotate"
          action={async () => {
            const rotated = await identity.operator!.signingKeys.rotate()
            setNotice(`New signing key ${rotated.kid} (${rotated.alg}) is active.`)
            keys.reload()
          }}
        >
          <p>
            Make a new key the signer? Tokens already issued stay valid; verifiers that cache the
            JWKS pick up the new key on their next refresh of it.
          </p>
        </ConfirmButton>
      </div>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      {keys.loading && !keys.data ? <Loading what="signing keys" /> : null}
      <ErrorMessage error={keys.error} />
      {keys.data ? (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Key id (kid)</th>
                <th scope="col">Algorithm</th>
                <th scope="col">State</th>
                <th scope="col">Created</th>
                <th scope="col">Verifies until</th>
              </tr>
            </thead>
            <tbody>
              {keys.data.map((key) => (
                <tr key={key.kid}>
                  <td>
                    <code>{key.kid}</code>
                  </td>
                  <td>{key.alg}</td>
                  <td>{STATE_TEXT[key.state]}</td>
                  <td>
                    <Time value={key.createdAt} />
                  </td>
                  <td>{key.state === 'active' ? '—' : <Time value={key.verifyUntil} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  )
}
