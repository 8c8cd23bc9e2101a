// The login token lives in sessionStorage only, so it ends with the browser tab and is
// never sent as a cookie.

const storageKey = 'microblog.session';

/** Returns {username, token, expires_at} of the current login, or null. */
export function loadSession() {
  let session;
  try {
    session = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null');
  } catch {
    session = null;
  }
  if (!session?.token || !session.username) {
    return null;
  }
  if (session.expires_at && Date.parse(session.expires_at) <= Date.now()) {
    clearSession();
    return null;
  }
  return session;
}

export function saveSession({ username, token, expires_at }) {
  sessionStorage.setItem(storageKey, JSON.stringify({ username, token, expires_at }));
}

export function clearSession() {
  sessionStorage.removeItem(storageKey);
}
