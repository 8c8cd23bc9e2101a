// The web client: hash routes for the views (#/, #/user/NAME, #/login, #/register), forms
// that call the functions, and the messages for every error they return.

import { invoke } from './api.js';
import {
  clearFieldErrors, clearMessages, showError, showFieldError, showNotice, showRetryLater,
} from './messages.js';
import { clearSession, loadSession, saveSession } from './session.js';
import {
  countCodeUnits, countTextElements, maxPostCodeUnits, maxPostLength,
} from './text.js';
import { Timeline } from './timeline.js';

const $ = (id) => document.getElementById(id);

const views = { login: $('view-login'), register: $('view-register'), timeline: $('view-timeline') };
const timeline = new Timeline($('posts'), $('older'), $('posts-empty'), $('posts-end'));

function parseRoute(hash) {
  if (hash === '#/login') {
    return { view: 'login' };
  }
  if (hash === '#/register') {
    return { view: 'register' };
  }
  const user = /^#\/user\/(.+)$/.exec(hash);
  if (user) {
    try {
      return { view: 'timeline', username: decodeURIComponent(user[1]) };
    } catch {
      return { view: 'timeline', username: user[1] };
    }
  }
  return { view: 'timeline', username: null };
}

// A message to show once the next view is rendered, since a route change clears messages.
let pendingMessage = null;

/** Moves to a view and shows `message` ({error} or {notice}) there. */
function navigate(hash, message = null) {
  pendingMessage = message;
  if (location.hash === hash) {
    changeRoute();
  } else {
    location.hash = hash;
  }
}

function changeRoute() {
  clearMessages();
  if (pendingMessage?.error) {
    showError(pendingMessage.error);
  } else if (pendingMessage?.notice) {
    showNotice(pendingMessage.notice);
  }
  pendingMessage = null;
  render({ moveFocus: true });
}

async function render({ moveFocus }) {
  const route = parseRoute(location.hash);
  for (const [name, view] of Object.entries(views)) {
    view.hidden = name !== route.view;
  }
  updateAccount();

  if (route.view === 'timeline') {
    const title = route.username ? `Posts by @${route.username}` : 'Timeline';
    $('timeline-title').textContent = title;
    document.title = `${title} · Microblog`;
    $('show-all').hidden = route.username === null;
  } else {
    document.title = `${$(`${route.view}-title`).textContent} · Microblog`;
  }

  if (moveFocus) {
    $(`${route.view}-title`).focus();
  }

  if (route.view === 'timeline') {
    try {
      await timeline.reload(route.username);
    } catch (error) {
      showProblem(error, null);
    }
  }
}

function updateAccount() {
  const session = loadSession();
  $('signed-in').hidden = !session;
  $('signed-in-name').textContent = session?.username ?? '';
  $('nav-login').hidden = Boolean(session);
  $('nav-register').hidden = Boolean(session);
  $('logout').hidden = !session;
  $('compose-form').hidden = !session;
  $('compose-hint').hidden = Boolean(session);
}

/** Shows an ApiError: next to its field when the form has one, else in the alert region. */
function showProblem(error, form) {
  if (error?.status === 429) {
    showRetryLater(form, error);
    return;
  }
  const message = error?.message ?? 'Something went wrong. Reload the page and try again.';
  if (form && error?.status === 400 && showFieldError(form, error.field, message)) {
    $('alert').textContent = '';
    return;
  }
  showError(message);
}

/** Signs out after the server rejected the token and opens the login view with the reason. */
function sendToLogin(error) {
  clearSession();
  navigate('#/login', { error: `${error.message} Your session has ended; log in again.` });
}

function formValues(form) {
  return Object.fromEntries(new FormData(form).entries());
}

async function submitForm(event, handler) {
  event.preventDefault();
  const form = event.currentTarget;
  clearFieldErrors(form);
  clearMessages();
  const button = form.querySelector('button[type="submit"]');
  button.disabled = true;
  let failure = null;
  try {
    await handler(form);
  } catch (error) {
    failure = error;
  } finally {
    button.disabled = false;
  }
  if (failure) {
    // After finally, so a 429 can keep the button disabled until the retry time.
    handleFailure(failure, form);
  }
}

function handleFailure(error, form) {
  if (error?.status === 401 && form.id === 'compose-form') {
    sendToLogin(error);
  } else {
    showProblem(error, form);
  }
}

async function logIn(username, password) {
  const login = await invoke('login', { body: { username, password } });
  saveSession(login);
  return login;
}

$('login-form').addEventListener('submit', (event) => submitForm(event, async (form) => {
  const { username, password } = formValues(form);
  const login = await logIn(username, password);
  form.reset();
  navigate('#/', { notice: `Logged in as @${login.username}.` });
}));

