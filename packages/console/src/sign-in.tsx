// Sign-in: an admin or analyst key is exchanged for a session cookie (signIn). The key is
// sent once and kept nowhere in the page; the cookie is HttpOnly, so no script can read it.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { request, succeeded } from './api/client';
import { graphql } from './gql';
import { ErrorNotice } from './ui/ui';

const SignInDocument = graphql(`
  mutation SignIn($key: String!) {
    signIn(input: { key: $key }) { __typename ... on MutationSignInSuccess { data { expiresAt viewer { name scopes } } } ... on Error { message } ... on InvalidInputError { path } }
  }
`);

export function SignInPage() {
  const queries = useQueryClient();
  const [key, setKey] = useState('');
  useEffect(() => {
    document.title = 'Sign in · Cohort console';
  }, []);
  const signIn = useMutation({
    mutationFn: async () => succeeded((await request(SignInDocument, { key })).signIn),
    onSuccess: async () => {
      setKey('');
      await queries.invalidateQueries();
    },
  });
  return (
    <main id="main" className="sign-in">
      <form
        className="card"
        onSubmit={(event) => {
          event.preventDefault();
          signIn.mutate();
        }}
      >
        <h1>Cohort console</h1>
        <p>Sign in with an admin key, or an analyst key to look without changing anything.</p>
        <div className="field">
          <label htmlFor="api-key">API key</label>
          <input
            id="api-key"
            type="password"
            autoComplete="off"
            value={key}
            onChange={(event) => setKey(event.target.value)}
            placeholder="cohort_…"
            required
            aria-describedby="api-key-help"
          />
          <small id="api-key-help" className="help">
            The first start of Cohort printed one; <code>npm run keys -- create --name me --scope admin</code> makes another.
          </small>
        </div>
        <ErrorNotice error={signIn.error} />
        <button type="submit" className="primary" disabled={signIn.isPending || key.trim() === ''}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
