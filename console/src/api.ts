import { createApiClient, fetchTransport, type KeyValueStorage, passwordSignIn } from '@hospital/shared/api';
import { currentLocale } from './i18n';

// The client itself is shared (shared/src/api): typed calls, tokens and their rotation, errors in the reader's
// language. What is the console's own: the browser's fetch and localStorage, and staff signing in by password.
export { ApiError, isApiError, messageOf } from '@hospital/shared/api';

/** localStorage, or nothing when the browser refuses it (the sign-in then lasts as long as the page). */
const memory = new Map<string, string>();
export const browserStorage: KeyValueStorage = {
  get: (key) => {
    try {
      return localStorage.getItem(key) ?? undefined;
    } catch {
      return memory.get(key);
    }
  },
  set: (key, value) => {
    try {
      localStorage.setItem(key, value);
    } catch {
      memory.set(key, value);
    }
  },
  remove: (key) => {
    try {
      localStorage.removeItem(key);
    } catch {
      memory.delete(key);
    }
  },
};

/**
 * The console's API client: `api.call('audit.list', { query })`. Staff sign in on the sign-in page
 * (`api.signIn({ username, password })`); the tokens are kept under `console.auth.` (the H5 app on the same
 * origin keeps its own). An expired access token is refreshed by the client; when the sign-in has ended (refresh
 * refused, signed out elsewhere, password changed on another computer) `api.signedIn` turns false and the
 * session gate (session/gate.tsx) sends the user to sign in, remembering the page.
 */
export const api = createApiClient({
  baseUrl: '',
  transport: fetchTransport((input, init) => fetch(input, init)),
  storage: browserStorage,
  storageKeyPrefix: 'console.auth.',
  signIn: passwordSignIn(),
  locale: currentLocale,
});
