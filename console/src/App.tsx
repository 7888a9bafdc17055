import { useEffect, useState } from 'preact/hooks'
import { TesseraApiError } from '@tessera/sdk'
import { identify, type Identity } from './api/identity.js'
import { Layout } from './components/Layout.js'
import { Loading } from './components/Loading.js'
import { navigate, usePath } from './router.js'
import { Screens } from './Screens.js'
import { SignIn } from './screens/SignIn.js'
import { forgetKey, storeKey, storedKey } from './session.js'

type State =
  | { phase: 'checking' }
  | { phase: 'signed-out'; notice: string | null }
  | { phase: 'signed-in'; identity: Identity }

/** Signed out: the sign-in form. Signed in: the screens the key's kind and role allow. */
export function App() {
  const path = usePath()
  const [state, setState] = useState<State>(() =>
    storedKey() ? { phase: 'checking' } : { phase: 'signed-out', notice: null },
  )

  useEffect(() => {
    const key = storedKey()
    if (!key) return
    identify(key).then(
      (identity) => setState({ phase: 'signed-in', identity }),
      (error: unknown) => {
        // a key that stopped working (revoked) is forgotten; a network failure keeps it
        if (error instanceof TesseraApiError && error.status === 401) forgetKey()
        setState({
          phase: 'signed-out',
          notice: `Could not use the stored key: ${error instanceof Error ? error.message : String(error)}`,
        })
      },
    )
  }, [])

  if (state.phase === 'checking') return <Loading what="your session" />
  if (state.phase === 'signed-out') {
    return (
      <SignIn
        notice={state.notice}
        onSignIn={async (key) => {
          const identity = await identify(key)
          storeKey(key)
          setState({ phase: 'signed-in', identity })
          navigate(home(identity), { replace: true })
        }}
      />
    )
  }
  const { identity } = state
  return (
    <Layout
      identity={identity}
      path={path}
      onSignOut={() => {
        forgetKey()
        setState({ phase: 'signed-out', notice: 'Signed out: the key is forgotten.' })
        navigate('/', { replace: true })
      }}
    >
      <Screens identity={identity} path={path === '/' ? home(identity) : path} />
    </Layout>
  )
}

function home(identity: Identity): string {
  return identity.whoami.kind === 'operator' ? '/organizations' : '/clients'
}
