// Calls the five functions through the gateway on this origin and turns every failure into
// an ApiError that carries the problem body's message and field.

/** A failed call: HTTP status (0 when the server could not be reached), message and field. */
export class ApiError extends Error {
  constructor(status, message, field = null, retryAfterSeconds = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * Invokes a function and returns its JSON body, or throws an ApiError.
 * `query` becomes the query string (for GET); `body` is sent as JSON; `token` as a bearer header.
 */
export async function invoke(name, { method = 'POST', query, body, token } = {}) {
  const url = new URL(`/function/${name}`, location.origin);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') {
      url.searchParams.set(key, String(value));
    }
  }

  const headers = { Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }

  let response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    throw new ApiError(0, 'Could not reach the server. Check your connection and try again.');
  }

  const data = await readJson(response);
  if (response.ok) {
    return data;
  }

  const message = data?.detail ?? data?.error
    ?? `The server returned ${response.status} ${response.statusText}.`.replace(' .', '.');
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  throw new ApiError(response.status, message, data?.field ?? null, retryAfter);
}

async function readJson(response) {
  const text = await response.text();
  if (!text) {
    return null;
  }
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Returns the wait in whole seconds from a Retry-After value (seconds or an HTTP date). */
export function parseRetryAfter(value, now = Date.now()) {
  if (!value) {
    return null;
  }
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    return Number(text);
  }
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}