$('register-form').addEventListener('submit', (event) => submitForm(event, async (form) => {
  const values = formValues(form);
  const created = await invoke('register', { body: values });
  await logIn(values.username, values.password);
  form.reset();
  navigate('#/', { notice: `Welcome, @${created.username}! Your account is ready and you are logged in.` });
}));

const numberFormat = new Intl.NumberFormat();

function tooManyCodeUnitsMessage(codeUnits) {
  return `A post is at most ${numberFormat.format(maxPostCodeUnits)} UTF-16 code units; `
    + `it has ${numberFormat.format(codeUnits)}. Accents and emoji take several per character.`;
}

/** Returns why the server would reject a post body, in the order it checks, or null. */
function postBodyProblem(body) {
  const length = countTextElements(body);
  if (body.trim() === '' || length > maxPostLength) {
    const reason = length > maxPostLength ? `it has ${length}` : 'it is empty';
    return `A post is 1 to ${maxPostLength} characters; ${reason}.`;
  }
  const codeUnits = countCodeUnits(body);
  return codeUnits > maxPostCodeUnits ? tooManyCodeUnitsMessage(codeUnits) : null;
}

$('compose-form').addEventListener('submit', (event) => submitForm(event, async (form) => {
  const body = $('post-body').value;
  const problem = postBodyProblem(body);
  if (problem) {
    showFieldError(form, 'body', problem);
    return;
  }
  const session = loadSession();
  if (!session) {
    sendToLogin({ message: 'You are not logged in.' });
    return;
  }
  await invoke('add-post', { body: { body }, token: session.token });
  form.reset();
  updateCount();
  showNotice('Posted.');
  await timeline.reload(parseRoute(location.hash).username);
}));

let lastCountState = 'ok';
let showsCodeUnitError = false;

function updateCount() {
  const text = $('post-body').value;
  const length = countTextElements(text);
  const over = length > maxPostLength;
  // The count shows characters, so a post within 500 of them but past the code unit cap
  // would look fine without a message of its own.
  const codeUnits = countCodeUnits(text);
  const overCodeUnits = !over && codeUnits > maxPostCodeUnits;
  const count = $('post-count');
  count.textContent = over
    ? `${length} / ${maxPostLength}, ${length - maxPostLength} too many`
    : `${length} / ${maxPostLength}`;
  count.classList.toggle('over', over || overCodeUnits);
  updateCodeUnitError(overCodeUnits ? tooManyCodeUnitsMessage(codeUnits) : null);

  // Announce crossing a limit only, not every keystroke.
  let state = 'ok';
  let notice = '';
  if (over) {
    state = 'over';
    notice = `Your post is over ${maxPostLength} characters.`;
  } else if (overCodeUnits) {
    state = 'over-code-units';
    notice = `Your post is over ${numberFormat.format(maxPostCodeUnits)} UTF-16 code units.`;
  }
  if (state !== lastCountState) {
    lastCountState = state;
    showNotice(notice);
  }
}

/** Shows the code unit message under the post field while typing, or clears the one shown. */
function updateCodeUnitError(message) {
  const field = $('post-body');
  const error = $('post-body-error');
  if (message) {
    error.textContent = message;
    field.setAttribute('aria-invalid', 'true');
    showsCodeUnitError = true;
  } else if (showsCodeUnitError) {
    error.textContent = '';
    field.removeAttribute('aria-invalid');
    showsCodeUnitError = false;
  }
}

$('post-body').addEventListener('input', updateCount);

$('older').addEventListener('click', async () => {
  clearMessages();
  try {
    const first = await timeline.loadOlder();
    first?.querySelector('article')?.focus();
  } catch (error) {
    showProblem(error, null);
  }
});

$('logout').addEventListener('click', () => {
  clearSession();
  navigate('#/', { notice: 'Logged out.' });
});

// The skip link moves the focus without changing the hash, which holds the current route.
document.querySelector('.skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  $('main').focus();
});

window.addEventListener('hashchange', () => {
  if (location.hash === '' || location.hash.startsWith('#/')) {
    changeRoute();
  }
});

/** Checks a stored token once at start, so an expired one does not look signed in. */
async function checkSession() {
  const session = loadSession();
  if (!session) {
    return;
  }
  try {
    await invoke('validate-jwt', { token: session.token });
  } catch (error) {
    if (error.status === 401) {
      clearSession();
      updateAccount();
      showError('Your session has ended; log in again to post.');
    }
  }
}

render({ moveFocus: false });
checkSession();
